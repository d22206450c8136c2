package dev.allot.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Hand-computed scenarios: a few jobs on one 8-GPU node, exact start and finish times under each policy.
 * Projects p1 (exploratory) and p2 (product) are granted 4 GPUs each. p1 submits two 4-GPU jobs of 100 s at t=0;
 * p2 submits one 2-GPU job of 50 s at t=10.
 */
class PolicyScenarioTest {
    private static final TestLab LAB = TestLab.lab()
            .type("A100", 1.0)
            .pool("A100", 8, 8)
            .project("p1", "exploratory", "A100:4")
            .project("p2", "product", "A100:4");
    private static final TestTrace TRACE =
            TestTrace.trace().job("p1", 0, 4, 100).job("p1", 0, 4, 100).job("p2", 10, 2, 50);

    @Test
    void strictQuotasMakeTheSecondJobOfP1WaitAlthoughHalfTheNodeIsIdle() {
        Replay replay = Replay.of(LAB, TRACE.build(), "strict");

        assertThat(replay.start(0)).isEqualTo(0);
        assertThat(replay.finish(0)).isEqualTo(100);
        assertThat(replay.start(1)).isEqualTo(100);
        assertThat(replay.finish(1)).isEqualTo(200);
        assertThat(replay.start(2)).isEqualTo(10);
        assertThat(replay.finish(2)).isEqualTo(60);
        assertThat(replay.project("p1").totals().borrowedGpuHours()).isZero();
        assertThat(replay.project("p1").totals().queueSeconds().max()).isEqualTo(100);
        assertThat(replay.outcome.cluster().utilisationWhileArriving())
                .as("4 of 8 GPUs busy until t=10")
                .isEqualTo(0.5);
    }

    @Test
    void lendingLetsP1BorrowUntilP2ReclaimsItsQuotaByPreemptingTheNewestBorrowedJob() {
        Replay replay =
                Replay.of(LAB, TRACE.build(), "lending", SimOptions.defaults().withPreemptionCostSeconds(0));

        assertThat(replay.start(0)).isEqualTo(0);
        assertThat(replay.finish(0)).isEqualTo(100);
        assertThat(replay.start(1)).isEqualTo(0);
        // preempted at t=10 after 10 % of its work; resumes when p2's job leaves at t=60 and needs 90 s more
        assertThat(replay.finish(1)).isCloseTo(150, within(1e-9));
        assertThat(replay.start(2)).isEqualTo(10);
        assertThat(replay.finish(2)).isEqualTo(60);
        assertThat(replay.project("p1").totals().preemptions()).isEqualTo(1);
        // p1 holds 4 GPUs beyond its grant during [0,10) and [60,100): 200 GPU-seconds
        assertThat(replay.project("p1").totals().borrowedGpuHours() * 3600).isCloseTo(200, within(1e-6));
        assertThat(replay.project("p2").totals().lentGpuHours() * 3600).isCloseTo(200, within(1e-6));
        assertThat(replay.outcome.cluster().totals().gpuHours() * 3600).isCloseTo(900, within(1e-6));
        assertThat(replay.outcome.cluster().utilisationWhileArriving()).isEqualTo(1.0);
    }

    @Test
    void fairShareStartsWhateverFitsAndNeverPreempts() {
        Replay replay = Replay.of(LAB, TRACE.build(), "fairshare");

        assertThat(replay.start(1)).isEqualTo(0);
        assertThat(replay.start(2)).isEqualTo(100);
        assertThat(replay.finish(2)).isEqualTo(150);
        assertThat(replay.outcome.cluster().totals().preemptions()).isZero();
        // p2 wanted 2 GPUs from t=10 to t=150 (280 GPU-seconds) and held them from t=100 (100 GPU-seconds)
        assertThat(replay.project("p2").totals().entitlementMet()).isCloseTo(100.0 / 280, within(1e-9));
    }

    @Test
    void fairShareServesTheProjectThatUsedLessFirst() {
        TestLab lab = TestLab.lab()
                .type("A100", 1.0)
                .pool("A100", 4, 4)
                .project("p1", "exploratory", "A100:2")
                .project("p2", "product", "A100:2");
        TestTrace trace =
                TestTrace.trace().job("p1", 0, 4, 100).job("p1", 50, 4, 10).job("p2", 50, 4, 10);

        Replay replay = Replay.of(lab, trace.build(), "fairshare");

        assertThat(replay.start(2)).isEqualTo(100);
        assertThat(replay.start(1)).isEqualTo(110);
    }

    @Test
    void strictQuotasRejectJobsLargerThanTheGrantInsteadOfQueueingThemForever() {
        TestLab lab = TestLab.lab()
                .type("A100", 1.0)
                .pool("A100", 4, 4)
                .project("p1", "exploratory", "A100:2")
                .project("p2", "product", "A100:2");
        TestTrace trace = TestTrace.trace().job("p1", 0, 4, 100).job("p1", 1, 2, 10);

        Replay replay = Replay.of(lab, trace.build(), "strict");

        assertThat(replay.project("p1").totals().rejected()).isEqualTo(1);
        assertThat(replay.start(1)).isEqualTo(1);
        assertThat(replay.outcome.cluster().unfinished()).isZero();
    }

    @Test
    void lendingPreemptsNothingWhenEvenAllBorrowedGpusWouldNotMakeRoomOnOneNode() {
        TestLab lab = TestLab.lab()
                .type("A100", 1.0)
                .pool("A100", 16, 8)
                .project("p1", "exploratory", "A100:4")
                .project("p2", "exploratory", "A100:8")
                .project("p3", "product", "A100:4");
        // p1 runs 4 GPUs in quota and borrows 4 on the same node; p3 holds 4 on the other node in its quota.
        TestTrace trace = TestTrace.trace()
                .job("p1", 0, 4, 100)
                .job("p1", 0, 4, 100)
                .job("p3", 0, 4, 300)
                .job("p2", 1, 8, 10);

        Replay replay = Replay.of(lab, trace.build(), "lending");

        // preempting p1's borrowed job frees 4 GPUs next to 4 free ones on the other node: no 8-GPU node, so no victim
        assertThat(replay.outcome.cluster().totals().preemptions()).isZero();
        assertThat(replay.start(3)).isEqualTo(100);
        assertThat(replay.finish(1)).isEqualTo(100);
    }

    @Test
    void withinAProjectHigherPriorityJobsRunFirst() {
        TestLab lab = TestLab.lab().type("A100", 1.0).pool("A100", 8, 8).project("p1", "exploratory", "A100:4");
        TestTrace trace =
                TestTrace.trace().job("p1", 0, 4, 100).job("p1", 1, 4, 10, 0).job("p1", 2, 4, 10, 5);

        Replay replay = Replay.of(lab, trace.build(), "strict");

        assertThat(replay.start(2)).isEqualTo(100);
        assertThat(replay.start(1)).isEqualTo(110);
    }
}
