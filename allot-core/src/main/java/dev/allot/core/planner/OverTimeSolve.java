package dev.allot.core.planner;

import dev.allot.core.model.GpuTypeId;
import dev.allot.core.planner.LinearModel.Var;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Solves a plan over time (docs/planner.md, "Solving a plan over time"), in numbered steps:
 *
 * <ol>
 *   <li>bound: for each distinct fleet among the periods, the optimum of that one period alone, without the links
 *       between periods and without the stability term, bounds the value of every period with that fleet in any
 *       plan; {@code Σ_k weight_k x bound_k} bounds the whole model (one solve per distinct fleet);
 *   <li>plan: solve period by period ({@link Staged}), each step holding the earlier periods' grants;
 *   <li>if that plan is within the gap of the bound, it is the answer, with that bound; otherwise solve the full
 *       model started from it, and keep the better plan and the tighter bound.
 * </ol>
 *
 * <p>Labs with GPU-hour budgets or reserved blocks, and the CP-SAT engine, solve the full model directly: a
 * budget sums over the periods and a block spans them, so no period can be solved on its own. The gap is always proven against a true bound.
 */
final class OverTimeSolve {
    /** Each sub-solve gets this share of the gap; the rest covers the stability term the bound leaves out. */
    private static final double SUB_GAP_SHARE = 1 / 3.0;

    private OverTimeSolve() {}

    static SolverOutcome solve(
            AllocationModel full, ValueModel valueModel, PlannerOptions options, ProgressListener listener) {
        if (!full.lab().budgets().isEmpty()
                || !full.lab().blocks().isEmpty()
                || options.engine().equals("cp-sat")) {
            return solveModel(full, options, listener);
        }
        PlannerOptions sub = options.withRelativeGap(options.relativeGap() * SUB_GAP_SHARE);
        Duration spent = Duration.ZERO;
        double[] periodBound = new double[full.periods.size()];
        double bound = 0;
        Map<Fleet, Double> boundByFleet = new LinkedHashMap<>();
        for (int k = 0; k < full.periods.size(); k++) {
            PlanningPeriod period = full.periods.get(k);
            Double fleetBound = boundByFleet.get(period.fleet());
            if (fleetBound == null) {
                SolverOutcome alone = solveModel(
                        new AllocationModel(
                                full.lab(),
                                full.fleet,
                                List.of(new PlanningPeriod(period.days(), period.fleet(), 1, false)),
                                full.projects,
                                valueModel,
                                false),
                        sub.withTimeLimit(remaining(options, spent)),
                        ProgressListener.NONE);
                spent = spent.plus(alone.wallTime());
                fleetBound = found(alone) ? alone.bound() : Double.POSITIVE_INFINITY;
                boundByFleet.put(period.fleet(), fleetBound);
            }
            periodBound[k] = fleetBound;
            bound += period.weight() * fleetBound;
        }
        listener.onProgress(spent, Double.NaN, bound);
        Staged staged = Staged.solve(full, periodBound, sub, options.withTimeLimit(remaining(options, spent)));
        spent = spent.plus(staged.spent());
        if (staged.values() == null) {
            return solveModel(full, options.withTimeLimit(remaining(options, spent)), listener);
        }
        double objective = objectiveOf(full.model, staged.values());
        listener.onProgress(spent, objective, bound);
        if (gap(objective, bound) <= options.relativeGap()) {
            return new SolverOutcome(SolverOutcome.Status.OPTIMAL, staged.values(), objective, bound, spent);
        }
        // The staged plan may be worth less than the best plan: it does not look ahead (a project may do better
        // held lower before an arrival, or shrunk differently in an outage). Solve the full model from it.
        SolverOutcome whole =
                solveFrom(full, staged.values(), options.withTimeLimit(remaining(options, spent)), listener);
        spent = spent.plus(whole.wallTime());
        boolean wholeBetter = found(whole) && whole.objective() > objective;
        double tighter = found(whole) ? Math.min(bound, whole.bound()) : bound;
        double best = wholeBetter ? whole.objective() : objective;
        return new SolverOutcome(
                gap(best, tighter) <= options.relativeGap()
                        ? SolverOutcome.Status.OPTIMAL
                        : SolverOutcome.Status.FEASIBLE,
                wholeBetter ? whole.values() : staged.values(),
                best,
                Math.max(best, tighter),
                spent);
    }

