package dev.allot.core.planner;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPSolver;
import dev.allot.core.planner.LinearModel.Row;
import dev.allot.core.planner.LinearModel.Term;
import dev.allot.core.planner.LinearModel.Var;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A bound on a plan over time that keeps the links between periods (docs/planner.md, "The bound that keeps the
 * links"): a Lagrangian relaxation of every row that ties two periods (the continuity step, the stability cost at a
 * boundary), each period then bounded alone by the whole grants' relaxation ({@link GrantPatterns#bound}). For any
 * prices of the right sign ({@code π ≥ 0} on a {@code ≤} side, {@code ≤ 0} on a {@code ≥} side)
 *
 * <pre>L(π) = Σ_r π_r b_r + Σ_k max_k (c_k - π A_k) x_k</pre>
 *
 * <p>bounds every plan (Geoffrion, Math. Programming Study 2, 1974), and so does any true bound of each period's term.
 * A change variable whose rows are all links is left with its priced cost alone and takes the end of its range that
 * cost prefers.
 *
 * <p>The prices are the duals on the links of the whole model's LP relaxation, solved by the first-order method PDLP
 * to a relative tolerance of {@link #LP_TOLERANCE}: the bound holds at any prices, so duals a little off cost a
 * little tightness, never truth. On the bench lab over time PDLP takes about 1 s where GLOP's exact solve took 2.5 s,
 * and its prices gave the same bound within 0.2 (41,081.0 against 41,081.2).
 */
final class LinkPriceBound {
    static {
        Loader.loadNativeLibraries();
    }

    /** The period of a row that ties two periods. */
    static final int LINK = -1;

    private LinkPriceBound() {}

    /** The LP's relative tolerance (PDLP's optimality criteria): looser cost the bench lab its certificate. */
    static final double LP_TOLERANCE = 1e-4;

    /**
     * @param value the bound (infinite where it does not apply: a variable of no period, a budget, a period whole
     *     grants cannot bound, an LP without prices, engines stopped)
     * @param spent the engines' time (the LP and the periods' relaxations)
     */
    record Result(double value, Duration spent) {
        static Result none(Duration spent) {
            return new Result(Double.POSITIVE_INFINITY, spent);
        }
    }

    /**
     * Whether the bound may apply: more than one period, every variable belongs to one period (no reserved blocks), no
     * budget, and no more projects than the staged plan writes as one-period models (above, each period's whole
     * grants take about a second, twice per period, while the full model waits for the bound).
     */
    static boolean applies(AllocationModel full) {
        return full.periods.size() > 1
                && full.projects.size() <= LpGuidedSolve.PROJECTS_THRESHOLD
                && full.lab().budgets().isEmpty()
                && Arrays.stream(periodOfVariables(full)).allMatch(k -> k >= 0);
    }

    /**
     * {@code L} at the prices of the whole model's LP relaxation; its engines stop when the current solve is cancelled
     * ({@link Interruption}), and the bound is then given up.
     */
    static Result of(AllocationModel full, ValueModel valueModel, PlannerOptions options) {
        if (!applies(full)) {
            return Result.none(Duration.ZERO);
        }
        int[] periodOf = periodOfVariables(full);
        int[] rowPeriod = rowPeriods(full.model, periodOf);
        Lp relaxed = lpPrices(full.model, rowPeriod, options);
        if (relaxed.prices() == null) {
            return Result.none(relaxed.spent());
        }
        Staged.Step[] steps = steps(full, valueModel, periodOf, rowPeriod);
        Priced linked = steps == null
                ? null
                : priced(
                        full,
                        steps,
                        rowPeriod,
                        relaxed.prices(),
                        options.withTimeLimit(OverTimeSolve.remaining(options, relaxed.spent())));
        return linked == null
                ? Result.none(relaxed.spent())
                : new Result(linked.value(), relaxed.spent().plus(linked.spent()));
    }

    /**
     * {@code L} at the given prices of the model's rows (those of rows within a period are ignored, a price of the
     * wrong sign counts as 0); infinite where the bound does not apply.
     */
    static double at(AllocationModel full, ValueModel valueModel, double[] prices, PlannerOptions options) {
        if (!applies(full)) {
            return Double.POSITIVE_INFINITY;
        }
        int[] periodOf = periodOfVariables(full);
        int[] rowPeriod = rowPeriods(full.model, periodOf);
        double[] usable = new double[prices.length];
        for (Row row : full.model.rows()) {
            usable[row.index()] = rowPeriod[row.index()] == LINK ? project(row, prices[row.index()]) : 0;
        }
        Staged.Step[] steps = steps(full, valueModel, periodOf, rowPeriod);
        Priced priced = steps == null ? null : priced(full, steps, rowPeriod, usable, options);
        return priced == null ? Double.POSITIVE_INFINITY : priced.value();
    }

    /** {@code L} at the link prices, each period's term the whole grants' bound, and the engine's time. */
    private record Priced(double value, Duration spent) {}

    /**
     * Each period as a one-period model without the link rows (its objective set per price); null where some period
     * cannot be written so. A change between periods lives in link rows alone and is left out: priced, it takes the
     * end of its range its cost prefers ({@link #priced}).
     */
    private static Staged.Step[] steps(AllocationModel full, ValueModel valueModel, int[] periodOf, int[] rowPeriod) {
        Staged.Step[] steps = new Staged.Step[full.periods.size()];
        for (int k = 0; k < steps.length; k++) {
            boolean[] settled = new boolean[periodOf.length];
            for (int v = 0; v < periodOf.length; v++) {
                settled[v] = periodOf[v] != k;
            }
            if (k > 0) {
                full.periodChanges.get(k).stream()
                        .filter(change -> change != null)
                        .forEach(change -> settled[change.index()] = true);
            }
            int period = k;
            steps[k] = Staged.Step.of(
                    full,
                    valueModel,
                    k,
                    new double[periodOf.length],
                    settled,
                    row -> rowPeriod[row.index()] == period,
                    List.of());
            if (steps[k] == null) {
                return null;
            }
        }
        return steps;
    }

    /** Null where a period cannot be bounded by whole grants (or its engine was stopped). */
    private static Priced priced(
            AllocationModel full, Staged.Step[] steps, int[] rowPeriod, double[] prices, PlannerOptions options) {
        double[] cost = costs(full.model, rowPeriod, prices);
        double bound = constant(full.model, rowPeriod, prices);
        for (int k = 1; k < full.periods.size(); k++) {
            for (Var change : full.periodChanges.get(k)) {
                if (change != null) {
                    double c = cost[change.index()];
                    bound += c > 0 ? c * change.upper() : c * change.lower();
                }
            }
        }
        if (Double.isInfinite(bound)) {
            return null;
        }
        Duration spent = Duration.ZERO;
        for (Staged.Step step : steps) {
            step.objective(cost);
            GrantPatterns.Bound alone =
                    GrantPatterns.bound(step.model(), options.withTimeLimit(OverTimeSolve.remaining(options, spent)));
            if (alone == null) {
                return null;
            }
            spent = spent.plus(alone.spent());
            bound += alone.value();
        }
        return new Priced(bound, spent);
    }

    /** Per row, its variables' one period, or {@link #LINK} where they belong to more than one. */
    static int[] rowPeriods(LinearModel model, int[] periodOf) {
        int[] rowPeriod = new int[model.rows().size()];
        for (Row row : model.rows()) {
            rowPeriod[row.index()] = periodOfRow(row, periodOf);
        }
        return rowPeriod;
    }

    /** The price with the sign of a finite side: {@code π ≥ 0} needs a finite upper side, {@code π ≤ 0} a lower. */
    static double project(Row row, double price) {
        if (Double.isInfinite(row.upper()) && price > 0 || Double.isInfinite(row.lower()) && price < 0) {
            return 0;
        }
        return price;
    }

    private record Lp(double[] prices, Duration spent) {}

    /**
     * The duals on the links of the whole model's LP relaxation (PDLP, one thread, to {@link #LP_TOLERANCE}); null
     * prices where it found none.
     */
    private static Lp lpPrices(LinearModel model, int[] rowPeriod, PlannerOptions options) {
        MPSolver solver = MPSolver.createSolver("PDLP");
        try {
            MPConstraint[] constraints = MpModel.write(solver, model, row -> true, true, Var::lower, Var::upper, true)
                    .constraints();
            solver.setNumThreads(1);
            solver.setSolverSpecificParametersAsString("termination_criteria { eps_optimal_absolute: " + LP_TOLERANCE
                    + " eps_optimal_relative: " + LP_TOLERANCE + " }");
            solver.setTimeLimit(Math.max(1, options.timeLimit().toMillis()));
            MPSolver.ResultStatus status;
            try (Interruption.Watch watch = Interruption.watch(solver::interruptSolve)) {
                status = solver.solve();
            }
            Duration spent = Duration.ofMillis(solver.wallTime());
            if (status != MPSolver.ResultStatus.OPTIMAL && status != MPSolver.ResultStatus.FEASIBLE) {
                return new Lp(null, spent);
            }
            double[] prices = new double[model.rows().size()];
            for (Row row : model.rows()) {
                if (rowPeriod[row.index()] == LINK) {
                    prices[row.index()] = project(row, constraints[row.index()].dualValue());
                }
            }
            return new Lp(prices, spent);
        } finally {
            solver.delete();
        }
    }

    /**
     * The priced rows' constant: a row {@code a x <= u} priced at {@code π >= 0} adds {@code π (u - a x)}, a row
     * {@code a x >= l} priced at {@code π <= 0} adds {@code π (l - a x)}.
     */
    static double constant(LinearModel model, int[] rowPeriod, double[] prices) {
        double constant = 0;
        for (Row row : model.rows()) {
            double price = prices[row.index()];
            if (rowPeriod[row.index()] == LINK) {
                constant += price > 0 ? price * row.upper() : price < 0 ? price * row.lower() : 0;
            }
        }
        return constant;
    }

    /** Per variable, its objective coefficient less {@code π a} of every priced row it is in. */
    static double[] costs(LinearModel model, int[] rowPeriod, double[] prices) {
        double[] cost = new double[model.vars().size()];
        for (Term term : model.objective()) {
            cost[term.var().index()] += term.coefficient();
        }
        for (Row row : model.rows()) {
            double price = prices[row.index()];
            if (rowPeriod[row.index()] != LINK || price == 0) {
                continue;
            }
            for (Term term : row.terms()) {
                cost[term.var().index()] -= price * term.coefficient();
            }
        }
        return cost;
    }

    /** The period of a row's variables, or {@link #LINK} when they belong to more than one. */
    private static int periodOfRow(Row row, int[] periodOf) {
        int period = Integer.MIN_VALUE;
        for (Term term : row.terms()) {
            int k = periodOf[term.var().index()];
            if (period != Integer.MIN_VALUE && k != period) {
                return LINK;
            }
            period = k;
        }
        return period == Integer.MIN_VALUE ? 0 : period;
    }

    /** The period of each variable; -1 for a variable of no period (a reserved block's start, a job shape's). */
    static int[] periodOfVariables(AllocationModel allocation) {
        int[] periodOf = new int[allocation.model.vars().size()];
        Arrays.fill(periodOf, -1);
        for (int k = 0; k < allocation.periods.size(); k++) {
            int period = k;
            allocation
                    .unitsByPeriod
                    .get(k)
                    .forEach(byType -> byType.values().forEach(var -> periodOf[var.index()] = period));
            allocation.fundedByPeriod.get(k).forEach(var -> periodOf[var.index()] = period);
            allocation
                    .segmentsByPeriod
                    .get(k)
                    .forEach(segments -> segments.forEach(var -> periodOf[var.index()] = period));
            List<Var> changes = k == 0 ? allocation.cycleChanges : allocation.periodChanges.get(k);
            changes.stream().filter(var -> var != null).forEach(var -> periodOf[var.index()] = period);
        }
        return periodOf;
    }
}
