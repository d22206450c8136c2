package dev.allot.core.planner;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import dev.allot.core.planner.LinearModel.Row;
import dev.allot.core.planner.LinearModel.Term;
import dev.allot.core.planner.LinearModel.Var;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The held MIP of {@link LpGuidedSolve} in small blocks, so that no MIP over all the projects the LP left fractional
 * is solved (docs/planner.md, "Solving"). The model falls into pieces: a project's variables with the rows that
 * involve that project alone (floor, ceiling, continuity, value, stability...); the other rows (capacity, shares,
 * relations) couple pieces. Then:
 *
 * <ol>
 *   <li>a piece the LP made integral keeps the LP's values (its units and funded decision are the held ones);
 *   <li>the other pieces are cut into blocks of at most {@code blockPieces}, solved one after the other: each block
 *       gets, of every coupling row, what the pieces already solved used and what the LP gives the blocks still to
 *       come, and the rest of the row's bound — so the LP's own values fit every block, and what a block leaves
 *       unused passes to the next;
 *   <li>the result is checked against every row of the model.
 * </ol>
 *
 * <p>A block that finds no plan within its share (a rounding it cannot make) joins the next block, which then has
 * its room too; when the last block finds none, there is no plan. It returns a plan, never a bound: the caller
 * measures the plan against the LP bound, so the gap it reports is true, and falls back to the held MIP over all the
 * fractional projects when there is no plan or it misses the target.
 */
final class HeldBlocks {
    static {
        Loader.loadNativeLibraries();
    }

    /** Pieces (projects, as a rule) per block: SCIP solves blocks of this size in a small part of a second. */
    static final int BLOCK_PIECES = 120;

    /** Of the target gap, the share the blocks' own gaps may use; the rest is for what rounding costs. */
    private static final double SHARE_OF_TARGET = 0.8;

    private static final double MAX_BLOCK_GAP = 0.05;

    private static final double INTEGRAL = 1e-6;
    /** Rows may be off by this much (relative to their bound) in the checked plan, as in the engines. */
    private static final double FEASIBLE = 1e-6;

    private final LinearModel model;
    private final int[] piece;
    private final boolean[] coupling;
    private final Map<Integer, List<Row>> localRows;
    private final double[] objective;
    private final String engine;
    private final PlannerOptions options;

    private HeldBlocks(AllocationModel allocation, Pieces pieces, String engine, PlannerOptions options) {
        this.model = allocation.model;
        this.engine = engine;
        this.options = options;
        this.piece = pieces.piece;
        this.coupling = pieces.coupling;
        this.localRows = pieces.localRows;
        objective = new double[model.vars().size()];
        model.objective().forEach(term -> objective[term.var().index()] += term.coefficient());
    }

    /** A plan (values by variable index, or null when a block found none) and the engines' time. */
    record Result(double[] values, Duration spent) {}

    /**
     * The held MIP in blocks: each block of about {@code blockPieces} pieces solved with the rest held, within the
     * time limit of {@code options} and aiming at its gap to {@code bound} (the LP bound); {@code lp} holds the LP
     * relaxation's values and {@code ranges} the variables held within ranges. With {@code groups} of more than one
     * (null: one; the groups the relaxation was solved in), each group's blocks
     * are solved on the group's share of every coupling row (what the LP gives its pieces plus its weight's part of
     * the row's slack), one after the other, and the groups on two threads: they share nothing, so the plan does not
     * depend on which finishes first.
     */
    static Result solve(
            AllocationModel allocation,
            Pieces pieces,
            GroupedLp.Groups groups,
            double[] lp,
            Map<Var, double[]> ranges,
            String engine,
            PlannerOptions options,
            double bound,
            int blockPieces) {
        return new HeldBlocks(allocation, pieces, engine, options).solve(lp, ranges, bound, blockPieces, groups);
    }

