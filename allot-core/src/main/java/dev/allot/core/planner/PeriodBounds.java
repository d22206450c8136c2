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
import java.util.concurrent.CompletableFuture;

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
            Priced alone = priced.computeIfAbsent(key, unused -> price(full, period, holdable, valueModel));
            for (int s = 0; s < which.size(); s++) {
                price[k][which.get(s)] = period.weight() * alone.pricePerWeight()[s];
            }
        }
        double[] blockTerm = new double[blocks.size()];
        for (int b = 0; b < blocks.size(); b++) {
            blockTerm[b] = Math.max(0, bestReduced(full, b, price));
        }
        Map<List<Object>, CompletableFuture<Solved>> solved = new HashMap<>();
        CompletableFuture<Duration> spent = CompletableFuture.completedFuture(Duration.ZERO);
        for (Map.Entry<List<Object>, Priced> entry : priced.entrySet()) {
            // each distinct period may add its even part of the bound's share of the gap, so a short period (an
            // outage of two days) is solved to a larger gap of its own, never a smaller one than before
            double even = 1.0 / weights.size() / weights.get(entry.getKey());
            PlannerOptions periodOptions = sub.withRelativeGap(sub.relativeGap() * Math.max(1, even));
            // one after the other, in period order, each within what the ones before left of the limit
            CompletableFuture<Solved> alone = spent.thenApplyAsync(
                    before -> bound(
                            entry.getValue().model(),
                            periodOptions.withTimeLimit(OverTimeSolve.remaining(options, before))),
                    runner);
            solved.put(entry.getKey(), alone);
            CompletableFuture<Duration> previous = spent;
            spent = alone.thenCombine(previous, (done, before) -> before.plus(done.spent()));
        }
        List<CompletableFuture<Solved>> byPeriod =
                keyOf.stream().map(solved::get).toList();
        return new Pending(byPeriod, blockTerm, price, spent);
    }

    /** The bound being solved: the prices at once, the periods' values as they come. */
    static final class Pending {
        private final List<CompletableFuture<Solved>> byPeriod;
        private final double[] blockTerm;
        private final double[][] price;
        private final CompletableFuture<Duration> spent;

        private Pending(
                List<CompletableFuture<Solved>> byPeriod,
                double[] blockTerm,
                double[][] price,
                CompletableFuture<Duration> spent) {
            this.byPeriod = byPeriod;
            this.blockTerm = blockTerm;
            this.price = price;
            this.spent = spent;
        }

        /** Period k's bound (weight 1), waiting for its solve. */
        double value(int k) {
            return await(byPeriod.get(k)).value();
        }

        /** The placements, highest reduced value first: known before any period's bound is. */
        List<BlockPlacement> ranked(AllocationModel full, List<BlockPlacement> placements) {
            return new PeriodBounds(new double[0], blockTerm, price, Duration.ZERO).ranked(full, placements);
        }

        /** Every period's bound, waiting for all of them. */
        PeriodBounds join() {
            double[] value = new double[byPeriod.size()];
            for (int k = 0; k < value.length; k++) {
                value[k] = value(k);
            }
            return new PeriodBounds(value, blockTerm, price, await(spent));
        }

        private static <T> T await(CompletableFuture<T> future) {
            try {
                return future.join();
            } catch (java.util.concurrent.CompletionException failed) {
                if (failed.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw failed;
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

    /** A distinct period's model, its blocks' starts earning their prices, and those prices per weight. */
    private record Priced(AllocationModel model, double[] pricePerWeight) {}

    private static Priced price(
            AllocationModel full, PlanningPeriod period, List<Block> holdable, ValueModel valueModel) {
        PlanningPeriod alone = new PlanningPeriod(period.days(), period.fleet(), 1, false);
        double[] prices = new double[holdable.size()];
        AllocationModel model = new AllocationModel(
                full.lab().withBlocks(holdable), full.fleet, List.of(alone), full.projects, valueModel, false);
        if (!holdable.isEmpty()) {
            AllocationModel plain = new AllocationModel(
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
        return new Priced(model, prices);
    }

    private static Solved bound(AllocationModel model, PlannerOptions options) {
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
