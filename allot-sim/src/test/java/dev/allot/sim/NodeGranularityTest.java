package dev.allot.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Jobs are placed on nodes: free GPUs scattered over nodes do not make room for a job. */
class NodeGranularityTest {
    @Test
    void aTwoGpuJobWaitsWhenTwoFreeGpusSitOnDifferentNodes() {
        TestLab lab = TestLab.lab().type("A100", 1.0).pool("A100", 8, 4).project("p1", "exploratory", "A100:8");
        TestTrace trace =
                TestTrace.trace().job("p1", 0, 3, 10).job("p1", 0, 3, 10).job("p1", 0, 2, 10);

        Replay replay = Replay.of(lab, trace.build(), "strict");

        assertThat(replay.start(0)).isEqualTo(0);
        assertThat(replay.start(1)).isEqualTo(0);
        assertThat(replay.start(2)).isEqualTo(10);
    }

    @Test
    void aMultiNodeJobTakesWholeNodesPlusARemainderAndLeavesTheRestUsable() {
        TestLab lab = TestLab.lab().type("A100", 1.0).pool("A100", 16, 8).project("p1", "exploratory", "A100:16");
        TestTrace trace =
                TestTrace.trace().job("p1", 0, 12, 10).job("p1", 0, 8, 10).job("p1", 0, 4, 10);

        Replay replay = Replay.of(lab, trace.build(), "strict");

        assertThat(replay.start(0)).isEqualTo(0);
        assertThat(replay.start(1)).as("an 8-GPU job needs a whole free node").isEqualTo(10);
        assertThat(replay.start(2))
                .as("the 4 GPUs left on the second node fit a 4-GPU job")
                .isEqualTo(0);
    }

    @Test
    void aJobLargerThanEveryPoolIsRejected() {
        TestLab lab = TestLab.lab().type("A100", 1.0).pool("A100", 8, 8).project("p1", "exploratory", "A100:8");

        Replay replay = Replay.of(lab, TestTrace.trace().job("p1", 0, 16, 10).build(), "fairshare");

        assertThat(replay.project("p1").totals().rejected()).isEqualTo(1);
    }

    @Test
    void aJobRunsOnTheFastestTypeItMayUse() {
        TestLab lab = TestLab.lab()
                .type("A100", 1.0)
                .type("H100", 2.0)
                .pool("A100", 8, 8)
                .pool("H100", 8, 8)
                .project("p1", "exploratory", "A100:8 H100:8");
        TestTrace trace =
                TestTrace.trace().job("p1", 0, 8, 100).job("p1", 0, 8, 100).job("p1", 0, 8, 100, 0, "A100");

        Replay replay = Replay.of(lab, trace.build(), "strict");

        assertThat(replay.finish(0)).as("H100 runs it at twice the speed").isEqualTo(50);
        assertThat(replay.finish(1)).as("A100 is next best while H100 is busy").isEqualTo(100);
        assertThat(replay.start(2)).as("restricted to A100, waits for it").isEqualTo(100);
    }
}
