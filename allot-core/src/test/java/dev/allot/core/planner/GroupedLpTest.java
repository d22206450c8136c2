package dev.allot.core.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Lab;
import dev.allot.core.planner.LinearModel.Row;
import dev.allot.core.planner.LinearModel.Var;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The relaxation in groups ({@link GroupedLp}) and the bound proven from prices ({@link LpBound}): on labs small
 * enough to solve exactly, cut into groups of a few projects, the groups' values keep every row, and the bound is
 * never below SCIP's exact optimum nor below the LP's; any prices at all give a bound no lower than the LP's.
 */
class GroupedLpTest {
    private static final double TOLERANCE = 1e-6;
    private static final AtomicInteger SOLVED_IN_GROUPS = new AtomicInteger();

    @AfterAll
    static void severalLabsWereSolvedInGroups() {
        assertThat(SOLVED_IN_GROUPS.get()).as("labs solved in several groups").isGreaterThanOrEqualTo(6);
    }

    static LongStream seeds() {
        return LongStream.range(5000, 5010);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void boundFromGroupsIsNeverBelowTheExactOptimumAndItsValuesKeepEveryRow(long seed) {
        Lab lab = seed % 3 == 2 ? RandomLabs.shapedGpuGranularity(seed, 40, 3) : RandomLabs.shaped(seed, 40, 3);
        if (!GrantRules.check(lab).isEmpty()
                || !GrantRules.shareMinimumsOfEmptyCategories(lab).isEmpty()) {
            return;
        }
        AllocationModel allocation = wholeNodeModel(lab);
        PlannerOptions exact = PlannerOptions.defaults().withRelativeGap(0);
        SolverOutcome lp = MipEngine.solve("GLOP", allocation.model, row -> true, true, exact, Map.of(), true, null);
        SolverOutcome optimum = MipEngine.solve("SCIP", allocation.model, row -> true, true, exact);
        if (lp.status() != SolverOutcome.Status.OPTIMAL || optimum.status() != SolverOutcome.Status.OPTIMAL) {
            return;
        }
        Pieces pieces = Pieces.of(allocation);
        for (int groupPieces : new int[] {40, 13, 7}) {
            GroupedLp.Result grouped = GroupedLp.solve(allocation, pieces, exact, groupPieces, ProgressListener.NONE);
            if (groupPieces == 40) {
                assertThat(grouped).as("one group: the whole LP").isNotNull();
            }
            if (grouped == null) {
                continue; // a group's share left it no plan: the planner then solves the whole LP
            }
            if (groupPieces < 40) {
                SOLVED_IN_GROUPS.incrementAndGet();
            }
            double scale = Math.max(1, Math.abs(optimum.objective()));
            assertThat(grouped.bound())
                    .as("bound with groups of %d", groupPieces)
                    .isGreaterThanOrEqualTo(optimum.objective() - TOLERANCE * scale)
                    .isGreaterThanOrEqualTo(lp.objective() - TOLERANCE * scale);
            double[] values = grouped.values();
            for (Row row : allocation.model.rows()) {
                double activity = LinearModel.activity(row, values);
                assertThat(activity).as(row.name()).isGreaterThanOrEqualTo(row.lower() - 1e-5);
                assertThat(activity).as(row.name()).isLessThanOrEqualTo(row.upper() + 1e-5);
            }
            for (Var var : allocation.model.vars()) {
                assertThat(values[var.index()]).as(var.name()).isBetween(var.lower() - 1e-9, var.upper() + 1e-9);
            }
            assertThat(OverTimeSolve.objectiveOf(allocation.model, values))
                    .isLessThanOrEqualTo(lp.objective() + TOLERANCE * scale);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void anyPricesBoundTheRelaxationAndTheLpsOwnPricesMeetIt(long seed) {
        Lab lab = RandomLabs.shaped(seed, 30, 3);
        if (!GrantRules.check(lab).isEmpty()
                || !GrantRules.shareMinimumsOfEmptyCategories(lab).isEmpty()) {
            return;
        }
        AllocationModel allocation = wholeNodeModel(lab);
        PlannerOptions exact = PlannerOptions.defaults().withRelativeGap(0);
        SolverOutcome lp = MipEngine.solve("GLOP", allocation.model, row -> true, true, exact, Map.of(), true, null);
        if (lp.status() != SolverOutcome.Status.OPTIMAL) {
            return;
        }
        double scale = Math.max(1, Math.abs(lp.objective()));
        Random random = new Random(seed);
        for (int trial = 0; trial < 20; trial++) {
            double[] prices = new double[allocation.model.rows().size()];
            for (int r = 0; r < prices.length; r++) {
                prices[r] = random.nextInt(3) == 0 ? 0 : random.nextGaussian() * 10;
            }
            assertThat(LpBound.of(allocation.model, prices)).isGreaterThanOrEqualTo(lp.objective() - TOLERANCE * scale);
        }
        // the whole model as one group: GLOP's own prices prove its optimum (to within rounding)
        GroupedLp.Result whole = GroupedLp.solve(
                allocation, Pieces.of(allocation), exact, allocation.projects.size() * 2, ProgressListener.NONE);
        assertThat(whole).isNotNull();
        assertThat(whole.bound()).isBetween(lp.objective() - TOLERANCE * scale, lp.objective() + 1e-4 * scale);
    }

    private static AllocationModel wholeNodeModel(Lab lab) {
        List<PlanningPeriod> periods = PlanningPeriod.of(lab);
        List<PlannedProject> projects = Planner.gather(lab, periods.get(0).fleet());
        return AllocationModel.wholeNode(lab, periods, projects, ValueModel.targetThenDiminishing());
    }
}
