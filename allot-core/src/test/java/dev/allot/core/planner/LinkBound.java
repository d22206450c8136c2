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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An upper bound on a plan over time that keeps the links between periods, by Lagrangian relaxation (Geoffrion,
 * "Lagrangean relaxation for integer programming", Math. Programming Study 2, 1974; Fisher, Management Science 27,
 * 1981): every row that ties two periods (the continuity step between periods, the stability cost at a boundary) is
 * moved into the objective, priced by its dual value in the LP relaxation of the whole model. What is left falls
 * apart into one MIP per period, each with its own rules only; the sum of their bounds plus the priced rows'
 * constant bounds every plan of the whole model for any prices of the right sign.
 *
 * <p>Measured, not used by the planner (docs/planner.md, "Solving a plan over time"): on the 300-project bench lab
 * it is as loose as the bound per fleet (0.17 % above the staged plan), and the full model reaches a tighter bound in
 * the same time; better prices need subgradient or bundle updates. Kept here, with {@link LinkBoundTest}, as the
 * starting point for those.
 */
final class LinkBound {
    static {
        Loader.loadNativeLibraries();
    }

    /** The period of a row that ties two periods. */
    private static final int LINK = -1;

    /** {@code bound}: the proven bound (infinite when a step failed); {@code lp}: the LP relaxation's value. */
    record Result(double bound, double lp, Duration spent) {}

    private LinkBound() {}

    /**
     * @param stepGap the relative gap each period's MIP is solved to (its bound, not its plan, is what counts)
     * @return the bound, or an infinite bound when some variable belongs to no period (reserved blocks) or a step
     *     did not finish
     */
    static Result of(AllocationModel allocation, PlannerOptions options, double stepGap) {
        LinearModel model = allocation.model;
        int[] periodOf = periodOfVariables(allocation);
        if (Arrays.stream(periodOf).anyMatch(k -> k < 0)) {
            return new Result(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Duration.ZERO);
        }
        int[] rowPeriod = new int[model.rows().size()];
        for (Row row : model.rows()) {
            rowPeriod[row.index()] = periodOfRow(row, periodOf);
        }
        double[] prices = new double[model.rows().size()];
        Duration spent = Duration.ZERO;
        MPSolver solver = MPSolver.createSolver("GLOP");
        double lp;
        try {
            MPConstraint[] constraints = MpModel.write(solver, model, row -> true, true, Var::lower, Var::upper, true)
                    .constraints();
            solver.setTimeLimit(Math.max(1, options.timeLimit().toMillis()));
            MPSolver.ResultStatus status = solver.solve();
            spent = spent.plus(Duration.ofMillis(solver.wallTime()));
            if (status != MPSolver.ResultStatus.OPTIMAL) {
                return new Result(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, spent);
            }
            lp = solver.objective().value();
            for (Row row : model.rows()) {
                if (rowPeriod[row.index()] == LINK) {
                    prices[row.index()] = usable(row, constraints[row.index()].dualValue());
                }
            }
        } finally {
            solver.delete();
        }
        double bound = constant(model, rowPeriod, prices);
        List<List<Term>> objectives = objectives(allocation, periodOf, rowPeriod, prices);
        for (int k = 0; k < allocation.periods.size(); k++) {
            int period = k;
            SolverOutcome step = MipEngine.solve(
                    LpGuidedSolve.mipName(options.engine()),
                    model.withObjective(objectives.get(k)),
                    row -> rowPeriod[row.index()] == period,
                    true,
                    options.withRelativeGap(stepGap).withTimeLimit(OverTimeSolve.remaining(options, spent)),
                    Map.of(),
                    false,
                    null);
            spent = spent.plus(step.wallTime());
            if (!OverTimeSolve.found(step)) {
                return new Result(Double.POSITIVE_INFINITY, lp, spent);
            }
            bound += step.bound();
        }
        return new Result(bound, lp, spent);
    }

    /**
     * The priced rows' constant: a row {@code a x <= u} priced at {@code π >= 0} adds {@code π (u - a x)}, a row
     * {@code a x >= l} priced at {@code π <= 0} adds {@code π (l - a x)}.
     */
    private static double constant(LinearModel model, int[] rowPeriod, double[] prices) {
        double constant = 0;
        for (Row row : model.rows()) {
            if (rowPeriod[row.index()] != LINK) {
                continue;
            }
            double price = prices[row.index()];
            constant += price > 0 ? price * row.upper() : price < 0 ? price * row.lower() : 0;
        }
        return constant;
    }

    /** The price, or 0 when its sign is that of an infinite side (not a valid multiplier). */
    private static double usable(Row row, double price) {
        if (price > 0 && Double.isInfinite(row.upper()) || price < 0 && Double.isInfinite(row.lower())) {
            return 0;
        }
        return price;
    }

    /** Per period, its share of the objective and {@code -π a} of every priced row on its variables. */
    private static List<List<Term>> objectives(
            AllocationModel allocation, int[] periodOf, int[] rowPeriod, double[] prices) {
        List<Map<Var, Double>> byPeriod = new ArrayList<>();
        for (int k = 0; k < allocation.periods.size(); k++) {
            byPeriod.add(new HashMap<>());
        }
        for (Term term : allocation.model.objective()) {
            byPeriod.get(periodOf[term.var().index()]).merge(term.var(), term.coefficient(), Double::sum);
        }
        for (Row row : allocation.model.rows()) {
            double price = prices[row.index()];
            if (rowPeriod[row.index()] != LINK || price == 0) {
                continue;
            }
            for (Term term : row.terms()) {
                byPeriod.get(periodOf[term.var().index()]).merge(term.var(), -price * term.coefficient(), Double::sum);
            }
        }
        List<List<Term>> objectives = new ArrayList<>();
        for (Map<Var, Double> terms : byPeriod) {
            List<Term> list = new ArrayList<>();
            terms.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey(Comparator.comparingInt(Var::index)))
                    .forEach(entry -> list.add(LinearModel.term(entry.getKey(), entry.getValue())));
            objectives.add(list);
        }
        return objectives;
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

    /** The period of each variable; -1 for a variable of no period (a reserved block's start). */
    private static int[] periodOfVariables(AllocationModel allocation) {
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
