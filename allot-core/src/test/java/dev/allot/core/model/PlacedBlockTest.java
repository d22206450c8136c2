package dev.allot.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PlacedBlockTest {
    private static final LocalDate DAY = LocalDate.of(2027, 1, 4);
    private static final Block ASKED =
            new Block(ProjectId.of("pre"), GpuTypeId.of("H100"), 64, 10, DAY, DAY.plusDays(20));

    @Test
    void aPlacementOfTheBlocksGpusAndDaysInsideItsWindowPlacesIt() {
        assertThat(placed("pre", "H100", 64, 0, 10).places(ASKED)).isTrue();
        assertThat(placed("pre", "H100", 64, 10, 20).places(ASKED)).isTrue();
    }

    @Test
    void anotherProjectTypeSizeLengthOrADayOutsideTheWindowDoesNot() {
        assertThat(placed("other", "H100", 64, 0, 10).places(ASKED)).isFalse();
        assertThat(placed("pre", "A100", 64, 0, 10).places(ASKED)).isFalse();
        assertThat(placed("pre", "H100", 32, 0, 10).places(ASKED)).isFalse();
        assertThat(placed("pre", "H100", 64, 0, 9).places(ASKED)).isFalse();
        assertThat(placed("pre", "H100", 64, 11, 21).places(ASKED)).isFalse();
        assertThat(placed("pre", "H100", 64, -1, 9).places(ASKED)).isFalse();
    }

    private static PlacedBlock placed(String project, String type, int gpus, int from, int until) {
        return new PlacedBlock(
                ProjectId.of(project), GpuTypeId.of(type), gpus, DAY.plusDays(from), DAY.plusDays(until));
    }
}
