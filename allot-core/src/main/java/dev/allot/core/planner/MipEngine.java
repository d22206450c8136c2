package dev.allot.core.planner;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;
import dev.allot.core.AllotException;
import dev.allot.core.ErrorCode;
import dev.allot.core.planner.LinearModel.Row;
import dev.allot.core.planner.LinearModel.Var;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/** Solves a {@link LinearModel} with a MIP engine behind OR-Tools' MPSolver (HiGHS, SCIP or CBC). */
final class MipEngine {
    static {
        Loader.loadNativeLibraries();
    }

    private MipEngine() {}

    static SolverOutcome solve(
            String engine, LinearModel model, Predicate<Row> keep, boolean optimise, PlannerOptions options) {
        return solve(engine, model, keep, optimise, options, Map.of(), false, null);
    }

    /**
     * @param fixed variables held at the given value
     * @param relax solve the LP relaxation (every variable continuous); use with engine {@code GLOP}
     * @param hint a known solution to start from (values by variable index), or null
     */
    static SolverOutcome solve(
            String engine,
            LinearModel model,
            Predicate<Row> keep,
            boolean optimise,
            PlannerOptions options,
            Map<Var, Double> fixed,
            boolean relax,
            double[] hint) {
        return solve(engine, model, keep, optimise, options, fixed, relax, hint, "");
    }

    /** @param engineParameters parameters in the engine's own syntax (e.g. SCIP's {@code limits/nodes = 500}) */
    static SolverOutcome solve(
            String engine,
            LinearModel model,
            Predicate<Row> keep,
            boolean optimise,
            PlannerOptions options,
            Map<Var, Double> fixed,
            boolean relax,
            double[] hint,
            String engineParameters) {
        return solve(
                engine,
                model,
                keep,
                optimise,
                options,
                var -> fixed.containsKey(var) ? fixed.get(var) : var.lower(),
                var -> fixed.containsKey(var) ? fixed.get(var) : var.upper(),
                relax,
                hint,
                engineParameters);
    }

    /**
     * The MIP with the given variables held within ranges ({@code {lower, upper}}) inside their own bounds.
     *
     * @param hint a known solution to start from (values by variable index), or null
     */
    static SolverOutcome solveWithin(
            String engine, LinearModel model, PlannerOptions options, Map<Var, double[]> ranges, double[] hint) {
        return solve(
                engine,
                model,
                row -> true,
                true,
                options,
                var -> ranges.containsKey(var) ? ranges.get(var)[0] : var.lower(),
                var -> ranges.containsKey(var) ? ranges.get(var)[1] : var.upper(),
                false,
                hint,
                "");
    }

    private static SolverOutcome solve(
            String engine,
            LinearModel model,
            Predicate<Row> keep,
            boolean optimise,
            PlannerOptions options,
            java.util.function.ToDoubleFunction<Var> lower,
            java.util.function.ToDoubleFunction<Var> upper,
            boolean relax,
            double[] hint,
            String engineParameters) {
        MPSolver solver = MPSolver.createSolver(engine);
        if (solver == null) {
            throw new IllegalStateException("MIP engine " + engine + " is not available");
        }
        try {
            MPVariable[] vars = MpModel.write(solver, model, keep, optimise, lower, upper, relax)
                    .vars();
            MPObjective objective = solver.objective();
            if (hint != null) {
                solver.setHint(vars, hint);
            }
            MPSolver.ResultStatus status = run(solver, engine, options, engineParameters);
            // The engine's own measure: the planner reads no clock (docs/planner.md, "Determinism").
            Duration wall = Duration.ofMillis(solver.wallTime());
            SolverOutcome.Status result = switch (status) {
                case OPTIMAL -> SolverOutcome.Status.OPTIMAL;
                case FEASIBLE -> SolverOutcome.Status.FEASIBLE;
                case INFEASIBLE -> SolverOutcome.Status.INFEASIBLE;
                default -> SolverOutcome.Status.UNKNOWN;
            };
            if (result == SolverOutcome.Status.INFEASIBLE || result == SolverOutcome.Status.UNKNOWN) {
                return SolverOutcome.without(result, wall);
            }
            double[] values = new double[vars.length];
            for (int i = 0; i < vars.length; i++) {
                values[i] = vars[i].solutionValue();
            }
            double bound = relax ? objective.value() : objective.bestBound();
            return new SolverOutcome(result, values, objective.value(), bound, wall);
        } finally {
            solver.delete();
        }
    }

    /** Solves the model written into {@code solver} within the options' time limit and gap, on one thread. */
    static MPSolver.ResultStatus run(MPSolver solver, String engine, PlannerOptions options, String engineParameters) {
        solver.setTimeLimit(Math.max(1, options.timeLimit().toMillis()));
        // One thread: with more, SCIP returned different (equally valuable) plans for the same lab.
        solver.setNumThreads(1);
        if (!engineParameters.isEmpty()) {
            solver.setSolverSpecificParametersAsString(engineParameters);
        }
        MPSolverParameters parameters = new MPSolverParameters();
        parameters.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, options.relativeGap());
        try (Interruption.Watch watch = Interruption.watch(solver::interruptSolve)) {
            return solver.solve(parameters);
        } catch (IllegalArgumentException unmapped) {
            throw unreadableStatus(engine, options, unmapped);
        }
    }

    /**
     * OR-Tools' Java layer throws when the engine returns a status its enum lacks: HiGHS returns 99 (unknown) when
     * it stops at its time limit. The plan cannot be read then, so the caller gets a clear problem, not a trace.
     */
    static AllotException unreadableStatus(String engine, PlannerOptions options, IllegalArgumentException unmapped) {
        String message = String.valueOf(unmapped.getMessage());
        String status = message.replaceAll(".*with value (-?\\d+).*", "$1");
        return new AllotException(
                ErrorCode.ENGINE_STATUS_UNREADABLE,
                "The " + engine.toLowerCase(java.util.Locale.ROOT) + " engine stopped with a result status ("
                        + (status.equals(message) ? "unknown" : status)
                        + ") that OR-Tools cannot report, so it returned no plan (time limit "
                        + options.timeLimit().toMillis() / 1000.0
                        + " s; HiGHS reports this when it stops at its time limit). Maybe allow more time"
                        + " (--time-limit), a larger gap (--gap), or the default engine scip.",
                java.util.List.of(),
                unmapped);
    }
}
