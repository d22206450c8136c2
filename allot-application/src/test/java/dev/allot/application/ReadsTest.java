package dev.allot.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.allot.core.AllotException;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Lab;
import dev.allot.store.Actor;
import dev.allot.store.Store;
import dev.allot.store.TestLabs;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The read-only views over a real in-memory store. */
class ReadsTest {
    private static final CycleId UNKNOWN = CycleId.of("2031-01");

    private final Store store = Store.open("jdbc:h2:mem:reads-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null);
    private final Reads reads = Reads.of(store);
    private final Lab lab = TestLabs.shaped(4, 3).build();

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theNewestCycleIsEmptyUntilALabIsImportedThenItsCycle() {
        assertThat(reads.newestCycle()).isEmpty();

        Application.over(store).cycles().importLab(lab, Actor.system("test"));

        assertThat(reads.newestCycle())
                .hasValueSatisfying(cycle -> assertThat(cycle.value().id()).isEqualTo(lab.cycle()));
    }

    @Test
    void listReadsOfAnUnknownCycleAreNotFoundRatherThanEmpty() {
        Application.over(store).cycles().importLab(lab, Actor.system("test"));
        List<Function<CycleId, ?>> listReads = List.of(
                reads::asks,
                reads::scores,
                reads::pins,
                reads::overrides,
                cycle -> reads.ask(cycle, lab.projects().get(0).id()));

        for (Function<CycleId, ?> read : listReads) {
            AllotException unknown = catchThrowableOfType(AllotException.class, () -> read.apply(UNKNOWN));
            assertThat(unknown).isNotNull();
            assertThat(unknown.kind()).isEqualTo(AllotException.Kind.NOT_FOUND);
            assertThat(read.apply(lab.cycle())).isNotNull();
        }
        assertThat(reads.scores(lab.cycle())).isEqualTo(lab.scores());
    }
}