    private Result solve(
            double[] lp, Map<Var, double[]> ranges, double bound, int blockPieces, GroupedLp.Groups groups) {
        int n = model.vars().size();
        double[] lower = new double[n];
        double[] upper = new double[n];
        double[] current = new double[n];
        for (Var var : model.vars()) {
            double[] range = ranges.get(var);
            lower[var.index()] = range == null ? var.lower() : range[0];
            upper[var.index()] = range == null ? var.upper() : range[1];
            double value = Math.min(upper[var.index()], Math.max(lower[var.index()], lp[var.index()]));
            current[var.index()] = var.integer() && isWhole(value) ? Math.rint(value) : value;
        }
        double allowance = SHARE_OF_TARGET * options.relativeGap() * Math.abs(bound);
        if (groups == null || groups.count() <= 1) {
            Solved solved = solveBlocks(
                    model.vars(), null, -1, (row, side) -> side, allowance, lower, upper, current, blockPieces);
            return new Result(solved.found() && feasible(current) ? current : null, solved.took());
        }
        // each group's share of the coupling rows, from the values the blocks start at (the LP's, rounded)
        int count = groups.count();
        int[] group = groups.group();
        GroupedLp.Shares shares = groups.shares(current);
        // the target's allowance shared out by the LP value of the groups' pieces
        double[] value = new double[count];
        double total = 0;
        for (Var var : model.vars()) {
            double one = objective[var.index()] * current[var.index()];
            value[group[var.index()]] += one;
            total += one;
        }
        double whole = total;
        Duration spent = GroupedLp.inParallel(
                count,
                g -> {
                    double mine = whole > 0 ? allowance * Math.max(0, value[g]) / whole : allowance / count;
                    Solved solved = solveBlocks(
                            groups.vars().get(g), group, g, shares.side(g), mine, lower, upper, current, blockPieces);
                    return solved.found() ? solved.took() : null;
                },
                Interruption.current());
        return new Result(spent != null && feasible(current) ? current : null, spent == null ? Duration.ZERO : spent);
    }

