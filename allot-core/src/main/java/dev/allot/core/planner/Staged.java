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
 */
record Staged(double[] values, Duration spent) {
    private static final Pattern PERIOD = Pattern.compile("@(\\d+)$");

    /**
     * @param periodBound per period, an upper bound on the value of that period alone (weight 1); asked only where a
     *     period has the capacity of the one before (it may wait for a bound being solved)
     * @return the staged plan; {@code values} is null when a step finds no plan (a later period cannot follow)
     */
    static Staged solve(
            AllocationModel model, IntToDoubleFunction periodBound, PlannerOptions step, PlannerOptions whole) {
        return solve(
                model,
                periodBound,
                step,
                whole,
                Map.of(),
                model.periods.stream().map(period -> (Object) period.fleet()).toList());
    }

    /**
     * @param given variables held at these values in every step (the blocks' starts of one placement)
     * @param capacity per period, what decides its capacity and rules (its fleet, and the GPUs blocks hold in it): a
     *     period may keep the grants of the one before only when the two are equal
     */
    static Staged solve(
            AllocationModel model,
            IntToDoubleFunction periodBound,
            PlannerOptions step,
            PlannerOptions whole,
            Map<Var, Double> given,
            List<Object> capacity) {
        Map<Var, Double> objective = new HashMap<>();
        model.model.objective().forEach(term -> objective.merge(term.var(), term.coefficient(), Double::sum));
        Duration spent = Duration.ZERO;
        double[] values = null;
        for (int k = 0; k < model.periods.size(); k++) {
            if (k > 0
                    && capacity.get(k).equals(capacity.get(k - 1))
                    && reaches(periodValue(model, k - 1, objective, values), periodBound.applyAsDouble(k), step)) {
                copy(model, k, values);
                continue;
            }
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
            SolverOutcome outcome = MipEngine.solve(
                    LpGuidedSolve.mipName(step.engine()),
                    model.model,
                    keep,
                    true,
                    stepGap(model, step, k).withTimeLimit(OverTimeSolve.remaining(whole, spent)),
                    fixed,
                    false,
                    null);
            spent = spent.plus(outcome.wallTime());
            if (!OverTimeSolve.found(outcome)) {
                return new Staged(null, spent);
            }
            values = outcome.values();
        }
        return new Staged(values, spent);
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