    /** The planner's choice of engine path for one model: the decomposition for large labs, else the engine. */
    static SolverOutcome solveModel(AllocationModel model, PlannerOptions options, ProgressListener listener) {
        return model.projects.size() > LpGuidedSolve.PROJECTS_THRESHOLD
                        && !options.engine().equals("cp-sat")
                ? LpGuidedSolve.solve(model, options.engine(), options, listener)
                : Engine.named(options.engine()).solve(model.model, row -> true, true, options, listener);
    }

    private static SolverOutcome solveFrom(
            AllocationModel full, double[] hint, PlannerOptions options, ProgressListener listener) {
        if (options.engine().equals("cp-sat")) {
            return solveModel(full, options, listener);
        }
        return MipEngine.solve(
                LpGuidedSolve.mipName(options.engine()), full.model, row -> true, true, options, Map.of(), false, hint);
    }

    static double objectiveOf(LinearModel model, double[] values) {
        double objective = 0;
        for (LinearModel.Term term : model.objective()) {
            objective += term.coefficient() * values[term.var().index()];
        }
        return objective;
    }

    static boolean found(SolverOutcome outcome) {
        return outcome.status() == SolverOutcome.Status.OPTIMAL || outcome.status() == SolverOutcome.Status.FEASIBLE;
    }

    private static double gap(double objective, double bound) {
        return (bound - objective) / Math.max(1, Math.abs(objective));
    }

    static Duration remaining(PlannerOptions options, Duration spent) {
        Duration left = options.timeLimit().minus(spent);
        return left.isNegative() ? Duration.ofMillis(1) : left;
    }

    /** Variable values carried from one model of the same lab to another. */
    static final class Values {
        private Values() {}

        /**
         * The values of {@code target}'s variables when each of its periods k takes the grants of {@code source}'s
         * period {@code sourcePeriod[k]}; its change variables are the moves of those grants.
         */
        static double[] mapped(AllocationModel target, AllocationModel source, int[] sourcePeriod, double[] values) {
            double[] mapped = new double[target.model.vars().size()];
            for (int k = 0; k < target.periods.size(); k++) {
                int from = sourcePeriod[k];
                for (int p = 0; p < target.projects.size(); p++) {
                    Map<GpuTypeId, Var> sourceUnits =
                            source.unitsByPeriod.get(from).get(p);
                    for (Map.Entry<GpuTypeId, Var> unit :
                            target.unitsByPeriod.get(k).get(p).entrySet()) {
                        Var var = sourceUnits.get(unit.getKey());
                        mapped[unit.getValue().index()] = var == null ? 0 : values[var.index()];
                    }
                    mapped[target.fundedByPeriod.get(k).get(p).index()] =
                            values[source.fundedByPeriod.get(from).get(p).index()];
                    List<Var> segments = target.segmentsByPeriod.get(k).get(p);
                    List<Var> sourceSegments = source.segmentsByPeriod.get(from).get(p);
                    for (int s = 0; s < segments.size(); s++) {
                        mapped[segments.get(s).index()] =
                                values[sourceSegments.get(s).index()];
                    }
                }
            }
            changes(target, mapped);
            return mapped;
        }

        private static void changes(AllocationModel target, double[] mapped) {
            for (int p = 0; p < target.projects.size(); p++) {
                Var cycle = target.cycleChanges.get(p);
                if (cycle != null) {
                    double previous = target.projects.get(p).previous().totalGpus();
                    mapped[cycle.index()] = Math.abs(gpus(target, p, 0, mapped) - previous);
                }
                for (int k = 1; k < target.periods.size(); k++) {
                    Var change = target.periodChanges.get(k).get(p);
                    if (change != null) {
                        mapped[change.index()] = Math.abs(gpus(target, p, k, mapped) - gpus(target, p, k - 1, mapped));
                    }
                }
            }
        }

        private static double gpus(AllocationModel model, int p, int k, double[] values) {
            double gpus = 0;
            for (LinearModel.Term term : model.grantedGpus(p, k, 1)) {
                gpus += term.coefficient() * values[term.var().index()];
            }
            return gpus;
        }
    }
}
