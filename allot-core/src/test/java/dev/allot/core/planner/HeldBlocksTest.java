package dev.allot.core.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Lab;
import dev.allot.core.planner.LinearModel.Row;
import dev.allot.core.planner.LinearModel.Var;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The held MIP in blocks ({@link HeldBlocks}): on labs small enough to solve exactly, its plan keeps every row and
 * every held value, is worth no more than the exact optimum, which the LP bound (the bound the planner reports with
 * it) does not undercut.
 */
class HeldBlocksTest {
    private static final double TOLERANCE = 1e-6;

    static LongStream seeds() {
        return LongStream.range(3000, 3012);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void blocksKeepEveryRowAndStayBetweenTheOptimumAndNeverAboveIt(long seed) {
        AllocationModel allocation = plannableModel(seed);
        if (allocation == null) {
            return;
        }
        PlannerOptions exact = PlannerOptions.defaults().withRelativeGap(0);
        SolverOutcome lp = MipEngine.solve("GLOP", allocation.model, row -> true, true, exact, Map.of(), true, null);
        SolverOutcome optimum = MipEngine.solve("SCIP", allocation.model, row -> true, true, exact);
        if (lp.status() != SolverOutcome.Status.OPTIMAL || optimum.status() != SolverOutcome.Status.OPTIMAL) {
            return;
        }
        Map<Var, double[]> held = LpGuidedSolve.wholeProjects(allocation, lp.values());

        // blocks of three pieces: many blocks, each sharing the coupling rows with the others
        HeldBlocks.Result blocks = HeldBlocks.solve(
                allocation, Pieces.of(allocation), null, lp.values(), held, "SCIP", exact, lp.objective(), 3);

        assertThat(optimum.objective()).isLessThanOrEqualTo(lp.objective() + TOLERANCE * Math.abs(lp.objective()));
        if (blocks.values() == null) {
            return;
        }
        keepsEveryRowAndIsNoBetterThanTheOptimum(allocation, held, blocks.values(), optimum.objective());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void blocksInGroupsKeepEveryRowOnTheirSharesAndGiveTheSamePlanEveryRun(long seed) {
        AllocationModel allocation = plannableModel(seed);
        if (allocation == null) {
            return;
        }
        PlannerOptions exact = PlannerOptions.defaults().withRelativeGap(0);
        Pieces pieces = Pieces.of(allocation);
        GroupedLp.Result lp = GroupedLp.solve(allocation, pieces, exact, 13, ProgressListener.NONE);
        SolverOutcome optimum = MipEngine.solve("SCIP", allocation.model, row -> true, true, exact);
        if (lp == null || optimum.status() != SolverOutcome.Status.OPTIMAL) {
            return;
        }
        assertThat(lp.groups().count()).isGreaterThan(1);
        Map<Var, double[]> held = LpGuidedSolve.wholeProjects(allocation, lp.values());

        // each group's blocks of three pieces on the group's share, the groups on two threads
        HeldBlocks.Result first =
                HeldBlocks.solve(allocation, pieces, lp.groups(), lp.values(), held, "SCIP", exact, lp.bound(), 3);
        HeldBlocks.Result again =
                HeldBlocks.solve(allocation, pieces, lp.groups(), lp.values(), held, "SCIP", exact, lp.bound(), 3);

        if (first.values() == null) {
            assertThat(again.values()).isNull();
            return;
        }
        assertThat(again.values()).containsExactly(first.values());
        keepsEveryRowAndIsNoBetterThanTheOptimum(allocation, held, first.values(), optimum.objective());
    }

    private static void keepsEveryRowAndIsNoBetterThanTheOptimum(
            AllocationModel allocation, Map<Var, double[]> held, double[] values, double optimum) {
        for (Row row : allocation.model.rows()) {
            double activity = LinearModel.activity(row, values);
            assertThat(activity).as(row.name()).isGreaterThanOrEqualTo(row.lower() - 1e-5);
            assertThat(activity).as(row.name()).isLessThanOrEqualTo(row.upper() + 1e-5);
        }
        for (Var var : allocation.model.vars()) {
            double value = values[var.index()];
            assertThat(value).as(var.name()).isBetween(var.lower() - 1e-9, var.upper() + 1e-9);
            if (var.integer()) {
                assertThat(value).as(var.name()).isEqualTo(Math.rint(value));
            }
            double[] range = held.get(var);
            if (range != null) {
                assertThat(value).as(var.name()).isBetween(range[0] - 1e-9, range[1] + 1e-9);
            }
        }
        double value = OverTimeSolve.objectiveOf(allocation.model, values);
        assertThat(value).isLessThanOrEqualTo(optimum + TOLERANCE * Math.abs(optimum));
    }

    @Test
    void twoLabsInThreeOrMoreGetAPlanFromBlocksOfFourProjects() {
        int planned = 0;
        int labs = 0;
        for (long seed : seeds().toArray()) {
            Lab lab = RandomLabs.shaped(seed, 40, 3);
            if (!GrantRules.check(lab).isEmpty()) {
                continue;
            }
            AllocationModel allocation = wholeNodeModel(lab);
            PlannerOptions options = PlannerOptions.defaults().withRelativeGap(0.001);
            SolverOutcome lp =
                    MipEngine.solve("GLOP", allocation.model, row -> true, true, options, Map.of(), true, null);
            if (lp.status() != SolverOutcome.Status.OPTIMAL) {
                continue;
            }
            labs++;
            HeldBlocks.Result blocks = HeldBlocks.solve(
                    allocation,
                    Pieces.of(allocation),
                    null,
                    lp.values(),
                    LpGuidedSolve.wholeProjects(allocation, lp.values()),
                    "SCIP",
                    options,
                    lp.objective(),
                    4);
            planned += blocks.values() == null ? 0 : 1;
        }
        assertThat(labs).isGreaterThan(6);
        assertThat(planned).as("labs the blocks planned, of %d", labs).isGreaterThanOrEqualTo(labs * 2 / 3);
    }

    /** The whole-node model of a random lab of 40 projects, or null when the lab cannot be planned. */
    private static AllocationModel plannableModel(long seed) {
        Lab lab = seed % 4 == 3 ? RandomLabs.shapedGpuGranularity(seed, 40, 3) : RandomLabs.shaped(seed, 40, 3);
        return GrantRules.check(lab).isEmpty()
                        && GrantRules.shareMinimumsOfEmptyCategories(lab).isEmpty()
                ? wholeNodeModel(lab)
                : null;
    }

    private static AllocationModel wholeNodeModel(Lab lab) {
        List<PlanningPeriod> periods = PlanningPeriod.of(lab);
        List<PlannedProject> projects = Planner.gather(lab, periods.get(0).fleet());
        return AllocationModel.wholeNode(lab, periods, projects, ValueModel.targetThenDiminishing());
    }
}
