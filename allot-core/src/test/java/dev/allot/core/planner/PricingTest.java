package dev.allot.core.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPSolver;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.planner.LinearModel.Row;
import dev.allot.core.planner.LinearModel.Term;
import dev.allot.core.planner.LinearModel.Var;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Capacity prices for explanations ({@link Pricing}): a lab of one group is priced by the fixed LP of the whole model
 * exactly as before; a lab over the group threshold (lowered here to groups of ten projects) is priced in groups and
 * never by an LP of the whole model, and each group's price of one node more or less is what its own fixed LP,
 * solved afresh with that capacity, gives: the group holding what its projects hold in the plan plus its weight's
 * part of the free capacity.
 */
class PricingTest {
    static LongStream seeds() {
        return LongStream.range(300, 306);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aLabOfOneGroupIsPricedByTheWholeFixedLp(long seed) {
        Lab lab = RandomLabs.shaped(seed, 40, 3);
        AllocationModel allocation = LabBuilder.model(lab);
        double[] plan = plan(allocation);
        Set<Var> funded = new HashSet<>(allocation.funded);
        try (Pricing pricing = Pricing.of(allocation, plan, funded, 40);
                FixedLp whole = FixedLp.solve(allocation.model, plan, funded, false)) {
            assertThat(pricing.groups()).isEqualTo(1);
            assertThat(pricing.largestLp()).isEqualTo(allocation.model.vars().size());
            assertThat(pricing.duals()).containsExactly(whole.duals());
            for (Map.Entry<GpuTypeId, Row> capacity :
                    Pricing.capacityRows(allocation.model).entrySet()) {
                int unit = allocation.fleet.unitGpus(capacity.getKey());
                assertThat(pricing.valuePerGpu(0, capacity.getValue(), unit))
                        .isEqualTo(whole.valuePerUnit(capacity.getValue(), unit));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aLabOverTheThresholdIsPricedInGroupsEachAtItsOwnShare(long seed) {
        Lab lab = RandomLabs.shaped(seed, 40, 3);
        AllocationModel allocation = LabBuilder.model(lab);
        double[] plan = plan(allocation);
        Set<Var> funded = new HashSet<>(allocation.funded);
        GroupedLp.Groups groups = GroupedLp.Groups.deal(allocation.model, Pieces.of(allocation), 10);
        try (Pricing pricing = Pricing.of(allocation, plan, funded, 10)) {
            assertThat(pricing)
                    .as("every group's share holds the plan, so its fixed LP is solved")
                    .isNotNull();
            assertThat(pricing.groups()).isEqualTo(groups.count()).isGreaterThanOrEqualTo(3);
            assertThat(pricing.largestLp())
                    .as("no LP of the whole model")
                    .isLessThan(allocation.model.vars().size() / 2);
            for (int p = 0; p < allocation.projects.size(); p++) {
                Var own = allocation.fundedByPeriod.get(0).get(p);
                assertThat(pricing.groupOf(p)).isEqualTo(groups.group()[own.index()]);
            }
            for (int g = 0; g < groups.count(); g++) {
                double base = fresh(allocation, groups, g, plan, funded, null, 0);
                assertThat(base).as("group %d", g).isNotNaN();
                for (Map.Entry<GpuTypeId, Row> capacity :
                        Pricing.capacityRows(allocation.model).entrySet()) {
                    int unit = allocation.fleet.unitGpus(capacity.getKey());
                    Row row = capacity.getValue();
                    if (!groups.rows().get(g).contains(row)) {
                        continue;
                    }
                    double more = pricing.valuePerGpu(g, row, unit);
                    assertThat(more)
                            .as("group %d, %s +%d", g, row.name(), unit)
                            .isCloseTo(
                                    Math.abs(fresh(allocation, groups, g, plan, funded, row, unit) - base) / unit,
                                    within(1e-6));
                    double changed = fresh(allocation, groups, g, plan, funded, row, -unit);
                    double fewer = pricing.valuePerGpu(g, row, -unit);
                    if (!Double.isNaN(changed)) {
                        assertThat(fewer)
                                .as("group %d, %s -%d", g, row.name(), unit)
                                .isCloseTo(Math.abs(changed - base) / unit, within(1e-6));
                    }
                    if (!Double.isNaN(fewer)) {
                        // the group's LP value is concave in its capacity: a node more is worth no more than one less
                        assertThat(more).isLessThanOrEqualTo(fewer + 1e-6);
                    }
                }
            }
        }
    }

    private static double[] plan(AllocationModel allocation) {
        SolverOutcome plan = MipEngine.solve("SCIP", allocation.model, row -> true, true, PlannerOptions.defaults());
        assertThat(OverTimeSolve.found(plan)).isTrue();
        return plan.values();
    }

    /**
     * Group g's fixed LP solved by GLOP from nothing, with one capacity row moved by delta; NaN if not solved. Its
     * share of a coupling row: what its variables hold of it in the plan, plus its weight times the row's slack.
     */
    private static double fresh(
            AllocationModel allocation,
            GroupedLp.Groups groups,
            int g,
            double[] plan,
            Set<Var> funded,
            Row capacity,
            int delta) {
        MPSolver solver = MPSolver.createSolver("GLOP");
        try {
            double[] objective = new double[allocation.model.vars().size()];
            allocation.model.objective().forEach(term -> objective[term.var().index()] += term.coefficient());
            List<Row> rows = groups.rows().get(g);
            MpModel.Side share = (row, bound) -> {
                double[] weight = groups.weights().get(row);
                if (weight == null) {
                    return bound;
                }
                double mine = 0;
                for (Term term : row.terms()) {
                    if (groups.group()[term.var().index()] == g) {
                        mine += term.coefficient() * plan[term.var().index()];
                    }
                }
                return mine + weight[g] * (bound - LinearModel.activity(row, plan));
            };
            List<MPConstraint> constraints = MpModel.writePart(
                            solver,
                            groups.vars().get(g),
                            var -> funded.contains(var) ? plan[var.index()] : var.lower(),
                            var -> funded.contains(var) ? plan[var.index()] : var.upper(),
                            true,
                            objective,
                            rows,
                            share)
                    .constraints();
            if (capacity != null) {
                MPConstraint constraint = constraints.get(rows.indexOf(capacity));
                constraint.setUb(Math.max(0, constraint.ub() + delta));
            }
            return solver.solve() == MPSolver.ResultStatus.OPTIMAL
                    ? solver.objective().value()
                    : Double.NaN;
        } finally {
            solver.delete();
        }
    }
}
