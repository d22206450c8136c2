package dev.allot.core.planner;

import dev.allot.core.planner.LinearModel.Var;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The large-lab path (thousands of projects): 1. solve the LP relaxation in groups ({@link GroupedLp}), with a bound
 * proven from prices ({@link LpBound}) on every plan; 2. hold
 * every funded decision and grant the LP already makes whole and solve the MIP over the fractional rest, first in
 * blocks ({@link HeldBlocks}), as one MIP only when the blocks' plan misses the target;
 * 3. if the gap to the LP bound is still above the target, run the full MIP from that plan for the time left, which
 * tightens the bound with cuts and may improve the plan. The gap is always proven against a true bound. If holding
 * the LP's values makes the rest infeasible, the full MIP is solved instead.
 */
final class LpGuidedSolve {
    /** Above this many projects the planner decomposes. */
    static final int PROJECTS_THRESHOLD = 1000;

    private static final double INTEGRAL = 1e-6;

    private static final String DUAL_SIMPLEX = "use_dual_simplex:true";

    private LpGuidedSolve() {}

    static SolverOutcome solve(
            AllocationModel allocation, String engine, PlannerOptions options, ProgressListener listener) {
        // Time is what the engines report having spent: the planner reads no clock.
        Duration spent = Duration.ZERO;
        // The relaxation in groups of pieces (one group up to a few thousand projects), with a bound proven from
        // prices;
        // the one GLOP LP over the whole model only when a group's LP is not solved.
        Pieces pieces = Pieces.of(allocation);
        GroupedLp.Result grouped = GroupedLp.solve(allocation, pieces, options, GroupedLp.GROUP_PIECES, listener);
        SolverOutcome relaxed;
        if (grouped != null) {
            relaxed = new SolverOutcome(
                    SolverOutcome.Status.OPTIMAL, grouped.values(), grouped.bound(), grouped.bound(), grouped.spent());
        } else {
            // GLOP's dual simplex: about 1.6x less time than its default primal on this relaxation (3,000 projects)
            relaxed = MipEngine.solve(
                    "GLOP", allocation.model, row -> true, true, options, Map.of(), true, null, DUAL_SIMPLEX);
        }
        spent = spent.plus(relaxed.wallTime());
        if (relaxed.status() != SolverOutcome.Status.OPTIMAL) {
            // Only the time that is left: the LP may have stopped at the time limit itself.
            return Engine.named(engine)
                    .solve(
                            allocation.model,
                            row -> true,
                            true,
                            options.withTimeLimit(remaining(options, spent)),
                            listener);
        }
        double bound = relaxed.objective();
        listener.onProgress(elapsed(spent), Double.NaN, bound);
        // Hold what the LP already decided whole: first funded decisions and the projects it granted whole units in
        // every type (the others free in all their types), then (if that leaves the rest infeasible) funded
        // decisions only.
        Map<Var, double[]> whole = wholeProjects(allocation, relaxed.values());
        // First the held MIP in blocks (small MIPs, each given its share of the coupling rows; a lab solved in groups
        // solves each group's blocks on its share, two groups at a time); the MIP over all the fractional projects
        // only when the blocks find no plan within the target, started from theirs.
        HeldBlocks.Result blocks = HeldBlocks.solve(
                allocation,
                pieces,
                grouped == null ? null : grouped.groups(),
                relaxed.values(),
                whole,
                mipName(engine),
                options.withTimeLimit(remaining(options, spent)),
                bound,
                HeldBlocks.BLOCK_PIECES);
        spent = spent.plus(blocks.spent());
        double[] hint = null;
        if (blocks.values() != null) {
            double value = OverTimeSolve.objectiveOf(allocation.model, blocks.values());
            listener.onProgress(elapsed(spent), value, bound);
            if (gap(value, bound) <= options.relativeGap()) {
                return finish(
                        new SolverOutcome(SolverOutcome.Status.FEASIBLE, blocks.values(), value, bound, spent),
                        bound,
                        options,
                        spent);
            }
            hint = blocks.values();
        }
        SolverOutcome held = null;
        for (Map<Var, double[]> ranges : List.of(whole, fundedOnly(allocation, relaxed.values()))) {
            // The held MIP's gap is measured against its own bound; half the target leaves room for the LP bound.
            PlannerOptions rest =
                    options.withTimeLimit(remaining(options, spent)).withRelativeGap(options.relativeGap() / 2);
            held = MipEngine.solveWithin(mipName(engine), allocation.model, rest, ranges, hint);
            spent = spent.plus(held.wallTime());
            if (held.status() == SolverOutcome.Status.OPTIMAL || held.status() == SolverOutcome.Status.FEASIBLE) {
                break;
            }
        }
        if (held.status() == SolverOutcome.Status.INFEASIBLE || held.status() == SolverOutcome.Status.UNKNOWN) {
            return Engine.named(engine)
                    .solve(
                            allocation.model,
                            row -> true,
                            true,
                            options.withTimeLimit(remaining(options, spent)),
                            listener);
        }
        listener.onProgress(elapsed(spent), held.objective(), bound);
        if (gap(held.objective(), bound) > options.relativeGap()) {
            // The LP bound is loose by the rounding of grants to whole nodes; the full MIP, started from the held
            // plan, tightens the bound with cuts (and may improve the plan) in the time that is left.
            SolverOutcome full = MipEngine.solve(
                    mipName(engine),
                    allocation.model,
                    row -> true,
                    true,
                    options.withTimeLimit(remaining(options, spent)),
                    Map.of(),
                    false,
                    held.values());
            spent = spent.plus(full.wallTime());
            if (full.status() == SolverOutcome.Status.OPTIMAL || full.status() == SolverOutcome.Status.FEASIBLE) {
                double tighter = Math.min(bound, full.bound());
                SolverOutcome best = full.objective() >= held.objective() ? full : held;
                listener.onProgress(elapsed(spent), best.objective(), tighter);
                return finish(best, tighter, options, spent);
            }
        }
        return finish(held, bound, options, spent);
    }

