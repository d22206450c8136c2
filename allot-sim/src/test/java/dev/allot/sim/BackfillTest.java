package dev.allot.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every job that fits starts in the pass; the queue discipline decides who may pass a blocked job. */
class BackfillTest {
    private static final double HOURS = 3600;

    @ParameterizedTest
    @ValueSource(strings = {"strict", "lending", "fairshare"})
    void sixtyFourOneGpuJobsSubmittedAtOnceAllStartAtOnceWhenTheyFit(String policy) {
        TestLab lab = TestLab.lab().type("A100", 1.0).pool("A100", 64, 8).project("p", "product", "A100:64");
        TestTrace trace = TestTrace.trace();
        for (int i = 0; i < 64; i++) {
            trace.job("p", 0, 1, 10 * HOURS);
        }

        Replay replay = Replay.of(lab, trace.build(), policy);

        for (long job = 0; job < 64; job++) {
            assertThat(replay.start(job)).as("job %d", job).isZero();
        }
        assertThat(replay.outcome.cluster().makespanSeconds()).isEqualTo(10 * HOURS);
    }

    /**
     * One 8-GPU node. Job 0 (4 GPUs, 100 s) runs; job 1 (8 GPUs) must wait for it; job 2 (4 GPUs, 1000 s) would delay
     * job 1 past 100 s; job 3 (4 GPUs, 50 s) ends before job 0 does.
     */
    private static Replay blockedHead(Backfill backfill) {
        TestLab lab = TestLab.lab().type("A100", 1.0).pool("A100", 8, 8).project("p", "product", "A100:8");
        TestTrace trace = TestTrace.trace()
                .job("p", 0, 4, 100)
                .job("p", 1, 8, 100)
                .job("p", 2, 4, 1000)
                .job("p", 3, 4, 50);
        return Replay.of(lab, trace.build(), "fairshare", SimOptions.defaults().withBackfill(backfill));
    }

    @Test
    void easyBackfillIsTheDefaultAndOnlyLetsJobsPassThatDoNotDelayTheReservedOne() {
        assertThat(SimOptions.defaults().backfill()).isEqualTo(Backfill.EASY);
        Replay easy = blockedHead(Backfill.EASY);

        assertThat(easy.start(1)).as("the 8-GPU job keeps its reservation").isEqualTo(100);
        assertThat(easy.start(2)).as("too long to run before the reservation").isEqualTo(200);
        assertThat(easy.start(3)).as("ends before the reservation starts").isEqualTo(3);
    }

    @Test
    void noBackfillIsFifoPerProject() {
        Replay none = blockedHead(Backfill.NONE);

        assertThat(none.start(1)).isEqualTo(100);
        assertThat(none.start(2)).isEqualTo(200);
        assertThat(none.start(3)).as("waits behind the blocked 8-GPU job").isEqualTo(200);
    }

    @Test
    void fullBackfillStartsWhateverFitsAndCanStarveTheLargeJob() {
        Replay full = blockedHead(Backfill.FULL);

        assertThat(full.start(2)).isEqualTo(2);
        assertThat(full.start(3)).isEqualTo(100);
        assertThat(full.start(1)).as("waits for the long job that passed it").isEqualTo(1002);
    }

    @Test
    void aReservationOnOneTypeDoesNotHoldBackJobsOnAnother() {
        TestLab lab = TestLab.lab()
                .type("A100", 1.0)
                .type("H100", 1.0)
                .pool("A100", 8, 8)
                .pool("H100", 4, 4)
                .project("p", "product", "A100:8 H100:4");
        TestTrace trace = TestTrace.trace()
                .job("p", 0, 4, 100, 0, "A100")
                .job("p", 1, 8, 100, 0, "A100")
                .job("p", 2, 4, 1000, 0, "H100");

        Replay easy = Replay.of(lab, trace.build(), "strict", SimOptions.defaults());

        assertThat(easy.start(2)).isEqualTo(2);
        assertThat(easy.start(1)).isEqualTo(100);
    }
}
