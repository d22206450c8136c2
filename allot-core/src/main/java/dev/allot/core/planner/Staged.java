package dev.allot.core.planner;

import dev.allot.core.planner.LinearModel.Row;
import dev.allot.core.planner.LinearModel.Var;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plan of a model over time found period by period: period k is solved with the rules of periods up to k, the
 * grants of the earlier periods held at the values already found (so the continuity between periods and the
 * stability cost at k's start are those of the full model), and no value from later periods. A period with the same
 * fleet as the one before keeps its grants when they already reach the best value that fleet allows (within the
 * step gap): nothing better can follow, and keeping moves nothing. The result is a plan of the whole model, not in
 * general its optimum; {@link OverTimeSolve} bounds it.
 *
 * <p>Each step is written as a one-period model ({@link Step}: period k's variables, the full model's rows of period
 * k with the settled variables moved into their bounds), so the one-period path solves it, whole grants first
 * ({@link GrantPatterns}); where it cannot be written so (more than {@link LpGuidedSolve#PROJECTS_THRESHOLD} projects,
 * a row it cannot carry) the step is solved by the engine on the full model, the rows of later periods dropped and
 * the earlier periods' variables held. A plan that broke a row of the full model would be planned again with the
 * engine's steps; none is expected to.
 */
record Staged(double[] values, Duration spent) {
    private static final Pattern PERIOD = Pattern.compile("@(\\d+)$");

    /**
     * The staged solve of one placement, its steps one-period models where they can be, else the full model's.
     */
    static final class Steps {
        private final AllocationModel model;
        private final ValueModel valueModel;
        private final IntToDoubleFunction periodBound;
        private final PlannerOptions step;
        private final PlannerOptions whole;
        private final Map<Var, Double> given;
        private final List<Object> capacity = new ArrayList<>();
        private final Map<Var, Double> objective = new HashMap<>();

        /**
         * @param valueModel the value model the model was written with (the one-period step models are written with
         *     it)
         * @param periodBound per period, an upper bound on the value of that period alone (weight 1); asked only where
         *     a period has the capacity of the one before (it may wait for a bound being solved)
         * @param placement the blocks' starts held in every step; a period may keep the grants of the one before only
         *     when the two have the same fleet and the placement's blocks hold the same GPUs in both
         */
        Steps(
                AllocationModel model,
                ValueModel valueModel,
                IntToDoubleFunction periodBound,
                PlannerOptions step,
                PlannerOptions whole,
                BlockPlacement placement) {
            this.model = model;
            this.valueModel = valueModel;
            this.periodBound = periodBound;
            this.step = step;
            this.whole = whole;
            this.given = placement.fixed(model);
            for (int k = 0; k < model.periods.size(); k++) {
                capacity.add(
                        List.of(model.periods.get(k).fleet(), placement.held().get(k)));
            }
            model.model.objective().forEach(term -> objective.merge(term.var(), term.coefficient(), Double::sum));
        }

        /**
         * The staged plan, each step a one-period model where it can be; {@code values} is null when a step finds no
         * plan (a later period cannot follow).
         */
        Staged solve() {
            Staged staged = solve(true);
            if (staged.values() != null && !satisfies(model, staged.values())) {
                // a one-period step gave a plan the full model refuses (it should not): again with the engine's steps
                Staged again = solve(false);
                return new Staged(again.values(), staged.spent().plus(again.spent()));
            }
            return staged;
        }

        /** The staged plan with every step solved by the engine on the full model (the steps as first written). */
        Staged withEngine() {
            return solve(false);
        }

        private Staged solve(boolean alone) {
            Duration spent = Duration.ZERO;
            double[] values = new double[model.model.vars().size()];
            boolean[] settled = new boolean[values.length];
            given.forEach((var, value) -> {
                values[var.index()] = value;
                settled[var.index()] = true;
            });
            for (int k = 0; k < model.periods.size(); k++) {
                if (k > 0
                        && capacity.get(k).equals(capacity.get(k - 1))
                        && reaches(periodValue(model, k - 1, objective, values), periodBound.applyAsDouble(k), step)) {
                    copy(model, k, values);
                    variables(model, k).forEach(var -> settled[var.index()] = true);
                    copyOthers(model, k, values, settled);
                    continue;
                }
                PlannerOptions options = step.withTimeLimit(OverTimeSolve.remaining(whole, spent));
                Step one = alone && model.projects.size() <= LpGuidedSolve.PROJECTS_THRESHOLD
                        ? Step.of(model, valueModel, k, values, settled)
                        : null;
                if (one != null) {
                    SolverOutcome outcome = aloneStep(one.model(), options);
                    spent = spent.plus(outcome.wallTime());
                    if (OverTimeSolve.found(outcome)) {
                        one.place(outcome.values(), values, settled);
                        continue;
                    }
                }
                SolverOutcome outcome = engineStep(k, values, options);
                spent = spent.plus(outcome.wallTime());
                if (!OverTimeSolve.found(outcome)) {
                    return new Staged(null, spent);
                }
                System.arraycopy(outcome.values(), 0, values, 0, values.length);
                variables(model, k).forEach(var -> settled[var.index()] = true);
            }
            return new Staged(values, spent);
        }

        /**
         * A one-period step: the whole grants' plan where it is within the step gap of their bound, or within the
         * whole solve's gap (the plan over time is measured against its own bound anyway, and the engine's polish of
         * a step costs more than the rest of the steps); else that plan polished by the engine ({@link
         * OverTimeSolve#polished}); the one-period path where whole grants do not apply.
         */
        private SolverOutcome aloneStep(AllocationModel alone, PlannerOptions options) {
            SolverOutcome patterns = options.engine().equals("scip") ? GrantPatterns.solve(alone, options) : null;
            if (patterns == null) {
                return OverTimeSolve.solveModel(alone, options, ProgressListener.NONE);
            }
            return patterns.bound() - patterns.objective()
                            <= whole.relativeGap() * Math.max(1, Math.abs(patterns.objective()))
                    ? patterns
                    : OverTimeSolve.polished(alone, patterns, options);
        }

        /** Step k on the full model: the rows of periods up to k, the earlier periods' variables held. */
        private SolverOutcome engineStep(int k, double[] values, PlannerOptions options) {
            Map<Var, Double> fixed = new HashMap<>(given);
            for (int earlier = 0; earlier < k; earlier++) {
                for (Var var : variables(model, earlier)) {
                    fixed.put(var, values[var.index()]);
                }
            }
            for (int later = k + 1; later < model.periods.size(); later++) {
                model.segmentsByPeriod.get(later).forEach(segments -> segments.forEach(var -> fixed.put(var, 0.0)));
            }
            int upTo = k;
            Predicate<Row> keep = row -> periodOf(row) <= upTo;
            return MipEngine.solve(
                    LpGuidedSolve.mipName(step.engine()),
                    model.model,
                    keep,
                    true,
                    stepGap(model, step, k).withTimeLimit(options.timeLimit()),
                    fixed,
                    false,
                    null);
        }
    }

    /**
     * Step k written as a one-period model, so the one-period path ({@link OverTimeSolve#solveModel}: whole grants
     * first) can solve it: its variables are period k's, its rows are the full model's rows of period k with every
     * variable already settled (the earlier periods' grants and changes, the placement's blocks) moved into the
     * bounds, and its objective is the full model's on period k's variables. So it is the engine step's model less the
     * rows of earlier periods (which hold settled variables alone) and less the objective's constant.
     *
     * @param model the one-period model carrying those rows
     * @param fullOf per variable of {@code model}, the full model's variable it stands for
     */
    record Step(AllocationModel model, Var[] fullOf) {
        /** Step k as a one-period model; null where some row of period k holds a variable it cannot carry. */
        static Step of(AllocationModel full, ValueModel valueModel, int k, double[] values, boolean[] settled) {
            return of(full, valueModel, k, values, settled, row -> true, full.model.objective());
        }

        /**
         * Period k as a one-period model with the given objective (over the full model's variables; its terms on
         * settled variables left out) and the rows of period k that {@code keep} accepts; a change variable that is
         * settled is not the one-period model's change. Null where some row kept holds a variable it cannot carry.
         */
        static Step of(
                AllocationModel full,
                ValueModel valueModel,
                int k,
                double[] values,
                boolean[] settled,
                Predicate<Row> keep,
                List<LinearModel.Term> objective) {
            PlanningPeriod period = full.periods.get(k);
            AllocationModel alone = new AllocationModel(
                    full.lab().withBlocks(List.of()), full.fleet, List.of(period), full.projects, valueModel, false);
            Var[] aloneOf = new Var[full.model.vars().size()];
            Map<String, Var> byName = new HashMap<>();
            alone.model.vars().forEach(var -> byName.put(var.name(), var));
            for (int p = 0; p < full.projects.size(); p++) {
                Map<dev.allot.core.model.GpuTypeId, Var> units =
                        alone.unitsByPeriod.get(0).get(p);
                for (Map.Entry<dev.allot.core.model.GpuTypeId, Var> unit :
                        full.unitsByPeriod.get(k).get(p).entrySet()) {
                    aloneOf[unit.getValue().index()] = units.get(unit.getKey());
                }
                aloneOf[full.fundedByPeriod.get(k).get(p).index()] =
                        alone.fundedByPeriod.get(0).get(p);
                List<Var> segments = full.segmentsByPeriod.get(k).get(p);
                List<Var> aloneSegments = alone.segmentsByPeriod.get(0).get(p);
                if (segments.size() != aloneSegments.size()) {
                    return null;
                }
                for (int s = 0; s < segments.size(); s++) {
                    aloneOf[segments.get(s).index()] = aloneSegments.get(s);
                }
                // the change at the period's start: the project's change variable in the one-period model
                Var change = k == 0
                        ? full.cycleChanges.get(p)
                        : full.periodChanges.get(k).get(p);
                alone.cycleChanges.set(
                        p,
                        change == null || settled[change.index()]
                                ? null
                                : alone.model.continuous(
                                        change.name(), change.lower(), change.upper(), change.resolution()));
                if (change != null && !settled[change.index()]) {
                    aloneOf[change.index()] = alone.cycleChanges.get(p);
                }
            }
            List<Row> rows = new ArrayList<>();
            for (Row row : full.model.rows()) {
                if (periodOf(row) != k || !keep.test(row)) {
                    continue;
                }
                double settledPart = 0;
                List<LinearModel.Term> terms = new ArrayList<>();
                for (LinearModel.Term term : row.terms()) {
                    int index = term.var().index();
                    if (settled[index]) {
                        settledPart += term.coefficient() * values[index];
                        continue;
                    }
                    if (aloneOf[index] == null) {
                        // another variable of period k (a job shape's indicator): the one of the same rule
                        aloneOf[index] = byName.get(aloneName(term.var().name(), k));
                    }
                    if (aloneOf[index] == null) {
                        return null;
                    }
                    terms.add(LinearModel.term(aloneOf[index], term.coefficient()));
                }
                if (terms.isEmpty()) {
                    if (settledPart < row.lower() - FEASIBLE || settledPart > row.upper() + FEASIBLE) {
                        return null; // the settled variables break a row of period k: the engine's step says so
                    }
                    continue;
                }
                rows.add(new Row(
                        rows.size(),
                        row.name(),
                        row.group(),
                        List.copyOf(terms),
                        row.lower() - settledPart,
                        row.upper() - settledPart));
            }
            alone.model.rows().clear();
            alone.model.rows().addAll(rows);
            alone.model.objective().clear();
            for (LinearModel.Term term : objective) {
                Var var = aloneOf[term.var().index()];
                if (var != null && !settled[term.var().index()]) {
                    alone.model.maximise(var, term.coefficient());
                }
            }
            Var[] fullOf = new Var[alone.model.vars().size()];
            for (Var var : full.model.vars()) {
                Var mapped = aloneOf[var.index()];
                if (mapped != null && !settled[var.index()]) {
                    fullOf[mapped.index()] = var;
                }
            }
            return new Step(alone, fullOf);
        }

        /** Sets the one-period model's objective to {@code cost} (per variable of the full model) on its variables. */
        void objective(double[] cost) {
            model.model.objective().clear();
            for (int i = 0; i < fullOf.length; i++) {
                if (fullOf[i] != null && cost[fullOf[i].index()] != 0) {
                    model.model.maximise(model.model.vars().get(i), cost[fullOf[i].index()]);
                }
            }
        }

        /** Writes the step's solution into the full model's values and marks those variables settled. */
        void place(double[] solved, double[] values, boolean[] settled) {
            for (int i = 0; i < fullOf.length; i++) {
                if (fullOf[i] != null) {
                    values[fullOf[i].index()] = solved[i];
                    settled[fullOf[i].index()] = true;
                }
            }
        }
    }

    /**
     * The one-period model's name of a variable of period k: the {@code @k} after the project's id or at the end of
     * the name dropped.
     */
    private static String aloneName(String name, int k) {
        String at = "@" + k;
        if (k == 0) {
            return name;
        }
        if (name.endsWith(at)) {
            return name.substring(0, name.length() - at.length());
        }
        return name.replace(at + ",", ",").replace(at + "]", "]");
    }

    private static final double FEASIBLE = 1e-6;

    /** Whether the values keep every row and variable bound of the model (within the engines' tolerance). */
    static boolean satisfies(AllocationModel model, double[] values) {
        for (Var var : model.model.vars()) {
            double value = values[var.index()];
            double slack = FEASIBLE * Math.max(1, Math.abs(value));
            if (value < var.lower() - slack
                    || value > var.upper() + slack
                    || (var.integer() && Math.abs(value - Math.rint(value)) > slack)) {
                return false;
            }
        }
        return model.model.rowsHold(values, FEASIBLE);
    }

    private static boolean reaches(double value, double bound, PlannerOptions step) {
        return value >= bound - step.relativeGap() * Math.max(1, Math.abs(bound));
    }

    /** The least share of the step gap a step is solved to: tighter steps cost more time than they gain. */
    static final double LEAST_SHARE = 0.25;

    /** The least gap a step is solved to. */
    static final double LEAST_STEP_GAP = 1e-5;

    /**
     * The step's own gap: the engine measures a step's gap against its whole objective, which holds the value of the
     * earlier periods as a constant, so the step gap is scaled by period k's share of the weight up to it, and each
     * step may lose about the step gap of its own period's value (not of everything before it).
     */
    static PlannerOptions stepGap(AllocationModel model, PlannerOptions step, int k) {
        double upTo = 0;
        for (int j = 0; j <= k; j++) {
            upTo += model.periods.get(j).weight();
        }
        double share = Math.max(LEAST_SHARE, model.periods.get(k).weight() / upTo);
        return step.withRelativeGap(Math.max(step.relativeGap() * share, LEAST_STEP_GAP));
    }

    /** Value of period k's grants alone (without its weight). */
    private static double periodValue(AllocationModel model, int k, Map<Var, Double> objective, double[] values) {
        double value = 0;
        for (List<Var> segments : model.segmentsByPeriod.get(k)) {
            for (Var var : segments) {
                value += objective.getOrDefault(var, 0.0) * values[var.index()];
            }
        }
        return value / model.periods.get(k).weight();
    }

    /** Period k takes period k-1's grants (same fleet, so the same variables) and moves nothing. */
    private static void copy(AllocationModel model, int k, double[] values) {
        for (int p = 0; p < model.projects.size(); p++) {
            Map<dev.allot.core.model.GpuTypeId, Var> before =
                    model.unitsByPeriod.get(k - 1).get(p);
            model.unitsByPeriod
                    .get(k)
                    .get(p)
                    .forEach((type, var) ->
                            values[var.index()] = values[before.get(type).index()]);
            values[model.fundedByPeriod.get(k).get(p).index()] =
                    values[model.fundedByPeriod.get(k - 1).get(p).index()];
            List<Var> segments = model.segmentsByPeriod.get(k).get(p);
            for (int s = 0; s < segments.size(); s++) {
                values[segments.get(s).index()] =
                        values[model.segmentsByPeriod.get(k - 1).get(p).get(s).index()];
            }
            Var change = model.periodChanges.get(k).get(p);
            if (change != null) {
                values[change.index()] = 0;
            }
        }
    }

    /**
     * Period k's other variables (a job shape's indicators) take the values of period k-1's of the same rule, as its
     * grants did.
     */
    private static void copyOthers(AllocationModel model, int k, double[] values, boolean[] settled) {
        Map<String, Var> before = new HashMap<>();
        Map<String, Var> now = new HashMap<>();
        for (Row row : model.model.rows()) {
            int period = periodOf(row);
            if (period == k - 1 || period == k) {
                for (LinearModel.Term term : row.terms()) {
                    (period == k ? now : before).put(aloneName(term.var().name(), period), term.var());
                }
            }
        }
        now.forEach((name, var) -> {
            Var earlier = before.get(name);
            if (!settled[var.index()] && earlier != null) {
                values[var.index()] = values[earlier.index()];
                settled[var.index()] = true;
            }
        });
    }

    /** The variables of period k: units, funded, value segments and changes. */
    private static List<Var> variables(AllocationModel model, int k) {
        List<Var> vars = new ArrayList<>();
        model.unitsByPeriod.get(k).forEach(byType -> vars.addAll(byType.values()));
        vars.addAll(model.fundedByPeriod.get(k));
        model.segmentsByPeriod.get(k).forEach(vars::addAll);
        List<Var> changes = k == 0 ? model.cycleChanges : model.periodChanges.get(k);
        changes.stream().filter(var -> var != null).forEach(vars::add);
        return vars;
    }

    /** The period a row belongs to, from its name's {@code @k} suffix (none: the first). */
    private static int periodOf(Row row) {
        Matcher matcher = PERIOD.matcher(row.name());
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }
}
