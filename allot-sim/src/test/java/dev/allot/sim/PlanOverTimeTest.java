package dev.allot.sim;

import static dev.allot.sim.TestLab.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.allot.core.model.CapacityEvent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A plan over time replayed: grants change at period boundaries, capacity events happen, blocks hold their GPUs. */
class PlanOverTimeTest {
    private static final double DAY = 86_400;
    private static final double LOST = SimOptions.DEFAULT_PREEMPTION_COST_SECONDS;

    @Test
    void aGrantRaisedFromPeriodTwoLetsTheProjectStartMoreJobsFromThatBoundary() {
        TestLab lab = TestLab.lab()
                .type("A100", 1.0)
                .pool("A100", 16, 8)
                .project("a", "product", "A100:8")
                .grantFrom(7, "a", "A100:16");
        TestTrace trace = TestTrace.trace().job("a", 0, 8, 30 * DAY).job("a", 0, 8, 30 * DAY);

        Replay replay = Replay.of(lab, trace.build(), "strict");

        assertThat(replay.start(0)).isZero();
        assertThat(replay.start(1)).as("waits for the second period's grant").isEqualTo(7 * DAY);
        assertThat(replay.outcome.timeline().periods()).isEqualTo(2);
    }

    @Test
    void aJobLargerThanTheFirstGrantWaitsForThePeriodThatFitsItInsteadOfBeingRejected() {
        TestLab lab = TestLab.lab()
                .type("A100", 1.0)
                .pool("A100", 16, 8)
                .project("a", "product", "A100:8")
                .grantFrom(7, "a", "A100:16")
                .grantFrom(14, "a", "A100:8");
        TestTrace trace = TestTrace.trace().job("a", 0, 16, DAY).job("a", 15 * DAY, 16, DAY);

        Replay replay = Replay.of(lab, trace.build(), "strict");

        assertThat(replay.start(0)).isEqualTo(7 * DAY);
        assertThat(replay.project("a").totals().rejected())
                .as("the second job arrives when no later period grants 16 GPUs")
                .isEqualTo(1);
    }

    @Test
    void aLoweredGrantLeavesRunningJobsAloneUnderStrictQuotas() {
        Replay replay = Replay.of(loweredGrantLab(), loweredGrantTrace(), "strict");

        assertThat(replay.project("a").totals().preemptions()).isZero();
        assertThat(replay.start(2)).as("b waits until a's jobs end").isEqualTo(3 * DAY);
    }

    @Test
    void aLoweredGrantTurnsRunningJobsIntoBorrowersThatAnOwnerReclaimsUnderLending() {
        Replay replay = Replay.of(loweredGrantLab(), loweredGrantTrace(), "lending");

        assertThat(replay.start(2)).as("b reclaims its new grant at once").isEqualTo(DAY + 3600);
        assertThat(replay.project("a").totals().preemptions()).isEqualTo(1);
        double[] finishes = {replay.finish(0), replay.finish(1)};
        Arrays.sort(finishes);
        assertThat(finishes[1])
                .as("the preempted job resumes when b's job ends, less the preemption cost")
                .isEqualTo(2 * DAY + 3600 + (3 * DAY - (DAY + 3600 - LOST)));
    }

    /** 16 GPUs: a holds them all until day 1, then 8; b gets 8 from day 1. */
    private static TestLab loweredGrantLab() {
        return TestLab.lab()
                .type("A100", 1.0)
                .pool("A100", 16, 8)
                .project("a", "product", "A100:16")
                .project("b", "exploratory", "")
                .grantFrom(1, "a", "A100:8")
                .grantFrom(1, "b", "A100:8");
    }

    private static dev.allot.sim.trace.Trace loweredGrantTrace() {
        return TestTrace.trace()
                .job("a", 0, 8, 3 * DAY)
                .job("a", 0, 8, 3 * DAY)
                .job("b", DAY + 3600, 8, DAY)
                .build();
    }

