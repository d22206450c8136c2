package dev.allot.core.planner;

import dev.allot.core.model.GpuTypeId;
import dev.allot.core.planner.LinearModel.Var;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Solves a plan over time (docs/planner.md, "Solving a plan over time"), in numbered steps:
 *
 * <ol>
 *   <li>bound ({@link PeriodBounds}): each distinct period solved alone, without the links between periods and
 *       without the stability term, bounds the value of that period in any plan; with reserved blocks, each period
 *       may hold a block's GPUs at a price and each block pays the prices of the periods it holds (a Lagrangian
 *       relaxation of the block's rows), so {@code Σ_k weight_k x bound_k} plus the blocks' terms bounds the whole
 *       model (one solve per distinct period);
 *   <li>plan: with the blocks' starts fixed ({@link BlockPlacement}, the placements the prices favour first), solve
 *       period by period ({@link Staged}), each step holding the earlier periods' grants;
 *   <li>if a plan is within the gap of the bound, it is the answer, with that bound; otherwise, where every variable
 *       belongs to one period, the bound that keeps the links between periods ({@link LinkPriceBound}, found on the
 *       bound's thread beside the plan) may prove it; otherwise solve the full model started from the best, and keep
 *       the better plan and the tighter bound.
 * </ol>
 *
 * <p>Labs with GPU-hour budgets or with more than {@link #MAX_PLACEMENTS} placements of their blocks, and the CP-SAT
 * engine, solve the full model directly: a budget sums over the periods, so no period can be solved on its own. The
 * gap is always proven against a true bound.
 */
final class OverTimeSolve {
    /** Each sub-solve gets this share of the gap; the rest covers the stability term the bound leaves out. */
    static final double SUB_GAP_SHARE = 1 / 3.0;
    /** Labs whose blocks can be placed in more ways than this solve the full model. */
    static final int MAX_PLACEMENTS = 64;
    /** Placements of the blocks planned period by period before the full model takes over. */
    private static final int MAX_STAGED = 3;

    private OverTimeSolve() {}

    static SolverOutcome solve(
            AllocationModel full, ValueModel valueModel, PlannerOptions options, ProgressListener listener) {
        List<BlockPlacement> placements =
                full.lab().budgets().isEmpty() && !options.engine().equals("cp-sat")
                        ? BlockPlacement.all(full, MAX_PLACEMENTS)
                        : null;
        if (placements == null) {
            return solveModel(full, options, listener);
        }
        // The bound's MIPs run on a second thread while the plan is found period by period on this one (the two
        // share nothing but the bound's values, which the plan waits for where it needs them). The bound may use the
        // whole limit: it no longer takes time from the plan, and on a busy machine a bound cut short (its engine's
        // best bound) can leave a plan uncertified that its own period solves would have proven.
        ProgressListener current = Interruption.current();
        ExecutorService boundThread = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "allot-period-bounds");
            thread.setDaemon(true);
            return thread;
        });
        // the bound's engines stop when this solve is cancelled; the solving thread then reports the cancellation
        Executor watched = task -> boundThread.execute(() -> Interruption.watching(current, task));
        // the bound that keeps the links goes first on the bound's thread (its LP is the longest piece of work; the
        // staged plan solves the periods' bounds it needs itself meanwhile); its engines stop as this solve's do, and
        // also once a plan is proven without it
        AtomicBoolean wanted = new AtomicBoolean(true);
        FutureTask<LinkPriceBound.Result> linked = LinkPriceBound.applies(full)
                ? new FutureTask<>(() -> LinkPriceBound.of(full, valueModel, options))
                : null;
        if (linked != null) {
            ProgressListener untilProven = new ProgressListener() {
                @Override
                public void onProgress(Duration elapsed, double objective, double bound) {}

                @Override
                public boolean cancelled() {
                    return current.cancelled() || !wanted.get();
                }
            };
            boundThread.execute(() -> Interruption.watching(untilProven, linked));
        }
        PeriodBounds.Pending bounds = PeriodBounds.start(full, valueModel, options, watched);
        try {
            return solve(full, valueModel, options, listener, placements, bounds, linked);
        } finally {
            wanted.set(false);
            boundThread.shutdown();
        }
    }

    private static SolverOutcome solve(
            AllocationModel full,
            ValueModel valueModel,
            PlannerOptions options,
            ProgressListener listener,
            List<BlockPlacement> placements,
            PeriodBounds.Pending pending,
            FutureTask<LinkPriceBound.Result> linked) {
        PlannerOptions sub = options.withRelativeGap(options.relativeGap() * SUB_GAP_SHARE);
        Duration staging = Duration.ZERO;
        double[] best = null;
        double objective = Double.NEGATIVE_INFINITY;
        int tried = 0;
        for (BlockPlacement placement : pending.ranked(full, placements)) {
            if (tried++ == MAX_STAGED
                    || (best != null && gap(objective, pending.join().total(full)) <= options.relativeGap())
                    || remaining(options, staging).toMillis() <= 1) {
                break;
            }
            Staged staged = new Staged.Steps(
                            full,
                            valueModel,
                            pending::value,
                            sub,
                            options.withTimeLimit(remaining(options, staging)),
                            placement)
                    .solve();
            staging = staging.plus(staged.spent());
            if (staged.values() != null && objectiveOf(full.model, staged.values()) > objective) {
                best = staged.values();
                objective = objectiveOf(full.model, best);
            }
        }
        PeriodBounds bounds = pending.join();
        double bound = bounds.total(full);
        Duration bounding = bounds.spent();
        if (best != null && gap(objective, bound) > options.relativeGap() && linked != null) {
            LinkPriceBound.Result links = joined(linked);
            bound = Math.min(bound, links.value());
            bounding = bounding.plus(links.spent());
        }
        Duration spent = staging.compareTo(bounding) > 0 ? staging : bounding;
        listener.onProgress(spent, best == null ? Double.NaN : objective, bound);
        if (best == null) {
            return solveModel(full, options.withTimeLimit(remaining(options, spent)), listener);
        }
        if (gap(objective, bound) <= options.relativeGap()) {
            return new SolverOutcome(SolverOutcome.Status.OPTIMAL, best, objective, bound, spent);
        }
        // The staged plan may be worth less than the best plan: it does not look ahead (a project may do better
        // held lower before an arrival, or shrunk differently in an outage; a block may do better elsewhere). Solve
        // the full model from it.
        SolverOutcome whole = solveFrom(full, best, options.withTimeLimit(remaining(options, spent)), listener);
        return better(
                new SolverOutcome(SolverOutcome.Status.FEASIBLE, best, objective, bound, spent),
                whole,
                spent.plus(whole.wallTime()),
                options);
    }

    /** The link bound: run here if the bound's thread has not started it, else waited for. */
    private static LinkPriceBound.Result joined(FutureTask<LinkPriceBound.Result> linked) {
        linked.run();
        try {
            return linked.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return LinkPriceBound.Result.none(Duration.ZERO);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The planner's choice of engine path for one model: the decomposition for large labs, else the engine. */
    static SolverOutcome solveModel(AllocationModel model, PlannerOptions options, ProgressListener listener) {
        if (options.engine().equals("cp-sat")) {
            return Engine.named(options.engine()).solve(model.model, row -> true, true, options, listener);
        }
        boolean large = model.projects.size() > LpGuidedSolve.PROJECTS_THRESHOLD;
        // the default engine's path (by whole grants where they apply); a chosen other engine (highs, cbc) solves the
        // model itself
        SolverOutcome chosen = options.engine().equals("scip") ? GrantPatterns.solve(model, options) : null;
        if (large) {
            if (chosen != null && chosen.status() == SolverOutcome.Status.OPTIMAL) {
                listener.onProgress(chosen.wallTime(), chosen.objective(), chosen.bound());
                return chosen;
            }
            SolverOutcome decomposed = LpGuidedSolve.solve(model, options.engine(), options, listener);
            return chosen == null || !found(chosen)
                    ? decomposed
                    : better(chosen, decomposed, chosen.wallTime().plus(decomposed.wallTime()), options);
        }
        if (chosen == null) {
            return Engine.named(options.engine()).solve(model.model, row -> true, true, options, listener);
        }
        listener.onProgress(chosen.wallTime(), chosen.objective(), chosen.bound());
        return chosen.status() == SolverOutcome.Status.OPTIMAL ? chosen : polished(model, chosen, options);
    }

    /**
     * The whole grants' plan not yet within the gap of their bound, polished: the engine on the model started from
     * it, keeping the better plan and the tighter bound.
     */
    static SolverOutcome polished(AllocationModel model, SolverOutcome chosen, PlannerOptions options) {
        SolverOutcome whole = MipEngine.solve(
                "SCIP",
                model.model,
                row -> true,
                true,
                options.withTimeLimit(remaining(options, chosen.wallTime())),
                Map.of(),
                false,
                chosen.values());
        return better(chosen, whole, chosen.wallTime().plus(whole.wallTime()), options);
    }

    /**
     * Of two outcomes of one model (the first with a plan), the more valuable plan with the tighter of the two bounds
     * (each a true bound), in {@code spent}. Optimal when either outcome was (its plan within the gap of its own bound:
     * the plan kept is worth at least as much and the bound kept is no higher) or the two together are within the gap.
     */
    private static SolverOutcome better(
            SolverOutcome first, SolverOutcome second, Duration spent, PlannerOptions options) {
        if (!found(second)) {
            return new SolverOutcome(first.status(), first.values(), first.objective(), first.bound(), spent);
        }
        boolean secondBetter = second.objective() > first.objective();
        double value = secondBetter ? second.objective() : first.objective();
        double bound = Math.max(value, Math.min(first.bound(), second.bound()));
        boolean optimal = first.status() == SolverOutcome.Status.OPTIMAL
                || second.status() == SolverOutcome.Status.OPTIMAL
                || gap(value, bound) <= options.relativeGap();
        return new SolverOutcome(
                optimal ? SolverOutcome.Status.OPTIMAL : SolverOutcome.Status.FEASIBLE,
                secondBetter ? second.values() : first.values(),
                value,
                bound,
                spent);
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
