package dev.allot.core.planner;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.planner.LinearModel.Row;
import dev.allot.core.planner.LinearModel.Term;
import dev.allot.core.planner.LinearModel.Var;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one-period model of a small lab solved by its projects' whole grants (docs/planner.md, "Solving"): every
 * grant in whole units that a project's own rows allow (floor, ceiling, continuity, usage cap, job shapes, pin,
 * override) is one pattern, worth the best value of the model's objective at that grant; one pattern per project is
 * chosen within the rows that couple projects (capacity, shares, relations), whose bounds round to the step whole
 * grants move them by (a type's node size on its capacity row).
 *
 * <p>The relaxation of that choice keeps each project's own rules exact (the convex hull of its whole grants), so its
 * bound is much tighter than the model's own LP, which lets units, floors and continuity hold fractionally. It is
 * solved by column generation from a few patterns per project; its bound is the Lagrangian one, {@code
 * Σ_p max_j (value_pj - prices · use_pj) + prices · bounds}, true for any prices. Few projects take more than one
 * pattern in the relaxation (at most one per coupling row); those are chosen by a small MIP with the others held.
 * When the plan is within the target gap of the bound it is the answer; otherwise the caller solves the model from
 * it.
 *
 * <p>Used only for one-period labs without reserved blocks of up to {@link #MAX_PROJECTS} projects, where every
 * variable belongs to one project and the coupling rows hold only unit variables, and the enumeration stays small
 * ({@link #MAX_COUNTS}, {@link #MAX_PATTERNS}); otherwise {@link #solve} and {@link #bound} return null.
 */
final class GrantPatterns {
    static {
        Loader.loadNativeLibraries();
    }

    /**
     * Labs with more whole grants than this, over all projects, are left to the MIP engine (or the decomposition): a
     * 3,000-project lab has about 1.1 million, each kept in about 60 bytes.
     */
    static final int MAX_PATTERNS = 2_000_000;
    /** Labs of more projects than this are left to the decomposition without enumerating their grants. */
    private static final int MAX_PROJECTS = 5_000;
    /**
     * Labs whose unit counts within bounds and ceilings (listed or not) are more than this are left to the MIP engine
     * or the decomposition before any grant is listed: 2.3 million on a 3,000-project lab (1.1 million grants), 11.8
     * million on 5,000 projects, where listing them until {@link #MAX_PATTERNS} and giving up cost seconds.
     */
    static final long MAX_COUNTS = 4_000_000;

    private static final double FEASIBLE = 1e-7;
    private static final double INTEGRAL = 1e-6;
    /** Cost per unit of a coupling row's excess in the restricted relaxation (kept feasible while columns arrive). */
    private static final double EXCESS_COST = 1e5;
    /** Columns added per project and round of column generation. */
    private static final int ADDED_PER_ROUND = 2;

    private static final int MAX_ROUNDS = 50;
    /**
     * GLOP without presolve keeps its basis when columns are added between solves, so each round starts where the
     * last ended (a 3,000-project lab on this path: 180-310 ms a round against 280-530 ms with presolve).
     */
    private static final String WARM = "use_preprocessing:false";
    /** Patterns of each open project offered to the small MIP. */
    private static final int CANDIDATES = 200;
    /** Open projects up to this many are chosen by search instead of the small MIP. */
    private static final int SEARCHED = 4;
    /** Choices the search may try before it leaves the open projects to the small MIP. */
    private static final int SEARCH_LIMIT = 200_000;
    /**
     * Projects the wider repair frees beside the open ones ({@link #widened}): those whose chosen grant is worth least
     * more than their next best at the relaxation's prices.
     */
    private static final int WIDENED = 60;
    /** Candidates each project freed by the wider repair (not open) may choose among, its chosen grant included. */
    private static final int WIDENED_CANDIDATES = 10;
    /**
     * The wider repair's effort: at most 200 branch-and-bound nodes (a count, not a time, so the same lab gets the same
     * plan; it stops with its best plan, never worse than the one it started from), without presolve or cuts at the
     * root (on the outage weekend of the bench lab over time they took the MIP from 0.25 s to 1.4 s).
     */
    private static final String WIDENED_PARAMETERS =
            "limits/nodes = 200\npresolving/maxrounds = 0\nseparating/maxroundsroot = 0";
    /** Labs of this many projects or more are enumerated on two threads. */
    private static final int PARALLEL_PROJECTS = 1000;
    /** Labs of this many projects or more price a sample of {@link #SAMPLE} projects first. */
    private static final int SAMPLED_PROJECTS = 1000;

    private static final int SAMPLE = 300;

    private static final long SAMPLE_SEED = 42;

    private final AllocationModel allocation;
    private final LinearModel model;
    /** Per variable, the project it belongs to. */
    private final int[] owner;
    /** Per project, its variables. */
    private final List<List<Var>> owned = new ArrayList<>();
    /** Per project, the rows on its variables alone. */
    private final List<List<Row>> local = new ArrayList<>();
    /** Rows over several projects' unit variables. */
    private final List<Row> coupling = new ArrayList<>();
    /** Coupling rows' bounds rounded to their step. */
    private double[] lower;

    private double[] upper;
    private final double[] objective;
    /** Whether a few open projects are chosen by search (else by the small MIP). */
    private final boolean search;

    /**
     * Patterns of one project: the values of its variables, its objective and its use of each coupling row, kept
     * sparse (most patterns touch a few of the rows) in flat arrays, pattern j's entries at {@code from[j]..from[j+1]}.
     */
    private static final class Patterns {
        /**
         * The unit counts of the project's types, pattern after pattern: the rest of a pattern's values is its
         * completion, found again for the patterns chosen ({@link Project#values}), instead of a value per variable
         * kept for each of the 1.1 million patterns of a 3,000-project lab.
         */
        private int[] units;

        private final int width;
        private int size;
        private double[] objective = new double[8];
        private int[] from = new int[9];
        private int[] useRow = new int[16];
        private double[] useCoefficient = new double[16];

        /**
         * Adds a pattern; its use is read from the dense {@code rowUse} at the rows {@code touched[0..count)} (in
         * increasing order), whose entries are cleared.
         */
        Patterns(int width) {
            this.width = width;
            this.units = new int[8 * width];
        }

        void add(int[] at, double value, double[] rowUse, int[] touched, int count) {
            int j = size++;
            if (j == objective.length) {
                objective = Arrays.copyOf(objective, 2 * objective.length);
                from = Arrays.copyOf(from, objective.length + 1);
                units = Arrays.copyOf(units, objective.length * width);
            }
            objective[j] = value;
            System.arraycopy(at, 0, units, j * width, width);
            int end = from[j];
            for (int t = 0; t < count; t++) {
                int r = touched[t];
                if (rowUse[r] != 0) {
                    if (end == useRow.length) {
                        useRow = Arrays.copyOf(useRow, 2 * end);
                        useCoefficient = Arrays.copyOf(useCoefficient, 2 * end);
                    }
                    useRow[end] = r;
                    useCoefficient[end++] = rowUse[r];
                }
                rowUse[r] = 0;
            }
            from[j + 1] = end;
        }

        double objective(int j) {
            return objective[j];
        }

        int size() {
            return size;
        }

        /** Pattern j's unit counts, in the order of {@link Project#units}. */
        int[] units(int j) {
            return Arrays.copyOfRange(units, j * width, (j + 1) * width);
        }

        /** Sets pattern j's coefficients on the coupling rows. */
        void setCoefficients(int j, MPConstraint[] coupling, MPVariable var) {
            for (int k = from[j]; k < from[j + 1]; k++) {
                coupling[useRow[k]].setCoefficient(var, useCoefficient[k]);
            }
        }

        /** Adds {@code times} pattern j's use of the coupling rows to {@code sum}. */
        void addUse(int j, double[] sum, double times) {
            for (int k = from[j]; k < from[j + 1]; k++) {
                sum[useRow[k]] += times * useCoefficient[k];
            }
        }

        /** The sum of pattern j's absolute use of the coupling rows. */
        double total(int j) {
            double sum = 0;
            for (int k = from[j]; k < from[j + 1]; k++) {
                sum += Math.abs(useCoefficient[k]);
            }
            return sum;
        }

        /** Each pattern's use of the coupling rows at the prices. */
        double[] priced(double[] prices) {
            double[] priced = new double[size()];
            for (int j = 0; j < priced.length; j++) {
                double sum = 0;
                for (int k = from[j]; k < from[j + 1]; k++) {
                    sum += prices[useRow[k]] * useCoefficient[k];
                }
                priced[j] = sum;
            }
            return priced;
        }
    }

    private GrantPatterns(AllocationModel allocation, boolean search) {
        this.allocation = allocation;
        this.search = search;
        this.model = allocation.model;
        this.owner = new int[model.vars().size()];
        this.objective = new double[model.vars().size()];
        model.objective().forEach(t -> objective[t.var().index()] += t.coefficient());
    }

    /**
     * The plan found by choosing whole grants, with the bound of their relaxation; null where the method does not
     * apply. Its status is OPTIMAL when the plan is within the options' gap of that bound, FEASIBLE otherwise.
     */
    static SolverOutcome solve(AllocationModel allocation, PlannerOptions options) {
        return solve(allocation, options, true);
    }

    /** As {@link #solve(AllocationModel, PlannerOptions)}; without {@code search} the small MIP chooses every time. */
    static SolverOutcome solve(AllocationModel allocation, PlannerOptions options, boolean search) {
        GrantPatterns patterns = new GrantPatterns(allocation, search);
        List<Patterns> byProject = patterns.listed();
        return byProject == null ? null : patterns.choose(byProject, options);
    }

    /** The projects' patterns, or null where the method does not apply. */
    private List<Patterns> listed() {
        if (allocation.periods.size() != 1
                || !allocation.lab().blocks().isEmpty()
                || allocation.projects.size() > MAX_PROJECTS
                || !assignOwners()) {
            return null;
        }
        return enumerate();
    }

    /**
     * A bound on every plan of the model, without a plan: the Lagrangian bound of the whole grants' relaxation (a
     * bound of a period needs no plan, and choosing one, then polishing it with the engine when it missed the gap,
     * cost the demo over time most of its bound's time); null where the method does not apply or the relaxation
     * needs the coupling rows exceeded.
     */
    static Bound bound(AllocationModel allocation, PlannerOptions options) {
        GrantPatterns patterns = new GrantPatterns(allocation, true);
        List<Patterns> byProject = patterns.listed();
        Relaxation relaxed = byProject == null ? null : patterns.relaxation(byProject, options);
        return relaxed == null ? null : new Bound(relaxed.bound(), relaxed.spent());
    }

    /** A bound on every plan of a model, and the engine's time to prove it. */
    record Bound(double value, Duration spent) {}

    /** Assigns each variable to its project; false when some variable belongs to none or a row is unsupported. */
    private boolean assignOwners() {
        Arrays.fill(owner, -1);
        boolean[] unit = new boolean[owner.length];
        for (int p = 0; p < allocation.projects.size(); p++) {
            int project = p;
            allocation.units.get(p).values().forEach(var -> {
                owner[var.index()] = project;
                unit[var.index()] = true;
            });
            owner[allocation.funded.get(p).index()] = p;
            allocation.valueSegments.get(p).forEach(var -> owner[var.index()] = project);
            Var change = allocation.cycleChanges.get(p);
            if (change != null) {
                owner[change.index()] = p;
            }
            owned.add(new ArrayList<>());
            local.add(new ArrayList<>());
        }
        // variables of a project's own rules (e.g. job shapes) belong to the project of the rows they appear in
        for (Row row : model.rows()) {
            int single = singleOwner(row);
            if (single >= 0) {
                row.terms().forEach(t -> owner[t.var().index()] = single);
            }
        }
        for (Var var : model.vars()) {
            if (owner[var.index()] < 0) {
                return false;
            }
            owned.get(owner[var.index()]).add(var);
        }
        List<Double> lowers = new ArrayList<>();
        List<Double> uppers = new ArrayList<>();
        for (Row row : model.rows()) {
            int single = singleOwner(row);
            if (single >= 0) {
                local.get(single).add(row);
            } else if (row.terms().stream().allMatch(t -> unit[t.var().index()])) {
                coupling.add(row);
                double step = step(row);
                lowers.add(step > 0 ? Math.ceil(row.lower() / step - FEASIBLE) * step : row.lower());
                uppers.add(step > 0 ? Math.floor(row.upper() / step + FEASIBLE) * step : row.upper());
            } else {
                return false;
            }
        }
        lower = lowers.stream().mapToDouble(Double::doubleValue).toArray();
        upper = uppers.stream().mapToDouble(Double::doubleValue).toArray();
        return true;
    }

    /** The one project whose variables the row holds (unassigned ones aside), or -1. */
    private int singleOwner(Row row) {
        int single = -1;
        for (Term t : row.terms()) {
            int o = owner[t.var().index()];
            if (o >= 0) {
                if (single >= 0 && single != o) {
                    return -1;
                }
                single = o;
            }
        }
        return single;
    }

    /** Per project, compiled for enumeration (and for completing the patterns chosen). */
    private final List<Project> compiled = new ArrayList<>();

    /**
     * Per project, its feasible whole grants, each with the best completion of its other variables; null when there
     * are more than {@link #MAX_PATTERNS} in all, or a project has none. The projects are enumerated on {@link
     * GroupedLp#THREADS} threads (each project's patterns are its own, so the result does not depend on the threads).
     */
    private List<Patterns> enumerate() {
        int[] position = new int[owner.length];
        int[][] couplingTerms = couplingTermsByVar();
        int n = allocation.projects.size();
        for (int p = 0; p < n; p++) {
            // a project writes the positions of its own variables only
            compiled.add(new Project(p, position, couplingTerms));
        }
        // counted first (a walk without completions): a lab with far too many is left before any is listed
        long counts = 0;
        for (Project project : compiled) {
            counts += project.counts(MAX_COUNTS - counts);
            if (counts > MAX_COUNTS) {
                return null;
            }
        }
        Patterns[] all = new Patterns[n];
        AtomicInteger total = new AtomicInteger();
        int threads = n >= PARALLEL_PROJECTS ? GroupedLp.THREADS : 1;
        Duration done = GroupedLp.inParallel(
                threads,
                t -> {
                    for (int p = t; p < n; p += threads) {
                        Patterns patterns = compiled.get(p).enumerate(MAX_PATTERNS - total.get());
                        // too many, or no grant satisfies the project's own rules (the engine reports the conflict)
                        if (patterns == null
                                || patterns.size() == 0
                                || total.addAndGet(patterns.size()) > MAX_PATTERNS) {
                            return null;
                        }
                        all[p] = patterns;
                    }
                    return Duration.ZERO;
                },
                Interruption.current());
        return done == null ? null : Arrays.asList(all);
    }

    /** Per variable, its coupling rows and coefficients as pairs {@code [row, coefficient index]}; null if none. */
    private int[][] couplingTermsByVar() {
        List<List<int[]>> byVar = new ArrayList<>();
        for (int i = 0; i < owner.length; i++) {
            byVar.add(null);
        }
        for (int r = 0; r < coupling.size(); r++) {
            List<Term> terms = coupling.get(r).terms();
            for (int i = 0; i < terms.size(); i++) {
                int index = terms.get(i).var().index();
                if (byVar.get(index) == null) {
                    byVar.set(index, new ArrayList<>());
                }
                byVar.get(index).add(new int[] {r, i});
            }
        }
        int[][] flat = new int[owner.length][];
        for (int i = 0; i < owner.length; i++) {
            List<int[]> pairs = byVar.get(i);
            if (pairs != null) {
                flat[i] = new int[pairs.size() * 2];
                for (int k = 0; k < pairs.size(); k++) {
                    flat[i][2 * k] = pairs.get(k)[0];
                    flat[i][2 * k + 1] = pairs.get(k)[1];
                }
            }
        }
        return flat;
    }

    /** One project's variables and own rows, compiled to arrays over the project's variables. */
    private final class Project {
        final int p;
        final List<Var> vars;
        final int[][] rowVars;
        final double[][] rowCoefficients;
        final double[] rowLower;
        final double[] rowUpper;
        final int[] units;
        final int[] unitGpus;
        final int funded;
        final int change;
        final int[] segments;
        /** The row bounding the segments by the compute granted, or -1. */
        final int valueRow;
        /** Other integer variables (job-shape indicators) and the unit each goes with. */
        final int[] indicators;

        final int[] indicatorUnit;
        final double[] cost;
        final double[][] use;
        final int[] useRow;

        Project(int p, int[] position, int[][] couplingTerms) {
            this.p = p;
            this.vars = owned.get(p);
            for (int i = 0; i < vars.size(); i++) {
                position[vars.get(i).index()] = i;
            }
            List<Row> rows = local.get(p);
            rowVars = new int[rows.size()][];
            rowCoefficients = new double[rows.size()][];
            rowLower = new double[rows.size()];
            rowUpper = new double[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                List<Term> terms = rows.get(r).terms();
                rowVars[r] = new int[terms.size()];
                rowCoefficients[r] = new double[terms.size()];
                for (int i = 0; i < terms.size(); i++) {
                    rowVars[r][i] = position[terms.get(i).var().index()];
                    rowCoefficients[r][i] = terms.get(i).coefficient();
                }
                rowLower[r] = rows.get(r).lower();
                rowUpper[r] = rows.get(r).upper();
            }
            List<Map.Entry<GpuTypeId, Var>> types =
                    new ArrayList<>(allocation.units.get(p).entrySet());
            units = new int[types.size()];
            unitGpus = new int[types.size()];
            for (int i = 0; i < types.size(); i++) {
                units[i] = position[types.get(i).getValue().index()];
                unitGpus[i] = allocation.fleet.unitGpus(types.get(i).getKey());
            }
            funded = position[allocation.funded.get(p).index()];
            Var changeVar = allocation.cycleChanges.get(p);
            change = changeVar == null ? -1 : position[changeVar.index()];
            segments = allocation.valueSegments.get(p).stream()
                    .mapToInt(var -> position[var.index()])
                    .toArray();
            int found = -1;
            for (int r = 0; r < rows.size() && segments.length > 0; r++) {
                for (int v : rowVars[r]) {
                    if (v == segments[0]) {
                        found = r;
                    }
                }
            }
            valueRow = found;
            List<Integer> others = new ArrayList<>();
            List<Integer> otherUnits = new ArrayList<>();
            for (int i = 0; i < vars.size(); i++) {
                if (vars.get(i).integer() && i != funded && i != change && indexOf(units, i) < 0) {
                    others.add(i);
                    otherUnits.add(unitOf(i));
                }
            }
            indicators = others.stream().mapToInt(Integer::intValue).toArray();
            indicatorUnit = otherUnits.stream().mapToInt(Integer::intValue).toArray();
            cost = new double[vars.size()];
            use = new double[vars.size()][];
            useRow = new int[vars.size()];
            for (int i = 0; i < vars.size(); i++) {
                cost[i] = objective[vars.get(i).index()];
                int[] pairs = couplingTerms[vars.get(i).index()];
                if (pairs != null) {
                    use[i] = new double[pairs.length / 2];
                    for (int k = 0; k < pairs.length / 2; k++) {
                        use[i][k] = coupling.get(pairs[2 * k])
                                .terms()
                                .get(pairs[2 * k + 1])
                                .coefficient();
                    }
                }
            }
            // the rows of each coupling term, in the order of use[i]
            this.couplingPairs = new int[vars.size()][];
            for (int i = 0; i < vars.size(); i++) {
                couplingPairs[i] = couplingTerms[vars.get(i).index()];
            }
            best = new double[vars.size()];
            boolean[] grant = new boolean[vars.size()];
            for (int u : units) {
                grant[u] = true;
            }
            for (int i : indicators) {
                grant[i] = true;
            }
            grant[funded] = true;
            List<Integer> grantOnly = new ArrayList<>();
            List<Integer> rest = new ArrayList<>();
            for (int r = 0; r < rowVars.length; r++) {
                boolean onGrant = true;
                for (int v : rowVars[r]) {
                    onGrant &= grant[v];
                }
                (onGrant ? grantOnly : rest).add(r);
            }
            grantRows = grantOnly.stream().mapToInt(Integer::intValue).toArray();
            otherRows = rest.stream().mapToInt(Integer::intValue).toArray();
        }

        /** The rows on the unit, job-shape and funded variables alone, and the other rows (change, value). */
        final int[] grantRows;

        final int[] otherRows;

        final int[][] couplingPairs;
        /** Scratch: a pattern's dense use of the coupling rows, all zero between patterns. */
        final double[] rowUse = new double[coupling.size()];
        /** Scratch: the best completion found so far. */
        final double[] best;
        /** Scratch: the rows a pattern uses, and whether each is listed. */
        final int[] touchedRows = new int[coupling.size()];

        final boolean[] touched = new boolean[coupling.size()];

        /** The unit variable sharing a row with the indicator at position i, or -1. */
        private int unitOf(int i) {
            for (int r = 0; r < rowVars.length; r++) {
                if (indexOf(rowVars[r], i) >= 0) {
                    for (int v : rowVars[r]) {
                        if (indexOf(units, v) >= 0) {
                            return v;
                        }
                    }
                }
            }
            return -1;
        }

        Patterns enumerate(int room) {
            Patterns patterns = new Patterns(units.length);
            if (indexOf(indicatorUnit, -1) >= 0) {
                return null;
            }
            double[] values = new double[vars.size()];
            return walk(at -> !complete(values, at, patterns) || patterns.size() <= room) ? patterns : null;
        }

        /**
         * How many unit counts {@link #enumerate} would try (every count within the units' bounds and the project's
         * most GPUs, whether or not its rows allow it), counting no further than {@code limit + 1}: a cheap upper
         * bound on its patterns.
         */
        long counts(long limit) {
            long[] count = {0};
            walk(at -> ++count[0] <= limit);
            return count[0];
        }

        /**
         * Visits, in odometer order, every unit count within the units' bounds whose GPUs are within the project's
         * most (its ceiling; unbounded when pinned), until {@code visit} returns false; whether it visited them all.
         */
        private boolean walk(java.util.function.Predicate<int[]> visit) {
            PlannedProject project = allocation.projects.get(p);
            int most = project.pin().isPresent() || units.length == 0 ? Integer.MAX_VALUE : project.ceilingGpus();
            int[] at = new int[units.length];
            int[] low = new int[units.length];
            int[] high = new int[units.length];
            int gpus = 0;
            for (int i = 0; i < units.length; i++) {
                low[i] = (int) Math.ceil(vars.get(units[i]).lower());
                high[i] = (int) Math.floor(vars.get(units[i]).upper());
                at[i] = low[i];
                gpus += at[i] * unitGpus[i];
            }
            while (true) {
                if (gpus <= most && !visit.test(at)) {
                    return false;
                }
                // odometer step, skipping counts above the most GPUs
                int i = 0;
                for (; i < at.length; i++) {
                    if (at[i] < high[i] && gpus + unitGpus[i] <= most) {
                        at[i]++;
                        gpus += unitGpus[i];
                        break;
                    }
                    gpus -= (at[i] - low[i]) * unitGpus[i];
                    at[i] = low[i];
                }
                if (i == at.length) {
                    return true;
                }
            }
        }

        /** The values of the project's variables in the pattern of unit counts {@code at}: its completion. */
        double[] values(int[] at) {
            Patterns one = new Patterns(units.length);
            double[] values = new double[vars.size()];
            if (!complete(values, at, one)) {
                throw new IllegalStateException("a pattern of project " + p + " has no completion");
            }
            return best.clone();
        }

        /**
         * Adds the best completion of the unit counts {@code at}: funded 0 or 1, each job-shape indicator on where
         * its unit is granted, the change at its least, the value segments filled in order; nothing when no
         * completion satisfies the project's rows.
         */
        private boolean complete(double[] values, int[] at, Patterns patterns) {
            for (int i = 0; i < units.length; i++) {
                values[units[i]] = at[i];
            }
            for (int i = 0; i < indicators.length; i++) {
                values[indicators[i]] = values[indicatorUnit[i]] > 0 ? 1 : 0;
            }
            Var fundedVar = vars.get(funded);
            double[] best = null;
            double[] kept = this.best;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int f = (int) Math.ceil(fundedVar.lower()); f <= fundedVar.upper(); f++) {
                values[funded] = f;
                // the rows on the grant and funded decision alone first: an unfunded project granted units fails one
                // of them before its change and value are worked out
                if (!holds(grantRows, values)) {
                    continue;
                }
                if (change >= 0) {
                    values[change] = least(change, values);
                }
                fillSegments(values);
                if (holds(otherRows, values)) {
                    double value = 0;
                    for (int i = 0; i < values.length; i++) {
                        value += cost[i] * values[i];
                    }
                    if (value > bestValue + 1e-12) {
                        System.arraycopy(values, 0, kept, 0, values.length);
                        best = kept;
                        bestValue = value;
                    }
                }
            }
            if (best == null) {
                return false;
            }
            double[] rowUse = this.rowUse;
            int count = 0;
            for (int i = 0; i < best.length; i++) {
                if (couplingPairs[i] != null && best[i] != 0) {
                    for (int k = 0; k < use[i].length; k++) {
                        int r = couplingPairs[i][2 * k];
                        if (!touched[r]) {
                            touched[r] = true;
                            touchedRows[count++] = r;
                        }
                        rowUse[r] += use[i][k] * best[i];
                    }
                }
            }
            Arrays.sort(touchedRows, 0, count);
            for (int t = 0; t < count; t++) {
                touched[touchedRows[t]] = false;
            }
            patterns.add(at, bestValue, rowUse, touchedRows, count);
            return true;
        }

        /** The least value of a variable its rows allow, the others held (the objective charges it: the change). */
        private double least(int v, double[] values) {
            Var var = vars.get(v);
            double least = var.lower();
            values[v] = 0;
            int[] rows = rowsOf(v);
            for (int k = 0; k < rows.length; k += 2) {
                int r = rows[k];
                double coefficient = rowCoefficients[r][rows[k + 1]];
                double rest = activity(r, values);
                if (coefficient > 0 && rowLower[r] > Double.NEGATIVE_INFINITY) {
                    least = Math.max(least, (rowLower[r] - rest) / coefficient);
                } else if (coefficient < 0 && rowUpper[r] < Double.POSITIVE_INFINITY) {
                    least = Math.max(least, (rowUpper[r] - rest) / coefficient);
                }
            }
            return var.integer() ? Math.ceil(least - FEASIBLE) : least;
        }

        /** The rows holding the change variable, as pairs {@code [row, position in the row]}. */
        private int[] changeRows;

        private int[] rowsOf(int v) {
            if (changeRows == null) {
                List<Integer> pairs = new ArrayList<>();
                for (int r = 0; r < rowVars.length; r++) {
                    int at = indexOf(rowVars[r], v);
                    if (at >= 0) {
                        pairs.add(r);
                        pairs.add(at);
                    }
                }
                changeRows = pairs.stream().mapToInt(Integer::intValue).toArray();
            }
            return changeRows;
        }

        /** Fills the value segments in order up to the compute granted (the curve is concave). */
        private void fillSegments(double[] values) {
            for (int s : segments) {
                values[s] = 0;
            }
            if (valueRow < 0) {
                return;
            }
            double room = rowUpper[valueRow] - activity(valueRow, values);
            for (int s : segments) {
                double fill = Math.max(0, Math.min(vars.get(s).upper(), room));
                values[s] = fill;
                room -= fill;
            }
        }

        private boolean holds(int[] rows, double[] values) {
            for (int r : rows) {
                double activity = activity(r, values);
                double slack = FEASIBLE * Math.max(1, Math.abs(activity));
                if (activity < rowLower[r] - slack || activity > rowUpper[r] + slack) {
                    return false;
                }
            }
            return true;
        }

        private double activity(int r, double[] values) {
            double sum = 0;
            for (int i = 0; i < rowVars[r].length; i++) {
                sum += rowCoefficients[r][i] * values[rowVars[r][i]];
            }
            return sum;
        }
    }

    private static int indexOf(int[] array, int value) {
        for (int i = 0; i < array.length; i++) {
            if (array[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Chooses one pattern per project: the relaxation by column generation (its Lagrangian bound is the bound), then
     * the projects it leaves between patterns by a small MIP with the others held. A lab of {@link #SAMPLED_PROJECTS}
     * projects or more first prices a sample of its projects on their share of the coupling rows, and starts each
     * project with its best pattern at those prices as well: the whole relaxation then needs fewer, cheaper rounds.
     */
    private SolverOutcome choose(List<Patterns> byProject, PlannerOptions options) {
        int n = byProject.size();
        Relaxation relaxed = relaxation(byProject, options);
        if (relaxed == null) {
            return null; // no bound, or the coupling rows cannot hold (the engine reports the conflict)
        }
        Duration spent = relaxed.spent();
        finalPrices = relaxed.prices();
        double bound = relaxed.bound();
        int[] chosen = relaxed.chosen();
        mixed = relaxed.mixed();
        List<Integer> open = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            if (chosen[p] < 0) {
                open.add(p);
            }
        }
        if (!open.isEmpty()) {
            // a few open projects: their best choice by search, which needs no engine; the small MIP otherwise
            double held = 0;
            for (int p = 0; p < n; p++) {
                held += chosen[p] >= 0 ? byProject.get(p).objective(chosen[p]) : 0;
            }
            double enough = bound / (1 + options.relativeGap()) - held;
            SolverOutcome rest =
                    search && open.size() <= SEARCHED && SmallMip.search(this, byProject, open, chosen, enough)
                            ? SolverOutcome.without(SolverOutcome.Status.FEASIBLE, Duration.ZERO)
                            : SmallMip.mip(this, byProject, open, chosen, options.withRelativeGap(0), spent, null);
            spent = spent.plus(rest == null ? Duration.ZERO : rest.wallTime());
            // also where no choice of the open projects fits beside the others held: then some of those give room
            spent = spent.plus(widened(byProject, open, chosen, bound, options, spent));
            if (open.stream().anyMatch(p -> chosen[p] < 0)) {
                return null; // no choice keeps the coupling rows (the engine reports the conflict or finds one)
            }
        }
        double[] values = new double[owner.length];
        double value = 0;
        for (int p = 0; p < n; p++) {
            List<Var> vars = owned.get(p);
            double[] completed = compiled.get(p).values(byProject.get(p).units(chosen[p]));
            for (int i = 0; i < vars.size(); i++) {
                values[vars.get(i).index()] = completed[i];
            }
            value += byProject.get(p).objective(chosen[p]);
        }
        double gap = (bound - value) / Math.max(1, Math.abs(value));
        return new SolverOutcome(
                gap <= options.relativeGap() ? SolverOutcome.Status.OPTIMAL : SolverOutcome.Status.FEASIBLE,
                values,
                value,
                Math.max(value, bound),
                spent);
    }

    /**
     * The relaxation of the choice of one pattern per project, from a priced sample first in labs of {@link
     * #SAMPLED_PROJECTS} projects or more; its bound with a little headroom for the engine's tolerances (so that it
     * stays true), its time including the sample's. Null when it has no optimum or needs the rows exceeded.
     */
    private Relaxation relaxation(List<Patterns> byProject, PlannerOptions options) {
        int n = byProject.size();
        List<List<Integer>> columns = startColumns(byProject);
        Duration spent = Duration.ZERO;
        if (n >= SAMPLED_PROJECTS) {
            Relaxation sample = sample(byProject, options);
            if (sample != null) {
                spent = sample.spent();
                for (int p = 0; p < n; p++) {
                    addBest(byProject.get(p), sample.prices(), columns.get(p));
                }
            }
        }
        Relaxation relaxed =
                relax(byProject, lower, upper, columns, options.withTimeLimit(OverTimeSolve.remaining(options, spent)));
        if (relaxed == null) {
            return null;
        }
        // the prices within the LP's tolerances: a little headroom keeps the bound true
        double bound = relaxed.bound() + 1e-7 * Math.max(1, Math.abs(relaxed.bound()));
        return new Relaxation(bound, relaxed.prices(), relaxed.chosen(), relaxed.mixed(), spent.plus(relaxed.spent()));
    }

    /** Per project, the columns it starts with: its most valuable pattern and its least using one. */
    private static List<List<Integer>> startColumns(List<Patterns> byProject) {
        List<List<Integer>> columns = new ArrayList<>();
        for (Patterns patterns : byProject) {
            List<Integer> start = new ArrayList<>();
            int best = 0;
            int least = 0;
            for (int j = 1; j < patterns.size(); j++) {
                if (patterns.objective(j) > patterns.objective(best)) {
                    best = j;
                }
                if (patterns.total(j) < patterns.total(least)) {
                    least = j;
                }
            }
            start.add(best);
            if (least != best) {
                start.add(least);
            }
            columns.add(start);
        }
        return columns;
    }

    /** Adds to {@code columns} the pattern worth most at the prices, unless it is there. */
    private static void addBest(Patterns patterns, double[] prices, List<Integer> columns) {
        double[] reduced = reduced(patterns, prices);
        int best = 0;
        for (int j = 1; j < reduced.length; j++) {
            if (reduced[j] > reduced[best]) {
                best = j;
            }
        }
        if (!columns.contains(best)) {
            columns.add(best);
        }
    }

    /**
     * The relaxation of {@link #SAMPLE} projects drawn at random (with a fixed seed, so the plan does not change from
     * run to run) on the same fraction of every coupling row's bounds: its prices are close to the whole lab's, at a
     * small part of the cost. Drawn, not every n-th project: a lab whose projects repeat a pattern in the canonical
     * order (a type or category every fourth project) would give every n-th project one type and price the others
     * at 0. Null when the sample cannot hold its share of the rows.
     */
    private Relaxation sample(List<Patterns> byProject, PlannerOptions options) {
        int n = byProject.size();
        int[] order = new int[n];
        for (int p = 0; p < n; p++) {
            order[p] = p;
        }
        SplittableRandom random = new SplittableRandom(SAMPLE_SEED);
        for (int i = 0; i < SAMPLE; i++) {
            int j = i + random.nextInt(n - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] drawn = Arrays.copyOf(order, SAMPLE);
        Arrays.sort(drawn);
        List<Patterns> sampled = new ArrayList<>();
        for (int p : drawn) {
            sampled.add(byProject.get(p));
        }
        double fraction = sampled.size() / (double) n;
        double[] sampleLower = new double[lower.length];
        double[] sampleUpper = new double[upper.length];
        for (int r = 0; r < lower.length; r++) {
            sampleLower[r] = lower[r] * fraction;
            sampleUpper[r] = upper[r] * fraction;
        }
        return relax(sampled, sampleLower, sampleUpper, startColumns(sampled), options);
    }

    /**
     * The relaxation's optimum over the projects' patterns, within {@code lower} and {@code upper} on the coupling
     * rows, by column generation from {@code columns} (which it extends): its Lagrangian bound, the prices of that
     * bound, the pattern each project takes whole (-1 where it mixes patterns) and the engine's time. Null when the
     * relaxation has no optimum or needs the rows exceeded.
     */
    private static Relaxation relax(
            List<Patterns> byProject,
            double[] lower,
            double[] upper,
            List<List<Integer>> columns,
            PlannerOptions options) {
        int n = byProject.size();
        Duration spent = Duration.ZERO;
        double bound = Double.POSITIVE_INFINITY;
        double[] lastPrices = null;
        double[] weights = null;
        double excess = 0;
        try (Master lp = new Master(byProject, lower, upper)) {
            for (int p = 0; p < n; p++) {
                for (int j : columns.get(p)) {
                    lp.add(p, j);
                }
            }
            for (int round = 0; round < MAX_ROUNDS; round++) {
                boolean solved = lp.solve(options);
                spent = lp.wallTime;
                if (!solved) {
                    return null;
                }
                weights = lp.weights;
                excess = lp.excess;
                // the Lagrangian bound at the LP's prices, in either sign (a price facing an unbounded side counts as
                // 0; the bound holds for any prices), the lesser kept
                double[] prices = usable(lp.prices, 1, lower, upper);
                double[][] priced = priced(byProject, prices);
                double[] negated = usable(lp.prices, -1, lower, upper);
                double[][] pricedNegated = priced(byProject, negated);
                double lagrangian = Math.min(
                        lagrangian(byProject, prices, priced, lower, upper),
                        lagrangian(byProject, negated, pricedNegated, lower, upper));
                // New columns are priced in the engine's own sign: the one in which the relaxation's own columns are
                // worth its objective (its duals). Pricing in the sign of the lesser bound could find no column while
                // the bound was still far off: with zero prices every project's best pattern is already a column.
                if (Math.abs(lagrangian(byProject, negated, pricedNegated, columns, lower, upper) - lp.objective)
                        < Math.abs(lagrangian(byProject, prices, priced, columns, lower, upper) - lp.objective)) {
                    prices = negated;
                    priced = pricedNegated;
                }
                lastPrices = prices;
                bound = Math.min(bound, lagrangian);
                // close enough: the relaxation's value is within a quarter of the target gap of the bound
                if (bound - lp.objective <= options.relativeGap() / 4 * Math.max(1, Math.abs(bound))) {
                    break;
                }
                boolean added = false;
                for (int p = 0; p < n; p++) {
                    double[] reduced = new double[priced[p].length];
                    for (int j = 0; j < reduced.length; j++) {
                        reduced[j] = byProject.get(p).objective(j) - priced[p][j];
                    }
                    boolean[] in = new boolean[reduced.length];
                    columns.get(p).forEach(j -> in[j] = true);
                    double current = Double.NEGATIVE_INFINITY;
                    for (int j : columns.get(p)) {
                        current = Math.max(current, reduced[j]);
                    }
                    for (int k = 0; k < ADDED_PER_ROUND; k++) {
                        int pick = -1;
                        for (int j = 0; j < reduced.length; j++) {
                            if (reduced[j] > current + 1e-9 * Math.max(1, Math.abs(reduced[j]))
                                    && (pick < 0 || reduced[j] > reduced[pick])
                                    && !in[j]) {
                                pick = j;
                            }
                        }
                        if (pick < 0) {
                            break;
                        }
                        columns.get(p).add(pick);
                        lp.add(p, pick);
                        in[pick] = true;
                        added = true;
                    }
                }
                if (!added) {
                    break;
                }
            }
            if (weights == null || bound == Double.POSITIVE_INFINITY || excess > 1e-6) {
                return null;
            }
            return new Relaxation(bound, lastPrices, lp.whole(n), lp.mixed(n), spent);
        }
    }

    /**
     * A relaxation's Lagrangian bound (the least over its rounds), the prices of its last round, each project's whole
     * pattern (or -1) and the engine's time.
     */
    private record Relaxation(double bound, double[] prices, int[] chosen, int[][] mixed, Duration spent) {}

    /**
     * An open project's patterns for the small MIP: the {@link #CANDIDATES} worth most at the final prices, the
     * patterns the relaxation mixes and the one using least of the coupling rows. The last two keep a choice within
     * the rows in reach where a project has thousands of patterns and the most valuable ones all use more than the
     * relaxation gives it (seen on a 1,200-project lab: the small MIP found no plan).
     */
    private int[] candidates(int p, Patterns patterns) {
        return candidates(p, patterns, CANDIDATES);
    }

    private int[] candidates(int p, Patterns patterns, int most) {
        double[] reduced = reduced(patterns, finalPrices);
        Integer[] order = new Integer[reduced.length];
        for (int j = 0; j < order.length; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> Double.compare(reduced[b], reduced[a]));
        java.util.LinkedHashSet<Integer> chosen =
                new java.util.LinkedHashSet<>(Arrays.asList(order).subList(0, Math.min(most, order.length)));
        for (int j : mixed[p]) {
            chosen.add(j);
        }
        int least = 0;
        for (int j = 1; j < patterns.size(); j++) {
            if (patterns.total(j) < patterns.total(least)) {
                least = j;
            }
        }
        chosen.add(least);
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Where the choice of the open projects, the others held at their whole grants, misses the target gap or does not
     * exist: the open projects again, beside the {@link #WIDENED} projects whose chosen grant is worth least more than
     * their next best at the final prices (each among its {@link #WIDENED_CANDIDATES} best), as one small MIP started
     * from the current choice. Holding every other project leaves the open ones too little of a shared row where the
     * relaxation's fractional mix used all of it; a few projects that give a node up cheaply make the room (on the
     * bench lab over time, the first period's plan went from 1.5 % below the bound to 0.001 %, in 0.1 s where the
     * engine's polish of the whole period took 0.8 s; on the demo over time a period whose one open project had no
     * choice that fit, which the engine then solved in 0.9 s, is planned so). Keeps {@code chosen} unless the MIP found
     * a more valuable choice (or the first); returns its time.
     */
    private Duration widened(
            List<Patterns> byProject,
            List<Integer> open,
            int[] chosen,
            double bound,
            PlannerOptions options,
            Duration spent) {
        int n = byProject.size();
        double value = valueOf(byProject, chosen);
        if (value > Double.NEGATIVE_INFINITY
                && (bound - value) / Math.max(1, Math.abs(value)) <= options.relativeGap()) {
            return Duration.ZERO;
        }
        Set<Integer> opened = new HashSet<>(open);
        double[] margin = new double[n];
        for (int p = 0; p < n; p++) {
            if (opened.contains(p)) {
                continue;
            }
            double[] reduced = reduced(byProject.get(p), finalPrices);
            double next = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < reduced.length; j++) {
                if (j != chosen[p]) {
                    next = Math.max(next, reduced[j]);
                }
            }
            margin[p] = reduced[chosen[p]] - next;
        }
        List<Integer> freed = new ArrayList<>(open);
        java.util.stream.IntStream.range(0, n)
                .filter(p -> !opened.contains(p) && margin[p] < Double.POSITIVE_INFINITY)
                .boxed()
                .sorted(java.util.Comparator.comparingDouble((Integer p) -> margin[p])
                        .thenComparingInt(p -> p))
                .limit(WIDENED)
                .forEach(freed::add);
        int[] widened = chosen.clone();
        double freedValue = 0;
        for (int p : freed) {
            freedValue += chosen[p] >= 0 ? byProject.get(p).objective(chosen[p]) : 0;
            widened[p] = -1;
        }
        // stop within half the target's slack of the whole plan, counted on the freed projects' part
        double gap = Math.max(
                options.relativeGap(), options.relativeGap() / 2 * Math.abs(bound) / Math.max(1, Math.abs(freedValue)));
        SolverOutcome mip = SmallMip.mip(
                this,
                byProject,
                freed,
                widened,
                options.withRelativeGap(gap),
                spent,
                new SmallMip.Start(chosen, p -> !opened.contains(p)));
        if (mip == null) {
            return Duration.ZERO;
        }
        if (valueOf(byProject, widened) > value) {
            System.arraycopy(widened, 0, chosen, 0, n);
        }
        return mip.wallTime();
    }

    /** The value of a choice of one pattern per project; minus infinity while some project has none. */
    private static double valueOf(List<Patterns> byProject, int[] chosen) {
        double value = 0;
        for (int p = 0; p < chosen.length; p++) {
            if (chosen[p] < 0) {
                return Double.NEGATIVE_INFINITY;
            }
            value += byProject.get(p).objective(chosen[p]);
        }
        return value;
    }

    /** Per project, the patterns the relaxation takes at a positive weight. */
    private int[][] mixed;

    /** Prices of the coupling rows at the end of column generation (sign as in {@link #lagrangian}). */
    private double[] finalPrices;

    /** Each pattern's value less what its use of the coupling rows costs at the prices. */
    private static double[] reduced(Patterns patterns, double[] prices) {
        double[] priced = patterns.priced(prices);
        for (int j = 0; j < priced.length; j++) {
            priced[j] = patterns.objective(j) - priced[j];
        }
        return priced;
    }

    /**
     * {@code Σ_p max_j reduced_pj + Σ_r price_r x (its upper bound when positive, else its lower)}: at least the value
     * of every plan, since a plan's use of a row lies within the row's bounds (prices facing an unbounded side are
     * 0, see {@link #usable}).
     */
    private static double lagrangian(
            List<Patterns> byProject, double[] prices, double[][] priced, double[] lower, double[] upper) {
        return lagrangian(byProject, prices, priced, null, lower, upper);
    }

    /**
     * The Lagrangian function with each project's maximum over {@code columns} only (all its patterns where null):
     * over the relaxation's columns at its own duals, it is the relaxation's objective.
     */
    private static double lagrangian(
            List<Patterns> byProject,
            double[] prices,
            double[][] priced,
            List<List<Integer>> columns,
            double[] lower,
            double[] upper) {
        double sum = 0;
        for (int r = 0; r < prices.length; r++) {
            if (prices[r] != 0) {
                sum += prices[r] * (prices[r] > 0 ? upper[r] : lower[r]);
            }
        }
        for (int p = 0; p < byProject.size(); p++) {
            double top = Double.NEGATIVE_INFINITY;
            if (columns == null) {
                for (int j = 0; j < priced[p].length; j++) {
                    top = Math.max(top, byProject.get(p).objective(j) - priced[p][j]);
                }
            } else {
                for (int j : columns.get(p)) {
                    top = Math.max(top, byProject.get(p).objective(j) - priced[p][j]);
                }
            }
            sum += top;
        }
        return sum;
    }

    /** The prices times {@code sign}, each 0 where it would face a row's unbounded side. */
    private static double[] usable(double[] prices, double sign, double[] lower, double[] upper) {
        double[] usable = new double[prices.length];
        for (int r = 0; r < prices.length; r++) {
            double price = sign * prices[r];
            double side = price > 0 ? upper[r] : lower[r];
            usable[r] = Double.isInfinite(side) ? 0 : price;
        }
        return usable;
    }

    private static double[][] priced(List<Patterns> byProject, double[] prices) {
        double[][] priced = new double[byProject.size()][];
        for (int p = 0; p < priced.length; p++) {
            priced[p] = byProject.get(p).priced(prices);
        }
        return priced;
    }

    /**
     * The restricted relaxation: one engine model kept over the rounds of column generation, columns added to it
     * between solves (rebuilding it every round cost more than solving it).
     */
    private static final class Master implements AutoCloseable {
        private final List<Patterns> byProject;
        private final MPSolver solver = MPSolver.createSolver("GLOP");
        private final MPConstraint[] coupling;
        private final MPConstraint[] one;
        private final MPVariable[] excessVars;
        private final List<MPVariable> vars = new ArrayList<>();
        /** Per column, its project and pattern. */
        private int[] project = new int[64];

        private int[] pattern = new int[64];
        double[] weights;
        double[] prices;
        double objective;
        double excess;
        Duration wallTime = Duration.ZERO;

        Master(List<Patterns> byProject, double[] lower, double[] upper) {
            this.byProject = byProject;
            int rows = lower.length;
            coupling = new MPConstraint[rows];
            excessVars = new MPVariable[2 * rows];
            MPObjective objective = solver.objective();
            for (int r = 0; r < rows; r++) {
                coupling[r] = solver.makeConstraint(SmallMip.bound(lower[r]), SmallMip.bound(upper[r]));
                // excess either way, at a cost, so that every restricted relaxation is feasible
                MPVariable over = solver.makeNumVar(0, MPSolver.infinity(), "");
                MPVariable under = solver.makeNumVar(0, MPSolver.infinity(), "");
                coupling[r].setCoefficient(over, -1);
                coupling[r].setCoefficient(under, 1);
                objective.setCoefficient(over, -EXCESS_COST);
                objective.setCoefficient(under, -EXCESS_COST);
                excessVars[2 * r] = over;
                excessVars[2 * r + 1] = under;
            }
            one = new MPConstraint[byProject.size()];
            for (int p = 0; p < one.length; p++) {
                one[p] = solver.makeConstraint(1, 1);
            }
            objective.setMaximization();
        }

        /** Adds project p's pattern j as a column. */
        void add(int p, int j) {
            int c = vars.size();
            if (c == project.length) {
                project = Arrays.copyOf(project, 2 * c);
                pattern = Arrays.copyOf(pattern, 2 * c);
            }
            project[c] = p;
            pattern[c] = j;
            MPVariable var = solver.makeNumVar(0, 1, "");
            vars.add(var);
            one[p].setCoefficient(var, 1);
            solver.objective().setCoefficient(var, byProject.get(p).objective(j));
            byProject.get(p).setCoefficients(j, coupling, var);
        }

        /** Solves the relaxation over the columns so far; false when it has no optimum. */
        boolean solve(PlannerOptions options) {
            MPSolver.ResultStatus status = MipEngine.run(solver, "GLOP", options, WARM);
            wallTime = Duration.ofMillis(solver.wallTime());
            if (status != MPSolver.ResultStatus.OPTIMAL) {
                return false;
            }
            objective = solver.objective().value();
            weights = new double[vars.size()];
            for (int c = 0; c < weights.length; c++) {
                weights[c] = vars.get(c).solutionValue();
            }
            prices = new double[coupling.length];
            for (int r = 0; r < prices.length; r++) {
                prices[r] = coupling[r].dualValue();
            }
            excess = 0;
            for (MPVariable var : excessVars) {
                excess += var.solutionValue();
            }
            return true;
        }

        /** Per project, the pattern the relaxation takes whole, or -1 where it mixes patterns. */
        int[][] mixed(int n) {
            List<List<Integer>> taken = new ArrayList<>();
            for (int p = 0; p < n; p++) {
                taken.add(new ArrayList<>());
            }
            for (int c = 0; c < weights.length; c++) {
                if (weights[c] > INTEGRAL) {
                    taken.get(project[c]).add(pattern[c]);
                }
            }
            return taken.stream()
                    .map(list -> list.stream().mapToInt(Integer::intValue).toArray())
                    .toArray(int[][]::new);
        }

        int[] whole(int n) {
            int[] chosen = new int[n];
            Arrays.fill(chosen, -1);
            for (int c = 0; c < weights.length; c++) {
                if (weights[c] > 1 - INTEGRAL) {
                    chosen[project[c]] = pattern[c];
                }
            }
            return chosen;
        }

        @Override
        public void close() {
            solver.delete();
        }
    }

    /** The MIP over the patterns of the projects the relaxation leaves open. */
    private static final class SmallMip {
        /**
         * The open projects' best choice among the same candidates as {@link #mip}, the others held, by depth-first
         * search: each project's candidates in order of value, a branch cut once it cannot beat the best plan found
         * (exact, as the small MIP at gap 0), or a branch that can no longer keep the coupling rows. True with
         * chosen[] completed; false when no choice keeps the coupling rows, or the search gave up after {@link
         * #SEARCH_LIMIT} choices with no choice worth {@code enough} (the open projects' value that puts the plan
         * within the target gap of the bound: the gap, not the search, certifies the plan).
         */
        static boolean search(
                GrantPatterns owner, List<Patterns> byProject, List<Integer> open, int[] chosen, double enough) {
            double[] use = new double[owner.coupling.size()];
            for (int p = 0; p < byProject.size(); p++) {
                if (chosen[p] >= 0) {
                    byProject.get(p).addUse(chosen[p], use, 1);
                }
            }
            int m = open.size();
            int[][] candidates = new int[m][];
            double[] rest = new double[m + 1];
            for (int i = m - 1; i >= 0; i--) {
                Patterns patterns = byProject.get(open.get(i));
                candidates[i] = Arrays.stream(owner.candidates(open.get(i), patterns))
                        .boxed()
                        .sorted((a, b) -> Double.compare(patterns.objective(b), patterns.objective(a)))
                        .mapToInt(Integer::intValue)
                        .toArray();
                rest[i] = rest[i + 1] + patterns.objective(candidates[i][0]);
            }
            Search search = new Search(owner, byProject, open, candidates, rest, use);
            search.from(0, 0);
            if (search.best == null || (search.tried > SEARCH_LIMIT && search.bestValue < enough)) {
                return false;
            }
            for (int i = 0; i < m; i++) {
                chosen[open.get(i)] = search.best[i];
            }
            return true;
        }

        private static final class Search {
            private final GrantPatterns owner;
            private final List<Patterns> byProject;
            private final List<Integer> open;
            private final int[][] candidates;
            /** From each level, the most the remaining open projects can add. */
            private final double[] rest;

            private final double[] use;
            private final int[] picked;
            int[] best;
            double bestValue = Double.NEGATIVE_INFINITY;
            int tried;

            Search(
                    GrantPatterns owner,
                    List<Patterns> byProject,
                    List<Integer> open,
                    int[][] candidates,
                    double[] rest,
                    double[] use) {
                this.owner = owner;
                this.byProject = byProject;
                this.open = open;
                this.candidates = candidates;
                this.rest = rest;
                this.use = use;
                this.picked = new int[open.size()];
                spans();
            }

            void from(int level, double value) {
                if (level == picked.length) {
                    if (value > bestValue + 1e-9 && holds()) {
                        best = picked.clone();
                        bestValue = value;
                    }
                    return;
                }
                Patterns patterns = byProject.get(open.get(level));
                for (int j : candidates[level]) {
                    double with = value + patterns.objective(j);
                    if (with + rest[level + 1] <= bestValue + 1e-9 || ++tried > SEARCH_LIMIT) {
                        return; // the candidates come in order of value: none after this one does better
                    }
                    picked[level] = j;
                    patterns.addUse(j, use, 1);
                    if (reachable(level + 1)) {
                        from(level + 1, with);
                    }
                    patterns.addUse(j, use, -1);
                }
            }

            /**
             * Whether the projects from {@code level} on can still bring every coupling row within its bounds: the
             * least and the most each row can still gain are the sums of the candidates' least and most use.
             */
            private boolean reachable(int level) {
                if (level == picked.length) {
                    return true;
                }
                for (int r = 0; r < use.length; r++) {
                    double slack = FEASIBLE * Math.max(1, Math.abs(use[r]));
                    if (use[r] + least[level][r] > owner.upper[r] + slack
                            || use[r] + most[level][r] < owner.lower[r] - slack) {
                        return false;
                    }
                }
                return true;
            }

            /** Per level and coupling row, the least and the most the open projects from that level on can use. */
            private double[][] least;

            private double[][] most;

            private void spans() {
                int m = picked.length;
                int rows = use.length;
                least = new double[m + 1][rows];
                most = new double[m + 1][rows];
                double[] one = new double[rows];
                for (int i = m - 1; i >= 0; i--) {
                    double[] low = new double[rows];
                    double[] high = new double[rows];
                    Arrays.fill(low, Double.POSITIVE_INFINITY);
                    Arrays.fill(high, Double.NEGATIVE_INFINITY);
                    Patterns patterns = byProject.get(open.get(i));
                    for (int j : candidates[i]) {
                        Arrays.fill(one, 0);
                        patterns.addUse(j, one, 1);
                        for (int r = 0; r < rows; r++) {
                            low[r] = Math.min(low[r], one[r]);
                            high[r] = Math.max(high[r], one[r]);
                        }
                    }
                    for (int r = 0; r < rows; r++) {
                        least[i][r] = least[i + 1][r] + low[r];
                        most[i][r] = most[i + 1][r] + high[r];
                    }
                }
            }

            /** Whether the coupling rows hold the current choice (with the tolerance of the projects' own rows). */
            private boolean holds() {
                for (int r = 0; r < use.length; r++) {
                    double slack = FEASIBLE * Math.max(1, Math.abs(use[r]));
                    if (use[r] < owner.lower[r] - slack || use[r] > owner.upper[r] + slack) {
                        return false;
                    }
                }
                return true;
            }
        }

        /**
         * A choice to start from and the projects given few candidates ({@link #WIDENED_CANDIDATES}, the started
         * choice among them).
         */
        record Start(int[] chosen, java.util.function.IntPredicate few) {}

        /**
         * The open projects' choice, the others held at their patterns, to the options' gap, from {@code start} where
         * given (else each open project among its {@link #CANDIDATES}); chosen[] is completed, or null.
         */
        static SolverOutcome mip(
                GrantPatterns owner,
                List<Patterns> byProject,
                List<Integer> open,
                int[] chosen,
                PlannerOptions options,
                Duration spent,
                Start start) {
            int rows = owner.coupling.size();
            double[] held = new double[rows];
            for (int p = 0; p < byProject.size(); p++) {
                if (chosen[p] >= 0) {
                    byProject.get(p).addUse(chosen[p], held, 1);
                }
            }
            MPSolver solver = MPSolver.createSolver("SCIP");
            try {
                MPConstraint[] coupling = new MPConstraint[rows];
                for (int r = 0; r < rows; r++) {
                    coupling[r] =
                            solver.makeConstraint(bound(owner.lower[r] - held[r]), bound(owner.upper[r] - held[r]));
                }
                MPObjective objective = solver.objective();
                List<MPVariable[]> vars = new ArrayList<>();
                for (int p : open) {
                    Patterns patterns = byProject.get(p);
                    MPConstraint one = solver.makeConstraint(1, 1);
                    int[] candidates = start != null && start.few().test(p)
                            ? owner.candidates(p, patterns, WIDENED_CANDIDATES)
                            : owner.candidates(p, patterns);
                    if (start != null && start.chosen()[p] >= 0 && indexOf(candidates, start.chosen()[p]) < 0) {
                        candidates = Arrays.copyOf(candidates, candidates.length + 1);
                        candidates[candidates.length - 1] = start.chosen()[p];
                    }
                    MPVariable[] choices = new MPVariable[patterns.size()];
                    for (int j : candidates) {
                        choices[j] = solver.makeBoolVar("");
                        one.setCoefficient(choices[j], 1);
                        objective.setCoefficient(choices[j], patterns.objective(j));
                        patterns.setCoefficients(j, coupling, choices[j]);
                    }
                    vars.add(choices);
                }
                objective.setMaximization();
                if (start != null) {
                    List<MPVariable> hinted = new ArrayList<>();
                    List<Double> hints = new ArrayList<>();
                    for (int i = 0; i < open.size(); i++) {
                        MPVariable[] choices = vars.get(i);
                        for (int j = 0; j < choices.length && start.chosen()[open.get(i)] >= 0; j++) {
                            if (choices[j] != null) {
                                hinted.add(choices[j]);
                                hints.add(j == start.chosen()[open.get(i)] ? 1.0 : 0.0);
                            }
                        }
                    }
                    solver.setHint(
                            hinted.toArray(new MPVariable[0]),
                            hints.stream().mapToDouble(Double::doubleValue).toArray());
                }
                MPSolver.ResultStatus status = MipEngine.run(
                        solver,
                        "SCIP",
                        options.withTimeLimit(OverTimeSolve.remaining(options, spent)),
                        start == null ? "" : WIDENED_PARAMETERS);
                Duration wall = Duration.ofMillis(solver.wallTime());
                if (status != MPSolver.ResultStatus.OPTIMAL && status != MPSolver.ResultStatus.FEASIBLE) {
                    return null;
                }
                for (int i = 0; i < open.size(); i++) {
                    MPVariable[] choices = vars.get(i);
                    for (int j = 0; j < choices.length; j++) {
                        if (choices[j] != null && choices[j].solutionValue() > 0.5) {
                            chosen[open.get(i)] = j;
                        }
                    }
                }
                return SolverOutcome.without(SolverOutcome.Status.FEASIBLE, wall);
            } finally {
                solver.delete();
            }
        }

        private static double bound(double value) {
            return Double.isInfinite(value) ? (value > 0 ? MPSolver.infinity() : -MPSolver.infinity()) : value;
        }
    }

    /**
     * The step every whole grant moves the row's activity by (the greatest common divisor of its coefficients on
     * integer variables, e.g. a type's node size on its capacity row), or 0 when it has none: the activity of any
     * plan is a multiple of it, so the row's bounds round to multiples of it (a valid tightening).
     */
    private static double step(Row row) {
        long divisor = 0;
        for (Term t : row.terms()) {
            double c = Math.abs(t.coefficient());
            if (!t.var().integer() || Math.abs(c - Math.rint(c)) > 1e-9 || c == 0) {
                return 0;
            }
            divisor = gcd(divisor, (long) Math.rint(c));
        }
        return divisor;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
