package dev.allot.core.planner;

import static dev.allot.core.planner.LabBuilder.lab;
import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.CapacityEvent;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.PlanPeriod;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.model.QuotaTimeline;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plans over time: capacity events cut the cycle into periods with a grant per project, type and period. */
class PlansOverTimeTest {
    private static final Planner PLANNER = Planner.create(PlannerOptions.defaults());
    private static final LocalDate START = LocalDate.of(2026, 12, 1);
    private static final ProjectId A = ProjectId.of("a");
    private static final ProjectId B = ProjectId.of("b");

    private static Plan solve(Lab lab) {
        Plan plan = PLANNER.plan(lab);
        assertThat(PlanInvariants.check(lab, plan)).isEmpty();
        return plan;
    }

    private static PlanPeriod periodOn(Plan plan, LocalDate day) {
        return plan.periods().stream()
                .filter(period -> period.contains(day))
                .findFirst()
                .orElseThrow();
    }

    private static LabBuilder twoProjects(int h100) {
        return lab().gpus("H100", 1, h100, 8)
                .project("a", "x")
                .had("H100", 16)
                .ask(16, 16, 16)
                .priority(9)
                .project("b", "x")
                .had("H100", 16)
                .ask(16, 16, 16)
                .priority(3);
    }

    @Test
    void aLabWithoutEventsGetsTheSinglePeriodPlan() {
        Plan plan = solve(twoProjects(32).build());

        assertThat(plan.periods()).isEmpty();
        assertThat(plan.grants())
                .containsEntry(A, Allocation.of("H100", 16))
                .containsEntry(B, Allocation.of("H100", 16));
    }

