package dev.allot.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ComputeChangeTest {
    private static final Map<GpuTypeId, Double> SPEEDS =
            Map.of(GpuTypeId.of("H200"), 1.4, GpuTypeId.of("H100"), 1.0, GpuTypeId.of("L40S"), 0.3);

    @Test
    void aTypeMoveIsShownWithItsChangeInCompute() {
        ComputeChange change = ComputeChange.of(Allocation.of("H200", 8), Allocation.of("L40S", 8), SPEEDS);

        assertThat(change.typeMove()).contains("moves H200 -> L40S: -79 % compute");
        assertThat(change.direction()).isEqualTo(-1);
    }

    @Test
    void theSameTypesAreNoMove() {
        ComputeChange change = ComputeChange.of(Allocation.of("H100", 8), Allocation.of("H100", 16), SPEEDS);

        assertThat(change.typeMove()).isEmpty();
        assertThat(change.fraction()).isEqualTo(1.0);
    }

    @Test
    void equalComputeOnOtherTypesIsAKeep() {
        Map<GpuTypeId, Double> speeds = Map.of(GpuTypeId.of("A"), 0.1, GpuTypeId.of("B"), 0.3);

        // 0.1 x 30 and 0.3 x 10 differ only in floating-point noise
        assertThat(Decision.between(Allocation.of("A", 30), Allocation.of("B", 10), speeds))
                .isEqualTo(Decision.KEEP);
    }
}