    /**
     * Ranges for the held MIP: every funded decision the LP made whole, and the grant of every project it made whole
     * in every type, are held; a project with a fraction of a node in any type is free in all its types, so that
     * rounding one type can be made up in another (holding its whole types left the rounding nowhere to go: about
     * 0.5 % of value on 3,000 projects; keeping them within one unit of the LP made the MIP slower, not faster).
     */
    static Map<Var, double[]> wholeProjects(AllocationModel allocation, double[] values) {
        Map<Var, double[]> ranges = fundedOnly(allocation, values);
        allocation.unitsByPeriod.forEach(period -> period.forEach(byType -> {
            if (byType.values().stream().allMatch(var -> isWhole(values[var.index()]))) {
                byType.values()
                        .forEach(var -> ranges.put(
                                var, new double[] {Math.rint(values[var.index()]), Math.rint(values[var.index()])}));
            }
        }));
        return ranges;
    }

    /** The funded decisions the LP made whole, held. */
    private static Map<Var, double[]> fundedOnly(AllocationModel allocation, double[] values) {
        Map<Var, double[]> ranges = new HashMap<>();
        allocation.fundedByPeriod.forEach(period -> period.forEach(var -> {
            double value = values[var.index()];
            if (isWhole(value)) {
                ranges.put(var, new double[] {Math.rint(value), Math.rint(value)});
            }
        }));
        return ranges;
    }

    private static boolean isWhole(double value) {
        return Math.abs(value - Math.rint(value)) < INTEGRAL;
    }

    static Duration remaining(PlannerOptions options, Duration spent) {
        Duration left = options.timeLimit().minus(elapsed(spent));
        return left.isNegative() ? Duration.ofMillis(1) : left;
    }

    private static double gap(double objective, double bound) {
        return (bound - objective) / Math.max(1, Math.abs(objective));
    }

    private static SolverOutcome finish(SolverOutcome held, double bound, PlannerOptions options, Duration spent) {
        SolverOutcome.Status status = gap(held.objective(), bound) <= options.relativeGap()
                ? SolverOutcome.Status.OPTIMAL
                : SolverOutcome.Status.FEASIBLE;
        return new SolverOutcome(
                status, held.values(), held.objective(), Math.max(bound, held.objective()), elapsed(spent));
    }

    static String mipName(String engine) {
        return switch (engine) {
            case "highs" -> "HIGHS";
            case "cbc" -> "CBC";
            default -> "SCIP";
        };
    }

    private static Duration elapsed(Duration spent) {
        return spent;
    }
}