    @Test
    void eventsAfterTheCycleKeepEveryPeriodAtTheSinglePeriodGrants() {
        Lab still = lab().gpus("H100", 1, 64, 8)
                .project("a", "x")
                .ask(8, 24, 40)
                .priority(9)
                .project("b", "x")
                .ask(8, 24, 40)
                .priority(4)
                .build();
        Lab withLateEvent = still.withCapacityEvents(
                java.util.List.of(CapacityEvent.arrival("h100-pool", 64, START.plusDays(200))));

        Plan single = solve(still);
        Plan overTime = solve(withLateEvent);

        assertThat(overTime.periods()).hasSizeGreaterThan(1);
        overTime.periods().forEach(period -> assertThat(period.grants()).isEqualTo(single.grants()));
        assertThat(overTime.solve().objective())
                .isCloseTo(single.solve().objective(), org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void anArrivalMidCycleRaisesGrantsFromItsDate() {
        LocalDate arrival = START.plusDays(21);
        Lab lab = lab().gpus("H100", 1, 16, 8)
                .project("a", "x")
                .ask(8, 64, 64)
                .priority(9)
                .event(CapacityEvent.arrival("h100-pool", 32, arrival))
                .build();

        Plan plan = solve(lab);

        assertThat(plan.project(A).orElseThrow().grant()).isEqualTo(Allocation.of("H100", 16));
        assertThat(periodOn(plan, arrival.minusDays(1)).grant(A)).isEqualTo(Allocation.of("H100", 16));
        assertThat(periodOn(plan, arrival).grant(A)).isEqualTo(Allocation.of("H100", 48));
        assertThat(periodOn(plan, arrival).capacityGpus()).containsEntry(GpuTypeId.of("H100"), 48);
        assertThat(plan.project(A).orElseThrow().explanation().summary())
                .contains("+32 H100 arriving in pool h100-pool raises its grant to H100:48 from 22 Dec 2026");
        QuotaTimeline quotas = QuotaTimeline.of(plan, Map.of(GpuTypeId.of("H100"), 16), START);
        assertThat(quotas.quotaOn(A, arrival.minusDays(1))).isEqualTo(Allocation.of("H100", 16));
        assertThat(quotas.quotaOn(A, arrival)).isEqualTo(Allocation.of("H100", 48));
        assertThat(quotas.nextChange(A, START)).contains(arrival);
    }

    @Test
    void anOutageTurnsIntoDatedYieldsWithNotice() {
        LocalDate down = START.plusDays(21);
        LocalDate back = START.plusDays(28);
        Lab lab = twoProjects(32)
                .event(CapacityEvent.outage("h100-pool", 16, down, back))
                .build();

        Plan plan = solve(lab);

        assertThat(periodOn(plan, down.minusDays(1)).grant(B)).isEqualTo(Allocation.of("H100", 16));
        assertThat(periodOn(plan, down).grant(B)).isEqualTo(Allocation.NONE);
        assertThat(periodOn(plan, down).grant(A)).isEqualTo(Allocation.of("H100", 16));
        assertThat(periodOn(plan, back).grant(B)).isEqualTo(Allocation.of("H100", 16));
        ProjectPlan b = plan.project(B).orElseThrow();
        assertThat(b.explanation().summary())
                .contains(
                        "The outage of 16 H100 in pool h100-pool until 29 Dec 2026 lowers its grant to nothing from 22 Dec"
                                + " 2026: it yields 16 GPUs by that date, announced 21 days ahead.");
        QuotaTimeline quotas = QuotaTimeline.of(plan, Map.of(GpuTypeId.of("H100"), 32), START);
        assertThat(quotas.quotaOn(B, down)).isEqualTo(Allocation.NONE);
        assertThat(quotas.quotaOn(B, back)).isEqualTo(Allocation.of("H100", 16));
        for (LocalDate day = START; day.isBefore(START.plusDays(56)); day = day.plusDays(1)) {
            int held =
                    quotas.quotaOn(A, day).totalGpus() + quotas.quotaOn(B, day).totalGpus();
            assertThat(held)
                    .as("quotas on " + day)
                    .isLessThanOrEqualTo(day.isBefore(down) || !day.isBefore(back) ? 32 : 16);
        }
    }

    @Test
    void anOutageOfOneTypeTakesNothingFromAProjectWithoutIt() {
        // h, worth more per GPU, loses half its H100 for a weekend; l, on L40S alone, must not be emptied for h
        LocalDate down = START.plusDays(21);
        Lab lab = lab().gpus("H100", 2, 32, 8)
                .gpus("L40S", 1, 16, 8)
                .project("h", "x")
                .had("H100", 32)
                .ask(8, 32, 48)
                .priority(9)
                .project("l", "x")
                .had("L40S", 16)
                .ask(16, 16, 16, "L40S")
                .priority(3)
                .event(CapacityEvent.outage("h100-pool", 16, down, down.plusDays(2)))
                .build();

        Plan plan = solve(lab);

        ProjectId l = ProjectId.of("l");
        assertThat(periodOn(plan, down).grant(l)).isEqualTo(Allocation.of("L40S", 16));
        assertThat(periodOn(plan, down).grant(ProjectId.of("h"))).isEqualTo(Allocation.of("H100", 16));
        assertThat(plan.project(l).orElseThrow().explanation().summary()).doesNotContain("outage");
    }

    @Test
    void aCapacityEventIsNamedAsTheCauseOnlyOfChangesInItsOwnDirection() {
        LocalDate day = START.plusDays(21);
        CapacityEvent arrival = CapacityEvent.arrival("h100-pool", 32, day);
        CapacityEvent outage = CapacityEvent.outage("h100-pool", 16, day, day.plusDays(2));
        CapacityEvent outageEnding = CapacityEvent.outage("h100-pool", 16, day.minusDays(2), day);

        assertThat(PeriodSchedule.direction(List.of(arrival), day, false)).isEqualTo(PeriodSchedule.Direction.RAISES);
        assertThat(PeriodSchedule.direction(List.of(outageEnding), day, false))
                .isEqualTo(PeriodSchedule.Direction.RAISES);
        assertThat(PeriodSchedule.direction(List.of(outage), day, true)).isEqualTo(PeriodSchedule.Direction.LOWERS);
        assertThat(PeriodSchedule.direction(List.of(arrival), day, true))
                .as("an arrival does not lower a grant; the plan re-balances on its day")
                .isEqualTo(PeriodSchedule.Direction.MOVES);
        assertThat(PeriodSchedule.direction(List.of(outage), day, false)).isEqualTo(PeriodSchedule.Direction.MOVES);
        assertThat(PeriodSchedule.direction(List.of(arrival, outage), day, true))
                .isEqualTo(PeriodSchedule.Direction.MOVES);
    }

    @Test
    void anOutageSoonerThanTheNoticeSaysSo() {
        LocalDate down = START.plusDays(5);
        Lab lab = twoProjects(32)
                .event(CapacityEvent.outage("h100-pool", 16, down, down.plusDays(2)))
                .build();

        Plan plan = solve(lab);

        assertThat(plan.project(B).orElseThrow().explanation().summary())
                .contains("announced 5 days ahead, less than the policy's 14-day notice");
    }

    @Test
    void continuityRampsANewProjectIntoAnArrivalAndHoldsTheCycleRangeForAContinuingOne() {
        LocalDate arrival = START.plusDays(21);
        Lab lab = lab().gpus("H100", 1, 32, 8)
                .maxChange(0.5)
                .project("a", "x")
                .had("H100", 16)
                .ask(8, 64, 64)
                .priority(9)
                .project("b", "x")
                .ask(8, 64, 64)
                .priority(5)
                .fund()
                .event(CapacityEvent.arrival("h100-pool", 64, arrival))
                .build();

        Plan plan = solve(lab);

        // a continues from 16: every period within the cycle's range of 8..24
        plan.periods().forEach(period -> assertThat(period.grant(A).totalGpus()).isBetween(8, 24));
        // b is new and funded by the deciders from the start: it grows into the arrival by at most 50 % plus a node
        // per period, so it reaches its ceiling only weeks after the GPUs arrive
        for (int k = 1; k < plan.periods().size(); k++) {
            int before = plan.periods().get(k - 1).grant(B).totalGpus();
            assertThat(plan.periods().get(k).grant(B).totalGpus()).isLessThanOrEqualTo((int) (before * 1.5) + 8);
        }
        assertThat(periodOn(plan, arrival).grant(B).totalGpus()).isLessThan(64);
        assertThat(plan.periods().get(plan.periods().size() - 1).grant(B)).isEqualTo(Allocation.of("H100", 64));
    }

    @Test
    void aBudgetCapsTheSumOfGrantsOverThePeriods() {
        Lab unbudgeted = lab().gpus("H100", 1, 64, 8)
                .project("a", "x")
                .ask(8, 64, 64)
                .priority(9)
                .build();
        // 64 GPUs all cycle would be 64 x 56 x 24 = 86,016 GPU-hours; the budget allows 30,000
        Lab lab = unbudgeted.withBudgets(
                java.util.List.of(new dev.allot.core.model.Budget(A, GpuTypeId.of("H100"), 30_000)));

        Plan free = solve(unbudgeted);
        Plan plan = solve(lab);

        assertThat(free.periods()).isEmpty();
        assertThat(free.project(A).orElseThrow().grant()).isEqualTo(Allocation.of("H100", 64));
        double used = plan.periods().stream()
                .mapToDouble(period -> period.grant(A).gpus(GpuTypeId.of("H100")) * period.days() * 24.0)
                .sum();
        assertThat(used).isLessThanOrEqualTo(30_000).isGreaterThan(30_000 - 8 * 7 * 24);
        assertThat(plan.project(A).orElseThrow().explanation().summary())
                .contains("Uses " + String.format(java.util.Locale.ROOT, "%,.0f", used)
                        + " of its 30,000 H100 GPU-hours.");
    }
}