    /**
     * Solves, block after block, the pieces of {@code vars} that the LP left fractional, in place in {@code
     * current}; whether the last block found a plan, and the engines' time.
     *
     * @param group per variable index its group, or null when the blocks have the whole model
     * @param g the group solved (-1 for the whole model)
     * @param share a coupling row's bound as this group holds it (the bound itself for the whole model)
     */
    private Solved solveBlocks(
            List<Var> vars,
            int[] group,
            int g,
            MpModel.Side share,
            double allowance,
            double[] lower,
            double[] upper,
            double[] current,
            int blockPieces) {
        // pieces with an integer variable the LP left fractional, in canonical (variable) order
        Map<Integer, Integer> blockOf = new HashMap<>();
        int pieces = 0;
        for (Var var : vars) {
            int i = var.index();
            if (var.integer() && !isWhole(current[i]) && !blockOf.containsKey(piece[i])) {
                blockOf.put(piece[i], pieces++ / blockPieces);
            }
        }
        int blocks = (pieces + blockPieces - 1) / blockPieces;
        List<List<Var>> varsOfBlock = new ArrayList<>();
        List<List<Row>> rowsOfBlock = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            varsOfBlock.add(new ArrayList<>());
            rowsOfBlock.add(new ArrayList<>());
        }
        for (Var var : vars) {
            Integer b = blockOf.get(piece[var.index()]);
            if (b != null) {
                varsOfBlock.get(b).add(var);
            }
        }
        localRows.forEach((root, rows) -> {
            Integer b = blockOf.get(root);
            if (b != null) {
                rowsOfBlock.get(b).addAll(rows);
            }
        });
        // coupling rows: their activity (of this group's terms) at the current values, and the blocks they touch
        double[] activity = new double[model.rows().size()];
        for (Row row : model.rows()) {
            if (!coupling[row.index()]) {
                continue;
            }
            activity[row.index()] =
                    group == null ? LinearModel.activity(row, current) : activity(row, group, g, current);
            int last = -1;
            for (Term term : row.terms()) {
                Integer b = blockOf.get(piece[term.var().index()]);
                if (b != null && b != last) {
                    List<Row> rows = rowsOfBlock.get(b);
                    if (rows.isEmpty() || rows.get(rows.size() - 1) != row) {
                        rows.add(row);
                    }
                    last = b;
                }
            }
        }
        // Each block may stop within its share of the target: the plan must end within the target of the LP bound,
        // and the LP's own values of the blocks are worth what the blocks may lose.
        double[] blockValue = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            for (Var var : varsOfBlock.get(b)) {
                blockValue[b] += objective[var.index()] * current[var.index()];
            }
        }
        double rest = Arrays.stream(blockValue).sum();
        double lost = 0;
        Duration spent = Duration.ZERO;
        for (int b = 0; b < blocks; b++) {
            double gap = Math.min(
                    MAX_BLOCK_GAP,
                    Math.max(options.relativeGap() / 2, (allowance - lost) / Math.max(1, Math.abs(rest))));
            PlannerOptions left = options.withTimeLimit(LpGuidedSolve.remaining(options, spent))
                    .withRelativeGap(gap);
            Solved solved =
                    solveBlock(varsOfBlock.get(b), rowsOfBlock.get(b), share, lower, upper, current, activity, left);
            spent = spent.plus(solved.took());
            if (!solved.found()) {
                if (b == blocks - 1) {
                    return new Solved(false, spent);
                }
                // the block cannot round within its share: it joins the next, which has that block's room too
                varsOfBlock.get(b + 1).addAll(varsOfBlock.get(b));
                Set<Row> joined = new LinkedHashSet<>(rowsOfBlock.get(b));
                joined.addAll(rowsOfBlock.get(b + 1));
                rowsOfBlock.set(b + 1, new ArrayList<>(joined));
                blockValue[b + 1] += blockValue[b];
                continue;
            }
            double value = 0;
            for (Var var : varsOfBlock.get(b)) {
                value += objective[var.index()] * current[var.index()];
            }
            lost += blockValue[b] - value;
            rest -= blockValue[b];
        }
        return new Solved(true, spent);
    }

    /** The activity of a row's terms in group g. */
    private static double activity(Row row, int[] group, int g, double[] values) {
        double sum = 0;
        for (Term term : row.terms()) {
            if (group[term.var().index()] == g) {
                sum += term.coefficient() * values[term.var().index()];
            }
        }
        return sum;
    }

    /** Whether a block found a plan, and the engine's time. */
    private record Solved(boolean found, Duration took) {}

    /** Solves one block in place ({@code current}, {@code activity}). */
    private Solved solveBlock(
            List<Var> vars,
            List<Row> rows,
            MpModel.Side share,
            double[] lower,
            double[] upper,
            double[] current,
            double[] activity,
            PlannerOptions block) {
        MPSolver solver = MPSolver.createSolver(engine);
        if (solver == null) {
            throw new IllegalStateException("MIP engine " + engine + " is not available");
        }
        try {
            Set<Integer> inBlock = new HashSet<>();
            vars.forEach(var -> inBlock.add(var.index()));
            // what the rest of the model holds of each coupling row: the pieces solved, the LP's values elsewhere
            Map<Integer, Double> elsewhere = new HashMap<>();
            for (Row row : rows) {
                if (coupling[row.index()]) {
                    double rest = activity[row.index()];
                    for (Term term : row.terms()) {
                        if (inBlock.contains(term.var().index())) {
                            rest -= term.coefficient() * current[term.var().index()];
                        }
                    }
                    elsewhere.put(row.index(), rest);
                }
            }
            MpModel.Side rest = (row, bound) -> share.of(row, bound) - elsewhere.getOrDefault(row.index(), 0.0);
            Map<Integer, MPVariable> mp = MpModel.writePart(
                            solver,
                            vars,
                            var -> lower[var.index()],
                            var -> upper[var.index()],
                            false,
                            objective,
                            rows,
                            rest)
                    .vars();
            MPSolver.ResultStatus status = MipEngine.run(solver, engine, block, "");
            Duration took = Duration.ofMillis(solver.wallTime());
            if (status != MPSolver.ResultStatus.OPTIMAL && status != MPSolver.ResultStatus.FEASIBLE) {
                return new Solved(false, took);
            }
            for (Row row : rows) {
                if (coupling[row.index()]) {
                    for (Term term : row.terms()) {
                        MPVariable var = mp.get(term.var().index());
                        if (var != null) {
                            activity[row.index()] += term.coefficient()
                                    * (var.solutionValue() - current[term.var().index()]);
                        }
                    }
                }
            }
            mp.forEach((i, var) -> current[i] = var.solutionValue());
            return new Solved(true, took);
        } finally {
            solver.delete();
        }
    }

    /** Every row holds and every integer variable is whole (within the engines' tolerances). */
    private boolean feasible(double[] values) {
        for (Var var : model.vars()) {
            double value = values[var.index()];
            if (var.integer() && !isWhole(value)) {
                return false;
            }
            if (var.integer()) {
                values[var.index()] = Math.rint(value) + 0.0; // no -0.0
            }
        }
        return model.rowsHold(values, FEASIBLE);
    }

    private static boolean isWhole(double value) {
        return Math.abs(value - Math.rint(value)) < INTEGRAL;
    }
}
