package dev.allot.core.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.Ask;
import dev.allot.core.model.CapacityEvent;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.PlanPeriod;
import dev.allot.core.model.Pool;
import dev.allot.core.model.ProjectId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The staged solve of a plan over time (bound per fleet, then period by period, else the full model from there) gives
 * the optimum of the full model within the reported gap, and reports a bound no plan of the full model exceeds.
 */
class OverTimeSolveTest {
    private static final PlannerOptions OPTIONS = PlannerOptions.defaults();

    /** A small shaped lab with an arrival, and for some seeds an outage window or a retirement. */
    static Lab withEvents(long seed) {
        Lab lab = grantable(RandomLabs.shaped(seed, 10 + (int) (seed % 7), 1 + (int) (seed % 2)));
        SplittableRandom random = new SplittableRandom(seed);
        List<Pool> pools = lab.pools();
        LocalDate start = lab.cycleStart();
        List<CapacityEvent> events = new ArrayList<>();
        Pool first = pools.get(0);
        events.add(CapacityEvent.arrival(
                first.name(), 8 * (1 + random.nextInt(8)), start.plusDays(14 + 7 * random.nextInt(4))));
        Pool last = pools.get(pools.size() - 1);
        int nodes = Math.max(1, last.gpus() / 8 / 4);
        switch (random.nextInt(3)) {
            case 0 -> events.add(CapacityEvent.outage(last.name(), 8 * nodes, start.plusDays(30), start.plusDays(33)));
            case 1 -> events.add(CapacityEvent.retirement(last.name(), 8 * nodes, start.plusDays(42)));
            default -> {}
        }
        return lab.withCapacityEvents(events);
    }

    /**
     * The lab without the share minimums of categories that have no project to grant to: with one, only a plan that
     * grants nothing meets it and the planner refuses the lab ({@link GrantRules#shareMinimumsOfEmptyCategories}).
     */
    private static Lab grantable(Lab lab) {
        java.util.Set<String> empty = new java.util.HashSet<>();
        GrantRules.shareMinimumsOfEmptyCategories(lab)
                .forEach(problem -> empty.add(problem.path().split("\\.")[2]));
        return lab.withPolicy(lab.policy()
                .edit()
                .shareBounds(lab.policy().shareBounds().stream()
                        .filter(bound -> !empty.contains(bound.category().value()))
                        .toList())
                .build());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void theStagedSolveMatchesTheFullModelWithinTheGap(long seed) {
        Lab lab = withEvents(seed);
        List<PlanningPeriod> periods = PlanningPeriod.of(lab);
        AllocationModel full = new AllocationModel(
                lab, periods, Planner.gather(lab, periods.get(0).fleet()), OPTIONS.valueModel());
        SolverOutcome direct = Engine.named("scip")
                .solve(full.model, row -> true, true, OPTIONS.withRelativeGap(1e-6), ProgressListener.NONE);

        Plan plan = Planner.create(OPTIONS).plan(lab);

        assertThat(PlanInvariants.check(lab, plan)).isEmpty();
        assertThat(plan.periods()).hasSizeGreaterThan(1);
        double tolerance = OPTIONS.relativeGap() * Math.max(1, Math.abs(direct.objective())) + 1e-6;
        assertThat(plan.solve().objective()).isGreaterThanOrEqualTo(direct.objective() - tolerance);
        assertThat(plan.solve().objective()).isLessThanOrEqualTo(direct.bound() + 1e-6);
        // the reported bound is a true bound: the full model's optimum never exceeds it
        assertThat(plan.solve().bestBound()).isGreaterThanOrEqualTo(direct.objective() - 1e-6);
        assertThat(plan.solve().gap()).isLessThanOrEqualTo(OPTIONS.relativeGap() + 1e-9);
    }

    /**
     * What the plan reports is consistent with its grants: the objective is the value of its periods' grants (each
     * period's value weighed by its share of the cycle, minus the stability cost of every move), and the gap is the
     * bound's distance from that value, so the printed gap never flatters the plan.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void theReportedGapIsMeasuredFromThePlansOwnValue(long seed) {
        Lab lab = withEvents(seed);

        Plan plan = Planner.create(OPTIONS).plan(lab);

        double value = valueOverTime(lab, plan);
        assertThat(plan.solve().objective()).isCloseTo(value, within(1e-6 * Math.max(1, Math.abs(value))));
        assertThat(plan.solve().bestBound()).isGreaterThanOrEqualTo(value - 1e-6);
        assertThat(plan.solve().gap())
                .isCloseTo((plan.solve().bestBound() - value) / Math.max(1, Math.abs(value)), within(1e-9));
    }

    /** The model's objective recomputed from the plan's periods alone (see docs/planner.md, "Plans over time"). */
    private static double valueOverTime(Lab lab, Plan plan) {
        long days = plan.periods().stream().mapToLong(PlanPeriod::days).sum();
        double value = 0;
        Map<ProjectId, Allocation> before = null;
        for (PlanPeriod period : plan.periods()) {
            double weight = period.days() / (double) days;
            // the one-period objective minus its stability term is the period's value
            value += weight
                    * (PlannerPropertyTest.objective(lab, period.grants())
                            + AllocationModel.STABILITY_PENALTY_PER_GPU * moved(lab, null, period.grants()));
            value -= AllocationModel.STABILITY_PENALTY_PER_GPU * moved(lab, before, period.grants());
            before = period.grants();
        }
        return value;
    }

    /** GPUs moved from {@code before} (null: the previous cycle's grants) to {@code now}, over the lab's asks. */
    private static int moved(Lab lab, Map<ProjectId, Allocation> before, Map<ProjectId, Allocation> now) {
        int moved = 0;
        for (Ask ask : lab.asks()) {
            Allocation from = before == null
                    ? lab.previousGrant(ask.project())
                    : before.getOrDefault(ask.project(), Allocation.NONE);
            moved += Math.abs(now.getOrDefault(ask.project(), Allocation.NONE).totalGpus() - from.totalGpus());
        }
        return moved;
    }
}
