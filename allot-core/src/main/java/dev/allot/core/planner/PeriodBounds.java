package dev.allot.core.planner;

import dev.allot.core.model.Block;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A bound on every plan over time of a model, from one solve per distinct period (docs/planner.md, "Solving a plan
 * over time"): a Lagrangian relaxation of the rows that tie a block's GPUs in each period to its one start.
 *
 * <p>Each period k is solved alone (weight 1), with its own rules, without the links between periods and without
 * the stability term; where block b can hold GPUs in it, the period may hold them or not, and holding them earns the
 * price {@code μ_bk / h_k}. The blocks' starts are then chosen alone: block b earns its value minus the prices of the
 * periods it holds, {@code max(0, max_s (V_b - Σ_{k held from s} μ_bk))}. For any prices, the sum of the periods'
 * optima weighed by their shares {@code h_k} and the blocks' terms bounds every plan: a plan's grants and blocks are
 * a choice of each part, where the prices it earns in the periods and pays in the blocks' terms cancel. The price is
 * the estimated worth of the block's GPUs elsewhere: what the period's LP relaxation loses when its capacity of the
 * block's type shrinks by the block's GPUs. Without blocks this is the bound per fleet.
 *
 * @param value per period, its optimum with the prices (weight 1)
 * @param blockTerm per block, its term
 * @param price per period and block, {@code μ_bk} (0 where the block cannot hold GPUs in the period)
 * @param spent the engines' time
 */
record PeriodBounds(double[] value, double[] blockTerm, double[][] price, Duration spent) {

    static PeriodBounds solve(AllocationModel full, ValueModel valueModel, PlannerOptions options) {
        return start(full, valueModel, options, Runnable::run).join();
    }

    /**
     * Prices the blocks in every distinct period (one LP each, on the calling thread) and hands the periods' MIPs to
     * {@code runner}, which may run them on another thread: the prices rank the placements at once, and the periods'
     * bounds come in period order while a plan is being found.
     */
    static Pending start(
            AllocationModel full, ValueModel valueModel, PlannerOptions options, java.util.concurrent.Executor runner) {
        PlannerOptions sub = options.withRelativeGap(options.relativeGap() * OverTimeSolve.SUB_GAP_SHARE);
        List<Block> blocks = full.lab().blocks();
        double[][] price = new double[full.periods.size()][blocks.size()];
        Map<List<Object>, Priced> priced = new LinkedHashMap<>();
        // the share of the cycle each distinct period stands for: a solve's gap counts in the bound by that weight
        Map<List<Object>, Double> weights = new HashMap<>();
        for (int k = 0; k < full.periods.size(); k++) {
            weights.merge(key(full, k), full.periods.get(k).weight(), Double::sum);
        }
        List<List<Object>> keyOf = new ArrayList<>();
        // per fleet and GPUs held by blocks, the bound of the period without blocks: periods that differ only in the
        // blocks they may hold share those solves
        Map<List<Object>, Double> boundsHeld = new java.util.concurrent.ConcurrentHashMap<>();
        for (int k = 0; k < full.periods.size(); k++) {
            PlanningPeriod period = full.periods.get(k);
            List<Block> holdable = new ArrayList<>();
            List<Integer> which = new ArrayList<>();
            for (int b = 0; b < blocks.size(); b++) {
                if (canHold(full, b, k)) {
                    Block block = blocks.get(b);
                    LocalDate from = period.days().from();
                    // one day from the period's first: the block holds its GPUs in this period alone
                    holdable.add(new Block(block.project(), block.gpuType(), block.gpus(), 1, from, from.plusDays(1)));
                    which.add(b);
                }
            }
            // the blocks' dates only place them in this period: periods of one fleet and blocks share a solve
            List<Object> key = List.of(period.fleet(), which);
            keyOf.add(key);
            Priced alone = priced.computeIfAbsent(key, unused -> price(full, period, holdable, valueModel, boundsHeld));
            for (int s = 0; s < which.size(); s++) {
                price[k][which.get(s)] = period.weight() * alone.pricePerWeight()[s];
            }
        }
        double[] blockTerm = new double[blocks.size()];
        for (int b = 0; b < blocks.size(); b++) {
            blockTerm[b] = Math.max(0, bestReduced(full, b, price));
        }
        Map<List<Object>, FutureTask<Solved>> solved = new LinkedHashMap<>();
        AtomicReference<Duration> spent = new AtomicReference<>(Duration.ZERO);
        for (Map.Entry<List<Object>, Priced> entry : priced.entrySet()) {
            // each distinct period may add its even part of the bound's share of the gap, so a short period (an
            // outage of two days) is solved to a larger gap of its own, never a smaller one than before
            double even = 1.0 / weights.size() / weights.get(entry.getKey());
            PlannerOptions periodOptions = sub.withRelativeGap(sub.relativeGap() * Math.max(1, even));
            // in period order on the runner, each within what the ones done before left of the limit; a thread that
            // needs a period's bound before the runner reached it solves it itself
            FutureTask<Solved> alone = new FutureTask<>(() -> {
                Solved done = bound(
                        entry.getValue(), periodOptions.withTimeLimit(OverTimeSolve.remaining(options, spent.get())));
                spent.accumulateAndGet(done.spent(), Duration::plus);
                return done;
            });
            solved.put(entry.getKey(), alone);
        }
        solved.values().forEach(runner::execute);
        List<FutureTask<Solved>> byPeriod = keyOf.stream().map(solved::get).toList();
        return new Pending(byPeriod, List.copyOf(solved.values()), blockTerm, price, spent);
    }

    /** The bound being solved: the prices at once, the periods' values as they come. */
    static final class Pending {
        private final List<FutureTask<Solved>> byPeriod;
        /** The distinct periods' solves, in the order the runner takes them. */
        private final List<FutureTask<Solved>> solves;

        private final double[] blockTerm;
        private final double[][] price;
        private final AtomicReference<Duration> spent;

        private Pending(
                List<FutureTask<Solved>> byPeriod,
                List<FutureTask<Solved>> solves,
                double[] blockTerm,
                double[][] price,
                AtomicReference<Duration> spent) {
            this.byPeriod = byPeriod;
            this.solves = solves;
            this.blockTerm = blockTerm;
            this.price = price;
            this.spent = spent;
        }

        /** Period k's bound (weight 1): solved here if the runner has not started it, else waited for. */
        double value(int k) {
            return await(byPeriod.get(k)).value();
        }

        /** The placements, highest reduced value first: known before any period's bound is. */
        List<BlockPlacement> ranked(AllocationModel full, List<BlockPlacement> placements) {
            return new PeriodBounds(new double[0], blockTerm, price, Duration.ZERO).ranked(full, placements);
        }

        /**
         * Every period's bound: the solves the runner has not started are solved here, from the last (the runner
         * takes them from the first), then all are waited for.
         */
        PeriodBounds join() {
            for (int i = solves.size() - 1; i >= 0; i--) {
                solves.get(i).run();
            }
            double[] value = new double[byPeriod.size()];
            for (int k = 0; k < value.length; k++) {
                value[k] = value(k);
            }
            return new PeriodBounds(value, blockTerm, price, spent.get());
        }

        private static <T> T await(FutureTask<T> task) {
            task.run(); // nothing when the task has started elsewhere or is done
            try {
                return task.get();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a period's bound", interrupted);
            } catch (ExecutionException failed) {
                if (failed.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                if (failed.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(failed.getCause());
            }
        }
    }

    /** What decides period k's solve: its fleet and the blocks that can hold GPUs in it. */
    private static List<Object> key(AllocationModel full, int k) {
        List<Integer> which = new ArrayList<>();
        for (int b = 0; b < full.lab().blocks().size(); b++) {
            if (canHold(full, b, k)) {
                which.add(b);
            }
        }
        return List.of(full.periods.get(k).fleet(), which);
    }

    /** The bound: {@code Σ_k h_k value_k + Σ_b blockTerm_b}. */
    double total(AllocationModel full) {
        double total = 0;
        for (int k = 0; k < value.length; k++) {
            total += full.periods.get(k).weight() * value[k];
        }
        for (double term : blockTerm) {
            total += term;
        }
        return total;
    }

    private record Solved(double value, Duration spent) {}

    /**
     * A distinct period's model, its blocks' starts earning their prices, those prices per weight, the blocks that may
     * hold GPUs in it, and the period's model without blocks (null when it has none to hold) with its value model.
     */
    private record Priced(
            AllocationModel model,
            double[] pricePerWeight,
            List<Block> holdable,
            AllocationModel plain,
            ValueModel valueModel,
            Map<List<Object>, Double> boundsHeld) {}

    private static Priced price(
            AllocationModel full,
            PlanningPeriod period,
            List<Block> holdable,
            ValueModel valueModel,
            Map<List<Object>, Double> boundsHeld) {
        PlanningPeriod alone = new PlanningPeriod(period.days(), period.fleet(), 1);
        double[] prices = new double[holdable.size()];
        AllocationModel model = new AllocationModel(
                full.lab().withBlocks(holdable), full.fleet, List.of(alone), full.projects, valueModel, false);
        AllocationModel plain = null;
        if (!holdable.isEmpty()) {
            plain = new AllocationModel(
                    full.lab().withBlocks(List.of()), full.fleet, List.of(alone), full.projects, valueModel, false);
            try (FixedLp lp =
                    FixedLp.solve(plain.model, new double[plain.model.vars().size()], Set.of(), true)) {
                Map<Object, Double> objective = new HashMap<>();
                model.model.objective().forEach(term -> objective.merge(term.var(), term.coefficient(), Double::sum));
                for (int s = 0; s < holdable.size(); s++) {
                    Block block = holdable.get(s);
                    LinearModel.Var start = model.blockStarts.get(s).get(0);
                    if (start == null) {
                        continue;
                    }
                    double perGpu = lp == null ? Double.NaN : lp.valuePerUnit(capacityRow(plain, block), -block.gpus());
                    prices[s] = Double.isNaN(perGpu) ? 0 : perGpu * block.gpus();
                    // the start earns the price instead of the block's own value
                    model.model.maximise(start, prices[s] - objective.getOrDefault(start, 0.0));
                }
            }
        }
        return new Priced(model, prices, holdable, plain, valueModel, boundsHeld);
    }

    /** Blocks a period may hold beyond which its bound is the engine's on the priced model, not one per subset. */
    static final int MAX_HELD_BLOCKS = 4;

    private static Solved bound(Priced priced, PlannerOptions options) {
        if (priced.plain() != null
                && priced.holdable().size() <= MAX_HELD_BLOCKS
                && options.engine().equals("scip")
                && priced.plain().projects.size() <= LpGuidedSolve.PROJECTS_THRESHOLD) {
            Solved held = byHeldBlocks(priced, options);
            if (held != null) {
                return held;
            }
        }
        return bound(priced.model(), options);
    }

    /**
     * The priced period's bound as the best over the subsets of its blocks held: each subset's term is the bound of the
     * period without blocks on the capacity left beside the subset's GPUs plus the subset's prices, which is the
     * priced model's optimum with the blocks' starts held at that subset. Those periods have no blocks, so their whole
     * grants bound them ({@link #byWholeGrants}; the one-period path where that does not apply). A subset's capacity is at most that of each of its own
     * subsets, so a subset solved bounds every larger one, and the subsets are solved highest bound first until the
     * highest is one solved. Null when a solve stops without a bound (the priced model's engine then bounds it).
     */
    private static Solved byHeldBlocks(Priced priced, PlannerOptions options) {
        List<Block> holdable = priced.holdable();
        int subsets = 1 << holdable.size();
        double[] solved = new double[subsets];
        boolean[] done = new boolean[subsets];
        boolean[] allowed = new boolean[subsets];
        for (int mask = 0; mask < subsets; mask++) {
            allowed[mask] = mayHold(priced, mask);
        }
        Duration spent = Duration.ZERO;
        while (true) {
            int highest = -1;
            double highestValue = Double.NEGATIVE_INFINITY;
            for (int mask = 0; mask < subsets; mask++) {
                if (!allowed[mask]) {
                    continue;
                }
                double value = Double.POSITIVE_INFINITY;
                for (int under = 0; under < subsets; under++) {
                    if (done[under] && (under & ~mask) == 0) {
                        value = Math.min(value, solved[under]);
                    }
                }
                for (int s = 0; s < holdable.size(); s++) {
                    if ((mask & (1 << s)) != 0) {
                        value += priced.pricePerWeight()[s];
                    }
                }
                if (highest < 0 || value > highestValue) {
                    highest = mask;
                    highestValue = value;
                }
            }
            if (highest < 0 || highestValue == Double.NEGATIVE_INFINITY) {
                // no subset leaves a plan: the full model will say why
                return new Solved(Double.POSITIVE_INFINITY, spent);
            }
            if (done[highest]) {
                return new Solved(highestValue, spent);
            }
            // the gap too: the bound is then the same whichever thread solved the subset first
            List<Object> heldKey =
                    List.of(priced.plain().periods.get(0).fleet(), held(priced, highest), options.relativeGap());
            Double known = priced.boundsHeld().get(heldKey);
            AllocationModel plain = known != null || highest == 0 ? priced.plain() : lessCapacity(priced, highest);
            if (known != null) {
                solved[highest] = known;
            } else if (plain == null) {
                solved[highest] = Double.NEGATIVE_INFINITY;
            } else if (byWholeGrants(plain, options) instanceof Solved whole) {
                spent = spent.plus(whole.spent());
                solved[highest] = whole.value();
                priced.boundsHeld().put(heldKey, whole.value());
            } else {
                SolverOutcome outcome = OverTimeSolve.solveModel(
                        plain, options.withTimeLimit(OverTimeSolve.remaining(options, spent)), ProgressListener.NONE);
                spent = spent.plus(outcome.wallTime());
                if (OverTimeSolve.found(outcome) && Math.abs(outcome.bound()) < NO_BOUND) {
                    solved[highest] = outcome.bound();
                    priced.boundsHeld().put(heldKey, outcome.bound());
                } else if (outcome.status() == SolverOutcome.Status.INFEASIBLE) {
                    solved[highest] = Double.NEGATIVE_INFINITY;
                } else {
                    return null;
                }
            }
            done[highest] = true;
        }
    }

    /**
     * The bound of a one-period model without blocks by its whole grants' relaxation, with the default engine; null
     * where that does not apply. No plan is chosen: a bound needs none, and the one-period path, which chooses one and
     * has SCIP polish it where it misses the gap, took 0.3-0.9 s for half of the demo's subsets against 20-40 ms.
     */
    private static Solved byWholeGrants(AllocationModel model, PlannerOptions options) {
        GrantPatterns.Bound bound = options.engine().equals("scip") ? GrantPatterns.bound(model, options) : null;
        return bound == null ? null : new Solved(bound.value(), bound.spent());
    }

    /** Whether the blocks of the subset may all start with the period (the rows on the blocks' starts alone hold). */
    private static boolean mayHold(Priced priced, int mask) {
        double[] values = new double[priced.model().model.vars().size()];
        for (int s = 0; s < priced.holdable().size(); s++) {
            LinearModel.Var start = priced.model().blockStarts.get(s).get(0);
            if ((mask & (1 << s)) != 0) {
                if (start == null) {
                    return false;
                }
                values[start.index()] = 1;
            }
        }
        java.util.Set<LinearModel.Var> starts = new java.util.HashSet<>();
        priced.model().blockStarts.forEach(byPeriod -> starts.addAll(byPeriod.values()));
        for (LinearModel.Row row : priced.model().model.rows()) {
            if (row.terms().stream().allMatch(term -> starts.contains(term.var()))) {
                double activity = LinearModel.activity(row, values);
                if (activity < row.lower() - 1e-9 || activity > row.upper() + 1e-9) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The GPUs the subset's blocks hold, by the name of their type's capacity row. */
    private static Map<String, Integer> held(Priced priced, int mask) {
        Map<String, Integer> held = new java.util.TreeMap<>();
        for (int s = 0; s < priced.holdable().size(); s++) {
            if ((mask & (1 << s)) != 0) {
                Block block = priced.holdable().get(s);
                held.merge("capacity[" + block.gpuType() + "]", block.gpus(), Integer::sum);
            }
        }
        return held;
    }

    /** The period without blocks, its capacity less the subset's GPUs; null when the subset's GPUs do not fit. */
    private static AllocationModel lessCapacity(Priced priced, int mask) {
        AllocationModel first = priced.plain();
        AllocationModel plain = new AllocationModel(
                first.lab(), first.fleet, first.periods, first.projects, priced.valueModel(), false);
        Map<String, Integer> held = held(priced, mask);
        List<LinearModel.Row> rows = plain.model.rows();
        for (LinearModel.Row row : List.copyOf(rows)) {
            Integer gpus = held.get(row.name());
            if (gpus != null) {
                if (row.upper() < gpus) {
                    return null;
                }
                rows.set(
                        row.index(),
                        new LinearModel.Row(
                                row.index(), row.name(), row.group(), row.terms(), row.lower(), row.upper() - gpus));
            }
        }
        return plain;
    }

    private static Solved bound(AllocationModel model, PlannerOptions options) {
        Solved whole = byWholeGrants(model, options);
        if (whole != null) {
            return whole;
        }
        SolverOutcome outcome = OverTimeSolve.solveModel(model, options, ProgressListener.NONE);
        if (OverTimeSolve.found(outcome) && Math.abs(outcome.bound()) < NO_BOUND) {
            return new Solved(outcome.bound(), outcome.wallTime());
        }
        if (outcome.status() == SolverOutcome.Status.INFEASIBLE) {
            // no plan at all: the full model will say why
            return new Solved(Double.POSITIVE_INFINITY, outcome.wallTime());
        }
        // stopped before the engine had a plan or a bound (its limit, a busy machine): the LP relaxation bounds the
        // period
        SolverOutcome lp = MipEngine.solve(
                "GLOP",
                model.model,
                row -> true,
                true,
                options.withTimeLimit(LP_TIME.compareTo(options.timeLimit()) > 0 ? LP_TIME : options.timeLimit()),
                Map.of(),
                true,
                null);
        return new Solved(
                OverTimeSolve.found(lp) ? lp.bound() : Double.POSITIVE_INFINITY,
                outcome.wallTime().plus(lp.wallTime()));
    }

    /** An engine's bound this large is its infinity: it stopped before solving a relaxation. */
    private static final double NO_BOUND = 1e19;

    /** The least time the LP relaxation of a period gets when its MIP stopped without a plan. */
    private static final Duration LP_TIME = Duration.ofSeconds(5);

    private static LinearModel.Row capacityRow(AllocationModel model, Block block) {
        String name = "capacity[" + block.gpuType() + "]";
        return model.model.rows().stream()
                .filter(row -> row.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** Whether block b, at one of its possible starts, holds GPUs in period k. */
    private static boolean canHold(AllocationModel full, int b, int k) {
        return full.blockStarts.get(b).keySet().stream().anyMatch(start -> full.blockHolds(b, start, k));
    }

    /** The block's value minus the prices of the periods it holds, at its best start (-infinity: none). */
    private static double bestReduced(AllocationModel full, int b, double[][] price) {
        double best = Double.NEGATIVE_INFINITY;
        for (int start : full.blockStarts.get(b).keySet()) {
            best = Math.max(best, reduced(full, b, start, price));
        }
        return best;
    }

    private static double reduced(AllocationModel full, int b, int start, double[][] price) {
        double reduced = blockValue(full, b, start);
        for (int k = 0; k < full.periods.size(); k++) {
            if (full.blockHolds(b, start, k)) {
                reduced -= price[k][b];
            }
        }
        return reduced;
    }

    private static double blockValue(AllocationModel full, int b, int start) {
        LinearModel.Var var = full.blockStarts.get(b).get(start);
        return full.model.objective().stream()
                .filter(term -> term.var().equals(var))
                .mapToDouble(LinearModel.Term::coefficient)
                .sum();
    }

    /** The placements, highest reduced value first (a placed block counts its value minus its periods' prices). */
    List<BlockPlacement> ranked(AllocationModel full, List<BlockPlacement> placements) {
        return placements.stream()
                .sorted(Comparator.comparingDouble((BlockPlacement placement) -> reducedValue(full, placement))
                        .reversed())
                .toList();
    }

    private double reducedValue(AllocationModel full, BlockPlacement placement) {
        double total = 0;
        for (int b = 0; b < placement.startOf().length; b++) {
            if (placement.startOf()[b] >= 0) {
                total += reduced(full, b, placement.startOf()[b], price);
            }
        }
        return total;
    }
}
