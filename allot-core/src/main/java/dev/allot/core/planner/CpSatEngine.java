package dev.allot.core.planner;

import com.google.ortools.Loader;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverSolutionCallback;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;
import dev.allot.core.planner.LinearModel.Row;
import dev.allot.core.planner.LinearModel.Term;
import dev.allot.core.planner.LinearModel.Var;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * Solves a {@link LinearModel} exactly with OR-Tools CP-SAT. CP-SAT works on integers, so every row is multiplied
 * by the smallest power of ten (up to 10^6) that makes its coefficients integral, and continuous variables are
 * counted in steps of their resolution; docs/planner.md states the resulting precision.
 */
final class CpSatEngine {
    private static final long MAX_SCALE = 1_000_000L;

    static {
        Loader.loadNativeLibraries();
    }

    private CpSatEngine() {}

    static SolverOutcome solve(
            LinearModel model,
            Predicate<Row> keep,
            boolean optimise,
            PlannerOptions options,
            ProgressListener listener) {
        CpModel cp = new CpModel();
        List<Var> vars = model.vars();
        IntVar[] cpVars = new IntVar[vars.size()];
        for (Var var : vars) {
            cpVars[var.index()] = cp.newIntVar(
                    (long) Math.ceil(var.lower() / var.resolution() - 1e-9),
                    (long) Math.floor(var.upper() / var.resolution() + 1e-9),
                    var.name());
        }
        for (Row row : model.rows()) {
            if (keep.test(row)) {
                addRow(cp, cpVars, row);
            }
        }
        long objectiveScale = 1;
        if (optimise) {
            objectiveScale = scaleFor(model.objective());
            cp.maximize(expression(cpVars, model.objective(), objectiveScale));
        }
        CpSolver solver = new CpSolver();
        solver.getParameters()
                .setMaxTimeInSeconds(options.timeLimit().toMillis() / 1000.0)
                .setRelativeGapLimit(options.relativeGap())
                .setRandomSeed((int) options.seed())
                .setNumWorkers(options.workers())
                .setLogSearchProgress(false);
        double scale = objectiveScale;
        CpSolverStatus status;
        try (Interruption.Watch watch = Interruption.watch(solver::stopSearch)) {
            status = solver.solve(cp, new CpSolverSolutionCallback() {
                @Override
                public void onSolutionCallback() {
                    listener.onProgress(
                            Duration.ofMillis((long) (wallTime() * 1000)),
                            objectiveValue() / scale,
                            bestObjectiveBound() / scale);
                }
            });
        }
        Duration wall = Duration.ofMillis((long) (solver.wallTime() * 1000));
        SolverOutcome.Status result = switch (status) {
            case OPTIMAL -> SolverOutcome.Status.OPTIMAL;
            case FEASIBLE -> SolverOutcome.Status.FEASIBLE;
            case INFEASIBLE -> SolverOutcome.Status.INFEASIBLE;
            case MODEL_INVALID -> throw new IllegalStateException("planner built an invalid model: " + cp.validate());
            default -> SolverOutcome.Status.UNKNOWN;
        };
        if (result == SolverOutcome.Status.INFEASIBLE || result == SolverOutcome.Status.UNKNOWN) {
            return SolverOutcome.without(result, wall);
        }
        double[] values = new double[vars.size()];
        for (Var var : vars) {
            values[var.index()] = solver.value(cpVars[var.index()]) * var.resolution();
        }
        double objective = optimise ? solver.objectiveValue() / scale : 0;
        double bound = optimise ? solver.bestObjectiveBound() / scale : 0;
        return new SolverOutcome(result, values, objective, bound, wall);
    }

    private static void addRow(CpModel cp, IntVar[] cpVars, Row row) {
        long scale = scaleFor(row.terms());
        LinearExpr expression = expression(cpVars, row.terms(), scale);
        long lower = Double.isInfinite(row.lower()) ? Long.MIN_VALUE / 4 : (long) Math.ceil(row.lower() * scale - 1e-6);
        long upper =
                Double.isInfinite(row.upper()) ? Long.MAX_VALUE / 4 : (long) Math.floor(row.upper() * scale + 1e-6);
        cp.addLinearConstraint(expression, lower, upper);
    }

    private static LinearExpr expression(IntVar[] cpVars, List<Term> terms, long scale) {
        LinearExprBuilder builder = LinearExpr.newBuilder();
        for (Term term : terms) {
            long coefficient = Math.round(term.coefficient() * term.var().resolution() * scale);
            if (coefficient != 0) {
                builder.addTerm(cpVars[term.var().index()], coefficient);
            }
        }
        return builder.build();
    }

    /** Smallest power of ten that makes every scaled coefficient integral (within 1e-6), at most 10^6. */
    static long scaleFor(List<Term> terms) {
        for (long scale = 1; scale < MAX_SCALE; scale *= 10) {
            if (integral(terms, scale)) {
                return scale;
            }
        }
        return MAX_SCALE;
    }

    private static boolean integral(List<Term> terms, long scale) {
        for (Term term : terms) {
            double scaled = term.coefficient() * term.var().resolution() * scale;
            if (Math.abs(scaled - Math.rint(scaled)) > 1e-6) {
                return false;
            }
        }
        return true;
    }
}
