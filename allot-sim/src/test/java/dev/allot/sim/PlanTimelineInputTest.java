package dev.allot.sim;

import static dev.allot.sim.TestLab.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import dev.allot.core.model.CapacityEvent;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.PlanPeriod;
import dev.allot.sim.policy.SharingPolicies;
import dev.allot.sim.trace.Trace;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A plan over time that does not fit its cycle, lab or trace is refused with every problem named. */
class PlanTimelineInputTest {
    private static AllotException refused(Lab lab, Plan plan, Trace trace) {
        return catchThrowableOfType(
                AllotException.class,
                () -> Simulator.create(SimOptions.defaults()).run(lab, plan, trace, SharingPolicies.byName("strict")));
    }

    private static TestLab lab() {
        return TestLab.lab().type("A100", 1.0).pool("A100", 16, 8).project("a", "product", "A100:8");
    }

    @Test
    void capacityEventsOutsideTheCycleOrOnUnknownPoolsAreAllNamed() {
        TestLab lab = lab().event(CapacityEvent.outage("a100-0", 8, day(60), day(62)))
                .event(CapacityEvent.arrival("a100-0", 8, day(-3)))
                .event(CapacityEvent.retirement("h100-9", 8, day(5)));

        AllotException e = refused(
                lab.buildLab(),
                lab.buildPlan(),
                TestTrace.trace().job("a", 0, 1, 60).build());

        assertThat(e.code()).isEqualTo("sim.plan-timeline");
        assertThat(e.kind()).isEqualTo(AllotException.Kind.INVALID_INPUT);
        assertThat(e.getMessage())
                .isEqualTo("Plan of cycle 2026-12 cannot be replayed on lab test-lab: capacityEvents[0].from 2027-01-30"
                        + " lies outside cycle 2026-12 (2026-12-01 to 2027-01-26, the trace's second 0 being its first"
                        + " day) (and 2 more).");
        assertThat(e.problems())
                .extracting(Problem::path)
                .containsExactly("capacityEvents[0].from", "capacityEvents[1].from", "capacityEvents[2].pool");
        assertThat(e.problems().get(2).reason()).isEqualTo("is not a pool of the lab");
    }

    @Test
    void aTraceThatArrivesAfterThePlansPeriodsIsRefused() {
        TestLab lab = lab().grantFrom(7, "a", "A100:16");

        AllotException e = refused(
                lab.buildLab(),
                lab.buildPlan(),
                TestTrace.trace().job("a", 70 * 86_400.0, 1, 60).build());

        assertThat(e.problems()).hasSize(1);
        Problem problem = e.problems().get(0);
        assertThat(problem.path()).isEqualTo("trace");
        assertThat(problem.value()).isEqualTo("first job on day 70.0");
        assertThat(problem.reason())
                .isEqualTo("the plan's periods cover days 0 to 56.0 (2026-12-01 to 2027-01-26) and the trace's second 0"
                        + " is 2026-12-01, so no job arrives while the plan holds");
    }

    @Test
    void periodsThatDoNotStartOnTheCycleStartOrLeaveGapsAreRefused() {
        TestLab lab = lab().grantFrom(7, "a", "A100:16");
        Plan plan = lab.buildPlan();
        PlanPeriod first = plan.periods().get(0);
        PlanPeriod second = plan.periods().get(1);
        List<PlanPeriod> shifted = List.of(
                new PlanPeriod(day(1), first.until(), first.capacityGpus(), first.allocatableGpus(), first.grants()),
                new PlanPeriod(
                        second.from().plusDays(2),
                        second.until(),
                        second.capacityGpus(),
                        second.allocatableGpus(),
                        second.grants()));
        Plan broken = plan.toBuilder().periods(shifted).build();

        AllotException e = refused(
                lab.buildLab(), broken, TestTrace.trace().job("a", 0, 1, 60).build());

        assertThat(e.problems())
                .extracting(problem -> problem.path() + " " + problem.value() + " " + problem.reason())
                .containsExactly(
                        "periods[0].from 2026-12-02 is not the cycle start 2026-12-01, which is second 0 of the trace",
                        "periods[1].from 2026-12-10 does not follow the previous period, which ends on 2026-12-08");
    }
}
