package dev.allot.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.allot.core.AllotException;
import dev.allot.sim.policy.SharingPolicies;
import dev.allot.sim.policy.StrictQuotaPolicy;
import dev.allot.sim.trace.SyntheticTrace;
import dev.allot.sim.trace.Trace;
import dev.allot.sim.trace.TraceJob;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded random instances: work is conserved, runs repeat exactly, and the invariants hold under every policy. */
class ConservationAndDeterminismTest {
    /** Two types, five projects (one without a grant); other tests replay on it too. */
    static final TestLab LAB = lab();

    /** A new builder of {@link #LAB}, to add to. */
    static TestLab lab() {
        return TestLab.lab()
                .type("A100", 1.0)
                .type("H100", 2.0)
                .pool("A100", 64, 8)
                .pool("H100", 32, 8)
                .project("vision", "exploratory", "A100:24 H100:8")
                .project("agents", "exploratory", "H100:16")
                .project("chat", "product", "A100:24 H100:8")
                .project("infra", "product", "A100:8")
                .project("idle", "product", "");
    }

    static List<Object[]> policiesAndSeeds() {
        return SharingPolicies.names().stream()
                .flatMap(
                        policy -> java.util.stream.LongStream.of(1, 2, 3).mapToObj(seed -> new Object[] {policy, seed}))
                .toList();
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("policiesAndSeeds")
    void effectiveGpuSecondsUsedEqualTheWorkOfEveryCompletedJob(String policy, long seed) {
        Trace trace = SyntheticTrace.generate(seed, 1500, 6, 120, 1800);
        // without a preemption cost no work is redone, so what ran is exactly what the completed jobs needed
        Replay replay = Replay.automatic(
                LAB, trace, policy, SimOptions.defaults().withSeed(seed).withPreemptionCostSeconds(0));
        Engine engine = replay.engine();

        // a speed-s GPU does s reference seconds of work per second, whatever type a (preempted) job moved to
        double work = 0;
        for (int j = 0; j < engine.work.jobCount; j++) {
            if (!Double.isNaN(engine.finishTime[j])) {
                work += engine.work.gpus[j] * engine.work.seconds(j, 0) * engine.work.speed[0];
            }
        }
        double used = 0;
        double busyInSeries = 0;
        for (int t = 0; t < engine.work.typeCount(); t++) {
            used += engine.recorder.tally.gpuSecondsByType[t] * engine.work.speed[t];
            for (int b = 0; b < engine.recorder.series.buckets; b++) {
                busyInSeries += engine.recorder.series.typeBusy[t][b] * engine.work.speed[t];
            }
        }
        Totals totals = replay.outcome.cluster().totals();
        assertThat(totals.completed() + totals.rejected())
                .isEqualTo(trace.jobs().size());
        assertThat(used).isCloseTo(work, within(work * 1e-9));
        assertThat(busyInSeries).as("node occupancy agrees with job accounting").isCloseTo(used, within(used * 1e-9));
        assertThat(replay.outcome.run().invariantChecks()).isGreaterThanOrEqualTo(totals.completed());
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("policiesAndSeeds")
    void theSameSeedGivesTheSameOutcome(String policy, long seed) {
        Trace trace = SyntheticTrace.generate(seed, 800, 5, 90, 1200);

        SimOutcome first = Replay.automatic(LAB, trace, policy, seed).outcome;
        SimOutcome second = Replay.automatic(LAB, trace, policy, seed).outcome;

        assertThat(second.projects()).isEqualTo(first.projects());
        assertThat(second.cluster()).isEqualTo(first.cluster());
        assertThat(second.relations()).isEqualTo(first.relations());
    }

    @Test
    void longRunsReportProgressWithGrowingCounts() {
        Trace trace = SyntheticTrace.generate(4, 60_000, 6, 60, 1800);
        List<long[]> updates = new java.util.ArrayList<>();

        Simulator.create(SimOptions.defaults())
                .run(
                        LAB.buildLab(),
                        LAB.buildPlan(),
                        trace,
                        SharingPolicies.byName("fairshare"),
                        (policy, seconds, events, completed, total) ->
                                updates.add(new long[] {events, completed, total}));

        assertThat(updates).hasSizeGreaterThanOrEqualTo(1);
        for (int i = 1; i < updates.size(); i++) {
            assertThat(updates.get(i)[0]).isGreaterThan(updates.get(i - 1)[0]);
            assertThat(updates.get(i)[1]).isGreaterThanOrEqualTo(updates.get(i - 1)[1]);
        }
        assertThat(updates.get(0)[2]).isEqualTo(60_000);
    }

    @Test
    void singleTypeWorkIsExactlyGpusTimesDuration() {
        TestLab lab = TestLab.lab()
                .type("A100", 1.0)
                .pool("A100", 16, 8)
                .project("a", "exploratory", "A100:8")
                .project("b", "product", "A100:8");
        Trace trace = SyntheticTrace.generate(7, 400, 2, 300, 900);
        double expected = trace.jobs().stream()
                .filter(job -> job.gpus() <= 16)
                .mapToDouble(job -> job.gpus() * job.referenceSeconds())
                .sum();

        Replay replay = Replay.automatic(lab, trace, "lending", 7);

        Totals totals = replay.outcome.cluster().totals();
        assertThat(totals.preemptions()).isPositive();
        assertThat(totals.workLostGpuHours())
                .as("the default preemption cost redoes some work")
                .isPositive();
        assertThat((totals.gpuHours() - totals.workLostGpuHours()) * 3600).isCloseTo(expected, within(1e-6 * expected));
    }

    @Test
    void aPolicyThatBreaksItsOwnRuleStopsTheRunWithAnInvariantError() {
        TestLab lab = TestLab.lab().type("A100", 1.0).pool("A100", 8, 8).project("p1", "exploratory", "A100:2");
        Trace trace = new Trace("t", List.of(TraceJob.ofReference(1, "p1", 0, 4, 10)), java.util.Map.of());
        SharingPolicy strict = new StrictQuotaPolicy();
        SharingPolicy greedy = new SharingPolicy() {
            @Override
            public String name() {
                return strict.name();
            }

            @Override
            public String description() {
                return "ignores quotas but claims strict's rule";
            }

            @Override
            public double orderKey(SchedulingContext context, int project) {
                return 0;
            }

            @Override
            public boolean tryStart(SchedulingContext context, int job) {
                return context.tryPlace(job, 0);
            }

            @Override
            public String violation(SchedulingContext context, int project, int type) {
                return strict.violation(context, project, type);
            }
        };

        assertThatThrownBy(() -> Replay.withPolicy(lab, trace, greedy))
                .isInstanceOf(AllotException.class)
                .hasMessageContaining("Policy strict broke its rule at t=0.0s: project p1 uses 4 GPUs of type #0"
                        + " with a grant of 2");
    }
}
