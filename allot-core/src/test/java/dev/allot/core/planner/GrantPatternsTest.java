package dev.allot.core.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.allot.core.model.Lab;
import dev.allot.core.planner.LinearModel.Row;
import dev.allot.core.planner.LinearModel.Var;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole-grant solve of small labs: its plan keeps every row of the model, its value is the model's objective at
 * that plan, and its bound is never below the model's exact optimum (SCIP at gap 0) nor its plan more than the
 * reported gap below it.
 */
class GrantPatternsTest {
    static LongStream seeds() {
        return LongStream.range(0, 60);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void tinyLabs(long seed) {
        assertTrue(RandomLabs.tiny(seed));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void shapedLabsWithUsageAndJobShapes(long seed) {
        Lab lab = RandomLabs.withJobShapes(
                RandomLabs.withUsage(RandomLabs.shaped(seed, 12, 3), seed),
                seed,
                dev.allot.core.model.JobShapes.STRICT);
        if (GrantRules.check(lab).isEmpty()) {
            assertTrue(lab);
        }
    }

    /**
     * A lab of forty projects on three types that the whole-grant path proves within the target by itself (on such
     * small labs it often does not: the engine then runs, see docs/planner.md).
     */
    @org.junit.jupiter.api.Test
    void aShapedLabIsProvenWithoutTheFullModelsEngine() {
        Lab lab = RandomLabs.shaped(5, 40, 3);
        List<PlanningPeriod> periods = PlanningPeriod.of(lab);
        AllocationModel allocation = AllocationModel.forSolve(
                lab, periods, Planner.gather(lab, periods.get(0).fleet()), ValueModel.targetThenDiminishing());
        SolverOutcome chosen = GrantPatterns.solve(allocation, PlannerOptions.defaults());
        assertThat(chosen).isNotNull();
        assertThat(chosen.status()).isEqualTo(SolverOutcome.Status.OPTIMAL);
        assertTrue(lab);
    }

    /**
     * The projects the relaxation leaves open are chosen by search where they are few: its plan is worth what the
     * small MIP's is (both choose exactly among the same candidates), or, where the search gave up after its limit,
     * is within the target gap of the same bound; on labs where the relaxation leaves one to four projects open.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void theSearchChoosesAsWellAsTheSmallMip(long seed) {
        Lab lab = RandomLabs.shaped(seed, 40, 3);
        if (!GrantRules.check(lab).isEmpty()) {
            return;
        }
        List<PlanningPeriod> periods = PlanningPeriod.of(lab);
        AllocationModel allocation = AllocationModel.forSolve(
                lab, periods, Planner.gather(lab, periods.get(0).fleet()), ValueModel.targetThenDiminishing());
        SolverOutcome searched = GrantPatterns.solve(allocation, PlannerOptions.defaults(), true);
        SolverOutcome mip = GrantPatterns.solve(allocation, PlannerOptions.defaults(), false);
        assertThat(searched == null).isEqualTo(mip == null);
        if (searched != null) {
            assertThat(searched.bound()).isEqualTo(mip.bound());
            // the search that gives up after its limit keeps a plan within the target gap of that bound
            double gap = (searched.bound() - searched.objective()) / Math.max(1, Math.abs(searched.objective()));
            if (gap > PlannerOptions.defaults().relativeGap()) {
                assertThat(searched.objective())
                        .isCloseTo(mip.objective(), within(1e-6 * Math.max(1, Math.abs(mip.objective()))));
            }
        }
    }

    /**
     * A lab above the decomposition's threshold (its whole-node model, enumerated on two threads, priced from a
     * sample first) gets a plan by whole grants, and the two large-lab paths agree: each one's bound is at least the
     * other's plan (a bound below some plan would be false). The planner keeps the better plan and the tighter bound,
     * within the target gap.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 3, 4})
    void aLargeLabIsPlannedByWholeGrants(long seed) {
        Lab lab = RandomLabs.shaped(seed, 1_200, seed > 3 ? 4 : 3);
        List<PlanningPeriod> periods = PlanningPeriod.of(lab);
        AllocationModel allocation = AllocationModel.forSolve(
                lab, periods, Planner.gather(lab, periods.get(0).fleet()), ValueModel.targetThenDiminishing());
        assertThat(allocation.projects).hasSizeGreaterThan(LpGuidedSolve.PROJECTS_THRESHOLD);
        PlannerOptions options = PlannerOptions.defaults();
        SolverOutcome chosen = GrantPatterns.solve(allocation, options);
        SolverOutcome decomposed = LpGuidedSolve.solve(allocation, options.engine(), options, ProgressListener.NONE);
        assertThat(chosen).isNotNull();
        assertThat(OverTimeSolve.found(decomposed)).isTrue();
        keepsEveryRow(allocation, chosen);
        double tolerance = 1e-6 * Math.abs(chosen.objective());
        assertThat(chosen.bound()).isGreaterThanOrEqualTo(decomposed.objective() - tolerance);
        assertThat(decomposed.bound()).isGreaterThanOrEqualTo(chosen.objective() - tolerance);
        // the relaxation converged: its bound is close to the plan (it was 38 % above it when new columns were priced
        // in the sign of the lesser bound, which could be all zero prices)
        assertThat((chosen.bound() - chosen.objective()) / chosen.objective()).isLessThan(0.01);
        SolverOutcome planned = OverTimeSolve.solveModel(allocation, options, ProgressListener.NONE);
        keepsEveryRow(allocation, planned);
        assertThat(planned.objective())
                .isGreaterThanOrEqualTo(Math.max(chosen.objective(), decomposed.objective()) - tolerance);
        assertThat(planned.bound())
                .isLessThanOrEqualTo(Math.min(chosen.bound(), decomposed.bound()) + tolerance)
                .isGreaterThanOrEqualTo(planned.objective());
        assertThat(planned.status()).isEqualTo(SolverOutcome.Status.OPTIMAL);
        assertThat((planned.bound() - planned.objective()) / planned.objective())
                .isLessThanOrEqualTo(options.relativeGap() + 1e-12);
    }

    private static void keepsEveryRow(AllocationModel allocation, SolverOutcome chosen) {
        double[] values = chosen.values();
        for (Row row : allocation.model.rows()) {
            double activity = LinearModel.activity(row, values);
            double slack = 1e-6 * Math.max(1, Math.abs(activity));
            assertThat(activity).as(row.name()).isBetween(row.lower() - slack, row.upper() + slack);
        }
        for (Var var : allocation.model.vars()) {
            double value = values[var.index()];
            assertThat(value).as(var.name()).isBetween(var.lower() - 1e-9, var.upper() + 1e-9);
            if (var.integer()) {
                assertThat(value).as(var.name()).isCloseTo(Math.rint(value), within(1e-9));
            }
        }
        double objective = OverTimeSolve.objectiveOf(allocation.model, values);
        assertThat(chosen.objective()).isCloseTo(objective, within(1e-6 * Math.max(1, Math.abs(objective))));
    }

    private static void assertTrue(Lab lab) {
        List<PlanningPeriod> periods = PlanningPeriod.of(lab);
        AllocationModel allocation = AllocationModel.forSolve(
                lab, periods, Planner.gather(lab, periods.get(0).fleet()), ValueModel.targetThenDiminishing());
        PlannerOptions options = PlannerOptions.defaults();
        SolverOutcome chosen = GrantPatterns.solve(allocation, options);
        SolverOutcome exact = MipEngine.solve(
                "SCIP", allocation.model, row -> true, true, options.withRelativeGap(0), Map.of(), false, null);
        if (chosen == null) {
            return; // left to the engine (e.g. a lab no plan satisfies)
        }
        assertThat(OverTimeSolve.found(exact)).isTrue();
        keepsEveryRow(allocation, chosen);
        double tolerance = 1e-6 * Math.max(1, Math.abs(exact.objective()));
        assertThat(chosen.bound()).isGreaterThanOrEqualTo(exact.objective() - tolerance);
        // the bound alone (for the bounds of plans over time) is the same relaxation's, with no plan chosen
        assertThat(GrantPatterns.bound(allocation, options).value()).isEqualTo(chosen.bound());
        assertThat(chosen.objective()).isLessThanOrEqualTo(exact.objective() + tolerance);
        if (chosen.status() == SolverOutcome.Status.OPTIMAL) {
            assertThat((chosen.bound() - chosen.objective()) / Math.max(1, Math.abs(chosen.objective())))
                    .isLessThanOrEqualTo(options.relativeGap() + 1e-12);
        }
    }
}
