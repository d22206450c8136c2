package dev.allot.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.allot.sim.report.SummaryTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreemptionCostAndEffectiveUtilisationTest {
    /** One 8-GPU node: "borrower" (no grant) runs 1000 s on it from 0; the owner needs it back at 600 for 100 s. */
    private static Replay reclaimed(double preemptionCostSeconds) {
        TestLab lab = TestLab.lab()
                .type("A100", 1.0)
                .pool("A100", 8, 8)
                .project("owner", "product", "A100:8")
                .project("borrower", "exploratory", "");
        TestTrace trace = TestTrace.trace().job("borrower", 0, 8, 1000).job("owner", 600, 8, 100);
        return Replay.of(
                lab, trace.build(), "lending", SimOptions.defaults().withPreemptionCostSeconds(preemptionCostSeconds));
    }

    @Test
    void aPreemptedJobLosesThePreemptionCostAndTheLossIsReported() {
        Replay costly = reclaimed(SimOptions.DEFAULT_PREEMPTION_COST_SECONDS);

        assertThat(costly.finish(1)).isEqualTo(700);
        assertThat(costly.finish(0))
                .as("600 s ran, 300 s of them lost: 700 s left after 700")
                .isEqualTo(1400);
        Totals borrower = costly.project("borrower").totals();
        assertThat(borrower.preemptions()).isEqualTo(1);
        assertThat(borrower.workLostGpuHours()).isCloseTo(8 * 300 / 3600.0, within(1e-9));
        assertThat(costly.outcome.cluster().totals().workLostGpuHours()).isCloseTo(8 * 300 / 3600.0, within(1e-9));
        assertThat(SummaryTable.render(List.of(costly.outcome))).contains("preemptions / work lost GPU-h");
    }

    @Test
    void withoutCostThePreemptedJobResumesWhereItStopped() {
        Replay free = reclaimed(0);

        assertThat(free.finish(0)).isEqualTo(1100);
        assertThat(free.project("borrower").totals().workLostGpuHours()).isZero();
    }

    @Test
    void aJobPreemptedSoonerThanTheCostLosesOnlyWhatItRan() {
        TestLab lab = TestLab.lab()
                .type("A100", 1.0)
                .pool("A100", 8, 8)
                .project("owner", "product", "A100:8")
                .project("borrower", "exploratory", "");
        TestTrace trace = TestTrace.trace().job("borrower", 0, 8, 1000).job("owner", 100, 8, 100);

        Replay replay = Replay.of(lab, trace.build(), "lending", SimOptions.defaults());

        assertThat(replay.finish(0)).as("restarts from scratch at 200").isEqualTo(1200);
        assertThat(replay.project("borrower").totals().workLostGpuHours()).isCloseTo(8 * 100 / 3600.0, within(1e-9));
    }

    @Test
    void effectiveUtilisationWeighsBusyGpusByTheirSpeedAndRanksPolicies() {
        TestLab lab = TestLab.lab()
                .type("H100", 2.0)
                .type("V100", 0.5)
                .pool("H100", 8, 8)
                .pool("V100", 8, 8)
                .project("slow", "product", "V100:8")
                .project("idle", "product", "H100:8");
        TestTrace trace = TestTrace.trace();
        for (int i = 0; i < 4; i++) {
            trace.job("slow", 0, 8, 3600);
        }

        Replay strict = Replay.of(lab, trace.build(), "strict");
        Replay lending = Replay.of(lab, trace.build(), "lending");

        ClusterOutcome onlySlow = strict.outcome.cluster();
        assertThat(onlySlow.utilisation()).as("half the GPUs busy all along").isCloseTo(0.5, within(1e-9));
        assertThat(onlySlow.effectiveUtilisation())
                .as("8 x 0.5 of 8 x 2 + 8 x 0.5")
                .isCloseTo(0.2, within(1e-9));
        assertThat(lending.outcome.cluster().effectiveUtilisation()).isGreaterThan(onlySlow.effectiveUtilisation());
        assertThat(SummaryTable.ranking(List.of(strict.outcome, lending.outcome)))
                .startsWith("lending ");
        assertThat(SummaryTable.render(List.of(strict.outcome, lending.outcome)))
                .contains("effective utilisation while jobs arrive (ranked)")
                .contains("effective utilisation over the makespan")
                .contains("Ranked by effective utilisation while jobs arrive: lending ");
    }

    /**
     * "a" holds the 8 fast GPUs; "b" holds 8 GPUs ten times slower and never uses them. "a" submits two 8-GPU jobs of
     * 1,000 s at 0 and a 1-GPU job at 1,000 s. Strict quotas run the second job after the first, on the fast GPUs
     * (done at 2,000 s); lending starts it at once on b's slow GPUs, where it runs 10,000 s. Lending kept every GPU
     * busy while jobs arrived, strict only the fast ones, but lending's one slow job stretches its makespan fivefold.
     */
    @Test
    void policiesAreRankedWhileJobsArriveNotOverAMakespanThatOneSlowBorrowedJobStretches() {
        TestLab lab = TestLab.lab()
                .type("H100", 1.0)
                .type("K80", 0.1)
                .pool("H100", 8, 8)
                .pool("K80", 8, 8)
                .project("a", "product", "H100:8")
                .project("b", "product", "K80:8");
        TestTrace trace =
                TestTrace.trace().job("a", 0, 8, 1000).job("a", 0, 8, 1000).job("a", 1000, 1, 1);

        Replay strict = Replay.of(lab, trace.build(), "strict");
        Replay lending = Replay.of(lab, trace.build(), "lending");

        assertThat(lending.finish(1)).as("on the slow GPUs").isCloseTo(10_000, within(1e-6));
        assertThat(strict.finish(1)).as("after the first, on the fast GPUs").isCloseTo(2000, within(1e-6));
        ClusterOutcome strictCluster = strict.outcome.cluster();
        ClusterOutcome lendingCluster = lending.outcome.cluster();
        assertThat(lendingCluster.effectiveUtilisation())
                .as("over the makespan lending looks worse: 16,001 of 8.8 x 10,000 effective GPU-seconds")
                .isCloseTo(16_001 / 88_000.0, within(1e-9))
                .isLessThan(strictCluster.effectiveUtilisation());
        assertThat(lendingCluster.effectiveUtilisationWhileArriving())
                .as("all of 8 x 1 + 8 x 0.1 effective GPUs busy from 0 to 1,000")
                .isCloseTo(1.0, within(1e-9));
        assertThat(strictCluster.effectiveUtilisationWhileArriving())
                .as("8 of 8.8 effective GPUs busy from 0 to 1,000")
                .isCloseTo(8 / 8.8, within(1e-9));
        assertThat(lendingCluster.utilisationWhileArriving()).isCloseTo(1.0, within(1e-9));
        assertThat(strictCluster.utilisationWhileArriving()).isCloseTo(0.5, within(1e-9));
        assertThat(SummaryTable.ranking(List.of(strict.outcome, lending.outcome)))
                .isEqualTo("lending 100.0%, strict 90.9%");
        assertThat(SummaryTable.render(List.of(strict.outcome, lending.outcome)))
                .containsPattern("effective utilisation over the makespan +\\d+\\.\\d% +18\\.2%");
    }
}
