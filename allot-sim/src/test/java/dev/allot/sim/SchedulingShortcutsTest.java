package dev.allot.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.sim.bench.SimulatorBench;
import dev.allot.sim.policy.SharingPolicies;
import dev.allot.sim.trace.SyntheticTrace;
import dev.allot.sim.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scheduler skips work that cannot change a pass (projects held back by their own quota, jobs beyond their
 * project's own room, sorting for a single project, re-sorting running jobs for a reservation). Every job must start
 * and finish at exactly the same time with and without those shortcuts, on generated traces that keep long queues.
 */
class SchedulingShortcutsTest {
    static List<Object[]> cases() {
        List<Object[]> cases = new ArrayList<>();
        for (String policy : SharingPolicies.names()) {
            for (Backfill backfill : Backfill.values()) {
                cases.add(new Object[] {policy, backfill, "5 projects, overloaded"});
                cases.add(new Object[] {policy, backfill, "15 projects, skewed"});
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}, {1}, {2}")
    @MethodSource("cases")
    void everyJobStartsAndEndsAsWithoutShortcuts(String policy, Backfill backfill, String shape) {
        boolean small = shape.startsWith("5");
        TestLab lab = small ? ConservationAndDeterminismTest.LAB : SimulatorBench.syntheticLab(15);
        Trace trace = small
                ? SyntheticTrace.generate(7, 4000, 6, 150, 1800)
                : SyntheticTrace.generate(3, 8000, 15, 12, 3 * 3600);
        SimOptions options = SimOptions.defaults().withBackfill(backfill);

        Engine fast = run(lab, trace, policy, options, true);
        Engine reference = run(lab, trace, policy, options, false);

        assertThat(fast.firstStart).containsExactly(reference.firstStart);
        assertThat(fast.finishTime).containsExactly(reference.finishTime);
        assertThat(fast.preemptions).isEqualTo(reference.preemptions);
        assertThat(fast.rejected).isEqualTo(reference.rejected);
        assertThat(fast.completed).as("a trace that keeps queues busy").isGreaterThan(1000);
    }

    private static Engine run(TestLab lab, Trace trace, String policy, SimOptions options, boolean shortcuts) {
        return Simulator.create(options)
                .runEngine(lab.buildLab(), lab.buildPlan(), trace, SharingPolicies.byName(policy), shortcuts);
    }
}
