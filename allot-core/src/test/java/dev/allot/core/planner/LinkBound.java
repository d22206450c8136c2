package dev.allot.core.planner;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPSolver;
import dev.allot.core.planner.LinearModel.Row;
import dev.allot.core.planner.LinearModel.Term;
import dev.allot.core.planner.LinearModel.Var;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * An upper bound on a plan over time that keeps the links between periods, by Lagrangian relaxation (Geoffrion,
 * "Lagrangean relaxation for integer programming", Math. Programming Study 2, 1974; Fisher, Management Science 27,
 * 1981): every row that ties two periods (the continuity step between periods, the stability cost at a boundary) is
 * moved into the objective at a price. What is left falls apart into one MIP per period, each with its own rules
 * only; for any prices of the right sign ({@code π ≥ 0} on a {@code ≤} side, {@code ≤ 0} on a {@code ≥} side)
 *
 * <pre>L(π) = Σ_r π_r b_r + Σ_k max_k (c_k - π A_k) x_k</pre>
 *
 * <p>bounds every plan of the whole model, and each period's term may be its engine's proven bound. The prices start
 * at zero (the bound per period, without the links) or at the duals of the whole model's LP relaxation, and are
 * improved by subgradient steps (Polyak's step towards a known plan's value, halved when the bound stops falling;
 * Held, Wolfe and Crowder, Math. Programming 6, 1974): each step is one MIP per period. The periods' MIPs of a round
 * run on the given executor, split into fixed lanes, so the bound is the same whatever the threads' timing.
 *
 * <p>The subproblems must be MIPs: with LP subproblems the best prices give exactly the LP relaxation of the whole
 * model (Geoffrion's theorem), which on the bench lab is 0.78 % above the best plan known, looser than the bound per
 * period.
 *
 * <p>Measured, not used by the planner (docs/planner.md, "Solving a plan over time"; docs/benchmarks.md, "Subgradient
 * prices for the bound that keeps the links"): on the seeded small labs the steps close most of what the links add,
 * but on the 300-project bench lab neither zero prices nor the LP's came below 41,087.9 in five to nine rounds, each
 * round eight period MIPs (tens of seconds), where certifying the default gap needs 41,065.5 or less.
 */
final class LinkBound {
    static {
        Loader.loadNativeLibraries();
    }

    private static final int LINK = LinkPriceBound.LINK;
    /** Rounds without a lower bound after which Polyak's step factor is halved. */
    private static final int PATIENCE = 2;

    /**
     * @param bound the proven bound (infinite when no round finished)
     * @param lp the LP relaxation's value (infinite when the prices started at zero)
     * @param rounds the rounds of period MIPs solved
     * @param spent the engines' time on the critical path (the longest lane of each round, plus the LP)
     * @param trace the bound after each round
     */
    record Result(double bound, double lp, int rounds, Duration spent, List<Double> trace) {}

    /**
     * How to search for prices.
     *
     * @param stepGap the relative gap each period's MIP is solved to (its bound, not its plan, is what counts)
     * @param known the value of a known plan (the Polyak step's target)
     * @param enough stop once the bound is at most this
     * @param rounds at most this many rounds of period MIPs
     * @param lpPrices start from the duals of the whole model's LP relaxation instead of zero
     * @param lanes the periods' MIPs of a round are dealt round-robin into this many lanes, run on {@code runner}
     * @param step Polyak's step factor at the start (between 0 and 2)
     */
    record Search(double stepGap, double known, double enough, int rounds, boolean lpPrices, int lanes, double step) {}

    private LinkBound() {}

    /** Whether every variable of the model belongs to one period (no reserved blocks). */
    static boolean applies(AllocationModel allocation) {
        return Arrays.stream(LinkPriceBound.periodOfVariables(allocation)).allMatch(k -> k >= 0);
    }

    /**
     * @return the bound, or an infinite bound when some variable belongs to no period (reserved blocks) or the first
     *     round did not finish
     */
    static Result of(AllocationModel allocation, PlannerOptions options, Search search, Executor runner) {
        LinearModel model = allocation.model;
        int[] periodOf = LinkPriceBound.periodOfVariables(allocation);
        if (Arrays.stream(periodOf).anyMatch(k -> k < 0)) {
            return new Result(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 0, Duration.ZERO, List.of());
        }
        int[] rowPeriod = LinkPriceBound.rowPeriods(model, periodOf);
        List<Row> links = new ArrayList<>();
        for (Row row : model.rows()) {
            if (rowPeriod[row.index()] == LINK && !(Double.isInfinite(row.lower()) && Double.isInfinite(row.upper()))) {
                links.add(row);
            }
        }
        double[] prices = new double[model.rows().size()];
        Duration spent = Duration.ZERO;
        double lp = Double.POSITIVE_INFINITY;
        if (search.lpPrices()) {
            Lp relaxed = lpPrices(model, rowPeriod, options);
            spent = spent.plus(relaxed.spent());
            if (relaxed.prices() != null) {
                prices = relaxed.prices();
                lp = relaxed.value();
            }
        }
        int periods = allocation.periods.size();
        double[][] hints = new double[periods][];
        double best = Double.POSITIVE_INFINITY;
        double step = search.step();
        int stale = 0;
        List<Double> trace = new ArrayList<>();
        for (int round = 0; round < search.rounds(); round++) {
            List<List<Term>> objectives = objectives(allocation, periodOf, rowPeriod, prices);
            Duration left = OverTimeSolve.remaining(options, spent);
            if (left.toMillis() <= 1) {
                break;
            }
            PlannerOptions sub = options.withRelativeGap(search.stepGap()).withTimeLimit(left);
            SolverOutcome[] steps = new SolverOutcome[periods];
            List<CompletableFuture<Duration>> lanes = new ArrayList<>();
            for (int lane = 0; lane < search.lanes(); lane++) {
                int first = lane;
                lanes.add(CompletableFuture.supplyAsync(
                        () -> {
                            Duration laneTime = Duration.ZERO;
                            for (int k = first; k < periods; k += search.lanes()) {
                                int period = k;
                                steps[k] = MipEngine.solve(
                                        LpGuidedSolve.mipName(options.engine()),
                                        model.withObjective(objectives.get(k)),
                                        row -> rowPeriod[row.index()] == period,
                                        true,
                                        sub,
                                        Map.of(),
                                        false,
                                        hints[k]);
                                laneTime = laneTime.plus(steps[k].wallTime());
                            }
                            return laneTime;
                        },
                        runner));
            }
            Duration longest = Duration.ZERO;
            for (CompletableFuture<Duration> lane : lanes) {
                Duration laneTime = lane.join();
                longest = laneTime.compareTo(longest) > 0 ? laneTime : longest;
            }
            spent = spent.plus(longest);
            double bound = LinkPriceBound.constant(model, rowPeriod, prices);
            double[] x = new double[model.vars().size()];
            boolean complete = true;
            for (int k = 0; k < periods; k++) {
                if (!OverTimeSolve.found(steps[k]) || Double.isNaN(steps[k].bound())) {
                    complete = false;
                    break;
                }
                bound += steps[k].bound();
                hints[k] = steps[k].values();
                for (int v = 0; v < x.length; v++) {
                    if (periodOf[v] == k) {
                        x[v] = steps[k].values()[v];
                    }
                }
            }
            if (!complete) {
                break;
            }
            trace.add(bound);
            if (bound < best - 1e-9) {
                stale = 0;
            } else if (++stale >= PATIENCE) {
                step /= 2;
                stale = 0;
            }
            best = Math.min(best, bound);
            if (best <= search.enough()) {
                break;
            }
            double[] direction = new double[model.rows().size()];
            double norm = 0;
            for (Row row : links) {
                double g = subgradient(row, prices[row.index()], x);
                direction[row.index()] = g;
                norm += g * g;
            }
            if (norm == 0) {
                break; // the periods' plans keep every link: the bound is reached
            }
            double length = step * Math.max(bound - search.known(), 1e-6 * Math.abs(bound)) / norm;
            double[] next = prices.clone();
            for (Row row : links) {
                next[row.index()] = LinkPriceBound.project(row, prices[row.index()] - length * direction[row.index()]);
            }
            prices = next;
        }
        return new Result(best, lp, trace.size(), spent, trace);
    }

    /**
     * A subgradient of {@code L} in the row's price: the priced side minus the row's value at the periods' plans; at a
     * zero price of a row with two sides, the side the plans break (or 0 when they keep both).
     */
    private static double subgradient(Row row, double price, double[] x) {
        double value = 0;
        for (Term term : row.terms()) {
            value += term.coefficient() * x[term.var().index()];
        }
        if (price > 0) {
            return row.upper() - value;
        }
        if (price < 0) {
            return row.lower() - value;
        }
        if (value > row.upper()) {
            return row.upper() - value;
        }
        if (value < row.lower()) {
            return row.lower() - value;
        }
        return 0;
    }

    private record Lp(double[] prices, double value, Duration spent) {}

    /** The duals of the whole model's LP relaxation on the rows between periods (GLOP). */
    private static Lp lpPrices(LinearModel model, int[] rowPeriod, PlannerOptions options) {
        MPSolver solver = MPSolver.createSolver("GLOP");
        try {
            MPConstraint[] constraints = MpModel.write(solver, model, row -> true, true, Var::lower, Var::upper, true)
                    .constraints();
            solver.setTimeLimit(Math.max(1, options.timeLimit().toMillis()));
            MPSolver.ResultStatus status = solver.solve();
            Duration spent = Duration.ofMillis(solver.wallTime());
            if (status != MPSolver.ResultStatus.OPTIMAL) {
                return new Lp(null, Double.POSITIVE_INFINITY, spent);
            }
            double[] prices = new double[model.rows().size()];
            for (Row row : model.rows()) {
                if (rowPeriod[row.index()] == LINK) {
                    prices[row.index()] = LinkPriceBound.project(row, constraints[row.index()].dualValue());
                }
            }
            return new Lp(prices, solver.objective().value(), spent);
        } finally {
            solver.delete();
        }
    }

    /** Per period, its share of the objective and {@code -π a} of every priced row on its variables. */
    private static List<List<Term>> objectives(
            AllocationModel allocation, int[] periodOf, int[] rowPeriod, double[] prices) {
        double[] cost = LinkPriceBound.costs(allocation.model, rowPeriod, prices);
        List<List<Term>> objectives = new ArrayList<>();
        for (int k = 0; k < allocation.periods.size(); k++) {
            objectives.add(new ArrayList<>());
        }
        for (Var var : allocation.model.vars()) {
            if (cost[var.index()] != 0) {
                objectives.get(periodOf[var.index()]).add(LinearModel.term(var, cost[var.index()]));
            }
        }
        return objectives;
    }
}
