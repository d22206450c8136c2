package dev.allot.core.planner;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import dev.allot.core.planner.LinearModel.Row;
import dev.allot.core.planner.LinearModel.Term;
import dev.allot.core.planner.LinearModel.Var;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * The LP relaxation of a very large one-period lab, solved in groups of pieces ({@link Pieces}) instead of as one
 * LP, whose simplex time grows much faster than the project count (docs/planner.md, "Large labs"):
 *
 * <ol>
 *   <li>the pieces are dealt, in canonical order, round-robin into groups of about {@link #GROUP_PIECES}, so every
 *       group is a sample of the whole lab;
 *   <li>each coupling row (capacity, shares, relations, budgets) is shared out: a group gets the bounds of the row
 *       in proportion to the most its own terms could add up to (the row's bounds times the group's weight), so the
 *       groups' values together keep every row;
 *   <li>each group's LP is solved (GLOP, dual simplex); its values are a point of the relaxation of the whole lab
 *       (not its optimum: the shares are a restriction), which the held blocks round;
 *   <li>the bound: one price per coupling row (the groups' prices of their shares, averaged by weight) and each
 *       group's prices of its own rows, checked by {@link LpBound}, which proves an upper bound from any prices.
 *       When the groups price a row alike (they are samples of one lab) the bound is close to the LP's optimum.
 * </ol>
 */
final class GroupedLp {
    static {
        Loader.loadNativeLibraries();
    }

    /**
     * Pieces (projects) per group: GLOP solves the relaxation of 3,000 projects in under a second, and groups of that
     * size price the coupling rows alike (on 30,000 projects the bound was 0.04 % above the groups' values with
     * groups of 3,000, 0.07 % with groups of 1,500).
     */
    static final int GROUP_PIECES = 3000;

    /** The groups are solved on two threads: the machines the planner is sized for have two cores or more. */
    static final int THREADS = 2;

    private static final String DUAL_SIMPLEX = "use_dual_simplex:true";

    private GroupedLp() {}

    /**
     * A point of the relaxation (values by variable index), a proven upper bound on every plan, the engine time, and
     * the groups it was solved in.
     */
    record Result(double[] values, double bound, Duration spent, Groups groups) {}

    /**
     * Per coupling row index: each group's use of the row at some values, each group's weight, and the row's whole
     * activity (rows by index: a row's hash is that of all its terms); see {@link Groups#shares}.
     */
    record Shares(Map<Integer, double[]> used, Map<Integer, double[]> weights, Map<Integer, Double> activity) {
        /** Group {@code g}'s bound of a row: its share of a coupling row's bound, any other row's bound itself. */
        MpModel.Side side(int g) {
            return (row, bound) -> {
                double[] part = used.get(row.index());
                return part == null
                        ? bound
                        : part[g] + weights.get(row.index())[g] * (bound - activity.get(row.index()));
            };
        }
    }

    /**
     * The pieces of a model dealt into groups: per group its variables, its own rows and the coupling rows it has
     * terms in (in model order), and per coupling row each group's weight, the share of the row's bounds it gets.
     *
     * @param group per variable index, its group
     */
    record Groups(int count, int[] group, List<List<Var>> vars, List<List<Row>> rows, Map<Row, double[]> weights) {
        /**
         * Each group's share of every coupling row when the variables hold {@code values} (the held blocks' start, a
         * plan being priced): what the group's own terms use of the row, plus its weight's part of the row's slack, so
         * that the values fit every group's share and the shares add up to the row's bounds.
         */
        Shares shares(double[] values) {
            Map<Integer, double[]> used = new HashMap<>();
            Map<Integer, double[]> byWeight = new HashMap<>();
            Map<Integer, Double> activity = new HashMap<>();
            weights.forEach((row, weight) -> {
                double[] part = new double[count];
                for (Term term : row.terms()) {
                    part[group[term.var().index()]] +=
                            term.coefficient() * values[term.var().index()];
                }
                double total = 0;
                for (double one : part) {
                    total += one;
                }
                used.put(row.index(), part);
                byWeight.put(row.index(), weight);
                activity.put(row.index(), total);
            });
            return new Shares(used, byWeight, activity);
        }
        /**
         * Deals the pieces, in canonical order, round-robin into groups of between two thirds and one and a half
         * times {@code groupPieces} (one group when there are fewer than one and a half times as many pieces); a
         * group's weight in a coupling row is the most its terms could add up to, of the row's total.
         */
        static Groups deal(LinearModel model, Pieces pieces, int groupPieces) {
            int n = model.vars().size();
            Map<Integer, Integer> groupOf = new HashMap<>();
            int count = 0;
            for (Var var : model.vars()) {
                if (!groupOf.containsKey(pieces.piece[var.index()])) {
                    groupOf.put(pieces.piece[var.index()], count++);
                }
            }
            int groups = count(count, groupPieces);
            groupOf.replaceAll((root, order) -> order % groups);
            int[] group = new int[n];
            List<List<Var>> varsOf = new ArrayList<>();
            List<List<Row>> rowsOf = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                varsOf.add(new ArrayList<>());
                rowsOf.add(new ArrayList<>());
            }
            for (Var var : model.vars()) {
                group[var.index()] = groupOf.get(pieces.piece[var.index()]);
                varsOf.get(group[var.index()]).add(var);
            }
            pieces.localRows.forEach(
                    (root, rows) -> rowsOf.get(groupOf.get(root)).addAll(rows));
            Map<Row, double[]> weights = new HashMap<>();
            for (Row row : model.rows()) {
                if (!pieces.coupling[row.index()]) {
                    continue;
                }
                double[] weight = new double[groups];
                double total = 0;
                for (Term term : row.terms()) {
                    Var var = term.var();
                    double most = Math.abs(term.coefficient()) * Math.max(Math.abs(var.lower()), Math.abs(var.upper()));
                    weight[group[var.index()]] += most;
                    total += most;
                }
                for (int g = 0; g < groups; g++) {
                    weight[g] = total > 0 ? weight[g] / total : 1.0 / groups;
                    if (weight[g] > 0 || total == 0) {
                        rowsOf.get(g).add(row);
                    }
                }
                weights.put(row, weight);
            }
            return new Groups(groups, group, varsOf, rowsOf, weights);
        }

        /** How many groups {@code pieces} pieces are dealt into: one is the whole model. */
        static int count(int pieces, int groupPieces) {
            return Math.max(1, (pieces + groupPieces / 2) / groupPieces);
        }
    }

    /** Null when a group's LP is not solved to optimality (its share may be too small), or not in time. */
    static Result solve(
            AllocationModel allocation,
            Pieces pieces,
            PlannerOptions options,
            int groupPieces,
            ProgressListener listener) {
        LinearModel model = allocation.model;
        int n = model.vars().size();
        Groups dealt = Groups.deal(model, pieces, groupPieces);
        int groups = dealt.count();
        List<List<Var>> varsOf = dealt.vars();
        List<List<Row>> rowsOf = dealt.rows();
        Map<Row, double[]> weights = dealt.weights();
        double[] objective = new double[n];
        model.objective().forEach(term -> objective[term.var().index()] += term.coefficient());
        double[] values = new double[n];
        double[] prices = new double[model.rows().size()];
        List<Map<Integer, Double>> couplingPrices = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            couplingPrices.add(new HashMap<>());
        }
        Duration spent = inParallel(
                groups,
                g -> solveGroup(
                        g,
                        varsOf.get(g),
                        rowsOf.get(g),
                        objective,
                        weights,
                        options,
                        values,
                        prices,
                        couplingPrices.get(g)),
                listener);
        if (spent == null) {
            return null;
        }
        // summed in group order, so the prices (and the bound) do not depend on which group finished first
        couplingPrices.forEach(part -> part.forEach((r, price) -> prices[r] += price));
        // the prices of each group's own rows fit its own prices of the coupling rows, not their average: priced at the
        // average, each group's own rows are priced again (the groups' LPs without coupling rows, which part them)
        double bound = LpBound.of(model, prices);
        if (groups > 1) {
            PlannerOptions pricing = options.withTimeLimit(LpGuidedSolve.remaining(options, spent));
            Duration priced = inParallel(
                    groups,
                    g -> priceGroup(varsOf.get(g), pieces, rowsOf.get(g), objective, pricing, prices),
                    listener);
            if (priced == null) {
                return Double.isFinite(bound) ? new Result(values, bound, spent, dealt) : null;
            }
            spent = spent.plus(priced);
        }
        bound = Math.min(bound, LpBound.of(model, prices));
        return Double.isFinite(bound) ? new Result(values, bound, spent, dealt) : null;
    }

    /**
     * Runs the groups' solves on up to {@link #THREADS} threads (each engine on one; the groups are independent, so
     * the results do not depend on the order they finish in); the engines' time summed, or null when one failed.
     */
    static Duration inParallel(int groups, IntFunction<Duration> solve, ProgressListener listener) {
        int threads = Math.min(groups, THREADS);
        if (threads <= 1) {
            Duration spent = Duration.ZERO;
            for (int g = 0; g < groups; g++) {
                Duration took = solve.apply(g);
                if (took == null) {
                    return null;
                }
                spent = spent.plus(took);
            }
            return spent;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Duration>> results = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                int one = g;
                results.add(pool.submit(() -> Interruption.during(listener, () -> solve.apply(one))));
            }
            Duration spent = Duration.ZERO;
            boolean failed = false;
            for (Future<Duration> result : results) {
                Duration took = result.get();
                failed |= took == null;
                spent = failed ? spent : spent.plus(took);
            }
            return failed ? null : spent;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The group's LP without its coupling rows, whose prices ({@code prices}) are taken from the objective instead;
     * writes the prices of the group's own rows. Null when not solved to optimality.
     */
    private static Duration priceGroup(
            List<Var> vars,
            Pieces pieces,
            List<Row> rows,
            double[] objective,
            PlannerOptions options,
            double[] prices) {
        MPSolver solver = MPSolver.createSolver("GLOP");
        if (solver == null) {
            return null;
        }
        try {
            // the coupling rows' prices moved into the objective, the group's own rows kept
            double[] reduced = objective.clone();
            List<Row> own = new ArrayList<>();
            for (Row row : rows) {
                if (!pieces.coupling[row.index()]) {
                    own.add(row);
                    continue;
                }
                for (Term term : row.terms()) {
                    reduced[term.var().index()] -= prices[row.index()] * term.coefficient();
                }
            }
            List<MPConstraint> constraints = MpModel.writePart(
                            solver, vars, Var::lower, Var::upper, true, reduced, own, (row, bound) -> bound)
                    .constraints();
            if (MipEngine.run(solver, "GLOP", options, DUAL_SIMPLEX) != MPSolver.ResultStatus.OPTIMAL) {
                return null;
            }
            for (int r = 0; r < own.size(); r++) {
                prices[own.get(r).index()] = constraints.get(r).dualValue();
            }
            return Duration.ofMillis(solver.wallTime());
        } finally {
            solver.delete();
        }
    }

    /**
     * Solves group g's LP; writes its values, the prices of its own rows and its weighted part of the coupling rows'
     * prices. Null when not solved to optimality.
     */
    private static Duration solveGroup(
            int g,
            List<Var> vars,
            List<Row> rows,
            double[] objective,
            Map<Row, double[]> weights,
            PlannerOptions options,
            double[] values,
            double[] prices,
            Map<Integer, Double> couplingPrices) {
        MPSolver solver = MPSolver.createSolver("GLOP");
        if (solver == null) {
            return null;
        }
        try {
            MpModel.Side share = (row, bound) -> {
                double[] weight = weights.get(row);
                return weight == null ? bound : bound * weight[g];
            };
            MpModel.Part part = MpModel.writePart(solver, vars, Var::lower, Var::upper, true, objective, rows, share);
            Map<Integer, MPVariable> mp = part.vars();
            List<MPConstraint> constraints = part.constraints();
            MPSolver.ResultStatus status = MipEngine.run(solver, "GLOP", options, DUAL_SIMPLEX);
            if (status != MPSolver.ResultStatus.OPTIMAL) {
                return null;
            }
            mp.forEach((i, var) -> values[i] = var.solutionValue());
            for (int r = 0; r < rows.size(); r++) {
                double[] weight = weights.get(rows.get(r));
                double dual = constraints.get(r).dualValue();
                if (weight == null) {
                    prices[rows.get(r).index()] = dual;
                } else {
                    couplingPrices.put(rows.get(r).index(), weight[g] * dual);
                }
            }
            return Duration.ofMillis(solver.wallTime());
        } finally {
            solver.delete();
        }
    }
}