    @Test
    void anOutagePreemptsTheJobsOnTheRemovedGpusAndTheyResumeAfterIt() {
        TestLab lab = TestLab.lab()
                .type("A100", 1.0)
                .pool("A100", 16, 8)
                .project("a", "product", "A100:16")
                .event(CapacityEvent.outage("a100-0", 8, day(2), day(4)));
        TestTrace trace = TestTrace.trace().job("a", 0, 8, 10 * DAY).job("a", 0, 8, 10 * DAY);

        Replay replay = Replay.of(lab, trace.build(), "strict");

        double[] finishes = {replay.finish(0), replay.finish(1)};
        Arrays.sort(finishes);
        assertThat(finishes[0]).isEqualTo(10 * DAY);
        assertThat(finishes[1])
                .as("stopped on day 2, back on day 4 with 8 days and the preemption cost left")
                .isEqualTo(4 * DAY + 8 * DAY + LOST);
        CapacityEventOutcome outage = replay.outcome.timeline().capacityEvents().get(0);
        assertThat(outage.jobsPreempted()).isEqualTo(1);
        assertThat(outage.workLostGpuHours()).isCloseTo(8 * LOST / 3600, within(1e-9));
        assertThat(outage.event()).isEqualTo("outage a100-0 -8 from 2026-12-03 until 2026-12-05");
        assertThat(replay.project("a").totals().preemptions()).isEqualTo(1);
    }

    @Test
    void anArrivalAddsGpusFromItsDayAndUtilisationCountsThemFromThen() {
        TestLab lab = TestLab.lab()
                .type("A100", 1.0)
                .pool("A100", 8, 8)
                .project("a", "product", "A100:16")
                .event(CapacityEvent.arrival("a100-0", 8, day(3)));
        TestTrace trace = TestTrace.trace().job("a", 0, 8, 10 * DAY).job("a", 0, 8, 10 * DAY);

        Replay replay = Replay.of(lab, trace.build(), "strict");

        assertThat(replay.start(1)).isEqualTo(3 * DAY);
        double makespan = 13 * DAY;
        assertThat(replay.outcome.cluster().utilisation())
                .as("busy GPU-seconds over 8 GPUs all along and 8 more from day 3")
                .isCloseTo(2 * 8 * 10 * DAY / (8 * makespan + 8 * (makespan - 3 * DAY)), within(1e-12));
    }

    @Test
    void aBlockRunStartsOnItsFirstDayAndOtherProjectsQueuedJobsDoNotTakeItsGpus() {
        TestLab lab = TestLab.lab()
                .type("A100", 1.0)
                .pool("A100", 32, 8)
                .project("big", "exploratory", "A100:8")
                .project("other", "product", "A100:24")
                .block("big", "A100", 16, 1, 3);
        TestTrace trace = TestTrace.trace();
        for (int i = 0; i < 4; i++) {
            trace.job("other", 0, 8, 5 * DAY);
        }

        Replay replay = Replay.of(lab, trace.build(), "lending");

        BlockOutcome block = replay.block(0);
        assertThat(block.status()).isEqualTo("on time");
        assertThat(block.startedSeconds()).isEqualTo(DAY);
        assertThat(block.delaySeconds()).isZero();
        assertThat(block.finishedSeconds()).isEqualTo(3 * DAY);
        assertThat(block.jobsDisplaced())
                .as("two of other's jobs held the two nodes it took")
                .isEqualTo(2);
        double[] finishes = new double[4];
        Arrays.setAll(finishes, replay::finish);
        Arrays.sort(finishes);
        assertThat(finishes)
                .as("the stopped jobs wait, within other's grant, until the block's nodes come back on day 3")
                .containsExactly(5 * DAY, 5 * DAY, 3 * DAY + 5 * DAY - (DAY - LOST), 3 * DAY + 5 * DAY - (DAY - LOST));
        assertThat(replay.project("big").totals().borrowedGpuHours())
                .as("the block comes on top of big's grant")
                .isZero();
        assertThat(dev.allot.sim.report.JsonReport.write(java.util.List.of(replay.outcome)))
                .contains("\"start\" : \"2026-12-02\"", "\"status\" : \"on time\"", "\"jobsDisplaced\" : 2");
        assertThat(dev.allot.sim.report.TimelineTable.render(java.util.List.of(replay.outcome)))
                .isEqualTo("""
                        plan over time                                             lending
                        periods (day 0 = 2026-12-01)                                     1
                        block big: 16 A100 2026-12-02..2026-12-04  on time, 2 jobs stopped
                        """);
    }

