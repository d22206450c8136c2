package dev.allot.core.planner;

import dev.allot.core.planner.LinearModel.Var;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The large-lab path (thousands of projects): 1. solve the LP relaxation, whose value bounds every plan; 2. hold
 * every funded/unfunded decision the LP already makes whole (it leaves only a handful fractional, about one per
 * coupling rule), and 3. solve the remaining MIP exactly. The gap is measured against the LP bound, so it is proven.
 * If holding the LP's decisions makes the MIP infeasible, the full MIP is solved instead.
 */
final class LpGuidedSolve {
    /** Above this many projects the planner decomposes. */
    static final int PROJECTS_THRESHOLD = 1000;
    private static final double INTEGRAL = 1e-6;

    private LpGuidedSolve() {}

    static SolverOutcome solve(AllocationModel allocation, String engine, PlannerOptions options,
            ProgressListener listener) {
        long start = System.nanoTime();
        SolverOutcome relaxed = MipEngine.solve("GLOP", allocation.model, row -> true, true, options, Map.of(), true);
        if (relaxed.status() != SolverOutcome.Status.OPTIMAL) {
            return Engine.named(engine).solve(allocation.model, row -> true, true, options, listener);
        }
        double bound = relaxed.objective();
        listener.onProgress(elapsed(start), Double.NaN, bound);
        Map<Var, Double> fixed = new HashMap<>();
        List<Var> funded = allocation.funded;
        for (Var var : funded) {
            double value = relaxed.values()[var.index()];
            if (value < INTEGRAL || value > 1 - INTEGRAL) {
                fixed.put(var, (double) Math.round(value));
            }
        }
        // The held MIP's own gap is measured against its own bound; half the target leaves room for the LP bound.
        PlannerOptions rest = options.withTimeLimit(options.timeLimit().minus(elapsed(start)))
                .withRelativeGap(options.relativeGap() / 2);
        SolverOutcome held = MipEngine.solve(mipName(engine), allocation.model, row -> true, true, rest, fixed, false);
        if (held.status() == SolverOutcome.Status.INFEASIBLE || held.status() == SolverOutcome.Status.UNKNOWN) {
            return Engine.named(engine).solve(allocation.model, row -> true, true, rest, listener);
        }
        listener.onProgress(elapsed(start), held.objective(), bound);
        SolverOutcome.Status status = (bound - held.objective()) / Math.max(1, Math.abs(held.objective()))
                <= options.relativeGap() ? SolverOutcome.Status.OPTIMAL : SolverOutcome.Status.FEASIBLE;
        return new SolverOutcome(status, held.values(), held.objective(), Math.max(bound, held.objective()),
                elapsed(start));
    }

    private static String mipName(String engine) {
        return switch (engine) {
            case "highs" -> "HIGHS";
            case "cbc" -> "CBC";
            default -> "SCIP";
        };
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