    @Test
    void aBlockThatCannotStartOnTimeForWantOfCapacityIsReportedLateWithTheReason() {
        TestLab lab = TestLab.lab()
                .type("A100", 1.0)
                .pool("A100", 16, 8)
                .project("big", "exploratory", "")
                .project("other", "product", "A100:8")
                .event(CapacityEvent.outage("a100-0", 8, day(1), day(2)))
                .block("big", "A100", 16, 1, 3);
        TestTrace trace = TestTrace.trace().job("other", 0, 1, 60);

        Replay replay = Replay.of(lab, trace.build(), "strict");

        BlockOutcome block = replay.block(0);
        assertThat(block.status()).isEqualTo("late");
        assertThat(block.onTime()).isFalse();
        assertThat(block.startedSeconds()).isEqualTo(2 * DAY);
        assertThat(block.delaySeconds()).isEqualTo(DAY);
        assertThat(block.finishedSeconds()).isEqualTo(4 * DAY);
        assertThat(block.waitReason())
                .isEqualTo("needs 16 A100 in whole nodes of one pool; on day 1.0 8 A100 were in service");
        assertThat(dev.allot.sim.report.TimelineTable.reasons(java.util.List.of(replay.outcome)))
                .containsExactly("Block of big (16 A100 from 2026-12-02), strict: late 1.0 d, needs 16 A100 in whole"
                        + " nodes of one pool; on day 1.0 8 A100 were in service.");
    }

    @Test
    void aBlockOfAProjectStillAboveItsLoweredGrantStartsOnTime() {
        TestLab lab = TestLab.lab()
                .type("A100", 1.0)
                .pool("A100", 32, 8)
                .project("big", "exploratory", "A100:16")
                .grantFrom(1, "big", "A100:8")
                .block("big", "A100", 16, 2, 3);
        TestTrace trace = TestTrace.trace().job("big", 0, 8, 5 * DAY).job("big", 0, 8, 5 * DAY);

        Replay replay = Replay.of(lab, trace.build(), "strict");

        assertThat(replay.block(0).status()).isEqualTo("on time");
        assertThat(replay.project("big").totals().preemptions()).isZero();
    }

    @Test
    void anOutageThatMustTakeABlocksNodesInterruptsItsRunWhichResumesAfter() {
        TestLab lab = TestLab.lab()
                .type("A100", 1.0)
                .pool("A100", 16, 8)
                .project("big", "exploratory", "")
                .event(CapacityEvent.outage("a100-0", 8, day(2), day(3)))
                .block("big", "A100", 16, 1, 5);

        Replay replay = Replay.of(lab, TestTrace.trace().job("big", 0, 1, 60).build(), "strict");

        BlockOutcome block = replay.block(0);
        assertThat(block.status()).as("it started on its first day").isEqualTo("on time");
        assertThat(block.interruptions()).isEqualTo(1);
        assertThat(block.finishedSeconds())
                .as("ran day 1 to 2, lost the preemption cost, back on day 3")
                .isEqualTo(3 * DAY + 4 * DAY - (DAY - LOST));
        assertThat(replay.outcome.timeline().capacityEvents().get(0).jobsPreempted())
                .isEqualTo(1);
    }

    @Test
    void aBlockLargerThanItsPoolIsRejected() {
        TestLab lab = TestLab.lab()
                .type("A100", 1.0)
                .pool("A100", 16, 8)
                .project("big", "exploratory", "")
                .block("big", "A100", 24, 1, 3);

        Replay replay = Replay.of(lab, TestTrace.trace().job("big", 0, 1, 60).build(), "strict");

        assertThat(replay.block(0).status()).isEqualTo("rejected");
        assertThat(replay.block(0).waitReason()).isEqualTo("larger than every pool of A100");
    }

    @Test
    void laterPeriodsThatRepeatTheFirstGrantsChangeNoJobsTimes() {
        TestLab single = TestLab.lab()
                .type("A100", 1.0)
                .pool("A100", 32, 8)
                .project("a", "product", "A100:16")
                .project("b", "exploratory", "A100:16");
        TestLab repeated = TestLab.lab()
                .type("A100", 1.0)
                .pool("A100", 32, 8)
                .project("a", "product", "A100:16")
                .project("b", "exploratory", "A100:16")
                .grantFrom(7, "a", "A100:16")
                .grantFrom(14, "b", "A100:16");
        var trace = dev.allot.sim.trace.SyntheticTrace.generate(3, 2_000, 2, 900, 3 * 3600);
        for (String policy : dev.allot.sim.policy.SharingPolicies.names()) {
            Replay one = Replay.automatic(single, trace, policy, 3);
            Replay many = Replay.automatic(repeated, trace, policy, 3);
            for (int j = 0; j < 2_000; j++) {
                assertThat(Double.valueOf(many.start(j)))
                        .as(policy + " job " + j)
                        .isEqualTo(Double.valueOf(one.start(j)));
                assertThat(Double.valueOf(many.finish(j)))
                        .as(policy + " job " + j)
                        .isEqualTo(Double.valueOf(one.finish(j)));
            }
        }
    }
}
