package dev.allot.core.planner;

import dev.allot.core.planner.LinearModel.Term;
import dev.allot.core.planner.LinearModel.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Exact priority thresholds for explanations, by parametric re-solves of the MIP.
 *
 * <p>With every other number of the lab held, the objective at priority {@code w} of project p is {@code w A(x) +
 * B(x)} for a plan x: {@code A} is p's value curve over its grant (weighted by period), {@code B} everything else.
 * The optimum as a function of w is the upper envelope of these lines, one per plan; it is convex, and the plan's
 * {@code A} (so its effective compute) never falls as w rises. So "funded" and "grows by at least one node" switch
 * once, at the w where the envelope passes from a line without the outcome to one with it. That point is found as
 * Eisner and Severance found the breakpoints of a parametric program (Operations Research 24(3), 1976): intersect the
 * best known line on each side, re-solve at the intersection; if nothing beats both lines there, it is the switch
 * point, else the better line replaces the one on its side. Each step is one MIP re-solve at a tight gap, started
 * from the nearest known plan; two to four are typical.
 *
 * <p>Re-solves are counted against a budget so that a plan's explanations cost a bounded number of solves. Not
 * thread-safe.
 */
final class PriorityThresholds {
    /** Relative gap of the re-solves: thresholds are exact to this fraction of the objective (see docs/planner.md). */
    static final double GAP = 1e-9;
    /** A threshold is printed only when the re-solves pin it down to this much priority (before rounding). */
    static final double PRIORITY_TOLERANCE = 0.002;
    /**
     * Branch-and-bound nodes one re-solve may use (SCIP): a deterministic bound on its work, so that the same lab
     * always gives the same explanations; a re-solve that does not prove its optimum within it prints no threshold.
     */
    static final int NODE_LIMIT = 500;

    private static final int MAX_STEPS = 12;

    private final AllocationModel allocation;
    private final double[] planValues;
    private final PlannerOptions options;
    private final String engine;
    private int budget;
    private int solves;

    /** A plan as a line in the priority of one project: objective {@code slope x w + intercept}. */
    record Line(double slope, double intercept, double[] values) {
        double at(double w) {
            return slope * w + intercept;
        }
    }

    /**
     * The found switch point, with the plans on both sides of it.
     *
     * @param reached false when the outcome does not switch anywhere in the searched range
     * @param priority the switch point (NaN when not reached)
     * @param without the plan just on the side without the outcome
     * @param with the plan just on the side with the outcome
     */
    record Threshold(boolean reached, double priority, double[] without, double[] with) {}

    private final double gap;

    PriorityThresholds(AllocationModel allocation, double[] planValues, PlannerOptions options, int budget) {
        this.gap = GAP;
        this.allocation = allocation;
        this.planValues = planValues;
        this.options = options;
        this.engine = switch (options.engine()) {
            case "highs" -> "HIGHS";
            case "cbc" -> "CBC";
            default -> "SCIP";
        };
        this.budget = budget;
    }

    double[] planValues() {
        return planValues;
    }

    /** Re-solves done so far. */
    int solves() {
        return solves;
    }

    boolean canSolve(int count) {
        return budget >= count;
    }

    /**
     * Where the outcome switches for project p between its current priority and {@code bound} (above for an outcome
     * the plan lacks, below for one it has). Empty when the budget ran out or a re-solve was not proven optimal: the
     * caller then prints no threshold.
     *
     * @param outcome true for plans with the outcome (e.g. "p is funded"); must depend on the plan only through
     *     something that never falls as p's priority rises, such as p's effective compute
     */
    Optional<Threshold> search(int p, Predicate<double[]> outcome, double bound) {
        double now = allocation.projects.get(p).priority();
        boolean has = outcome.test(planValues);
        Line current = line(p, planValues);
        Optional<double[]> far = solveAt(p, bound, planValues);
        if (far.isEmpty()) {
            return Optional.empty();
        }
        Line other = line(p, far.get());
        if (outcome.test(far.get()) == has) {
            return Optional.of(new Threshold(false, Double.NaN, null, null));
        }
        Line without = has ? other : current;
        Line with = has ? current : other;
        double low = Math.min(now, bound);
        double high = Math.max(now, bound);
        for (int step = 0; step < MAX_STEPS; step++) {
            double rise = with.slope() - without.slope();
            if (!(rise > 1e-12)) {
                return Optional.empty();
            }
            double w = Math.min(high, Math.max(low, (without.intercept() - with.intercept()) / rise));
            Optional<double[]> there = solveAt(p, w, with.values());
            if (there.isEmpty()) {
                return Optional.empty();
            }
            Line best = line(p, there.get());
            double known = Math.max(without.at(w), with.at(w));
            if (best.at(w) <= known + tolerance(known)) {
                // the engines' tolerance on the objective, turned into priority by the lines' slopes
                return tolerance(known) / rise <= PRIORITY_TOLERANCE
                        ? Optional.of(new Threshold(true, w, without.values(), with.values()))
                        : Optional.empty();
            }
            if (outcome.test(there.get())) {
                with = best;
            } else {
                without = best;
            }
        }
        return Optional.empty();
    }

    /** The optimum of another model (the same lab with one thing changed), at the tight gap; empty if not proven. */
    Optional<double[]> solve(LinearModel model) {
        if (budget <= 0) {
            return Optional.empty();
        }
        budget--;
        solves++;
        SolverOutcome outcome =
                MipEngine.solve(engine, model, row -> true, true, tight(), Map.of(), false, null, limits());
        return outcome.status() == SolverOutcome.Status.OPTIMAL ? Optional.of(outcome.values()) : Optional.empty();
    }

    private Optional<double[]> solveAt(int p, double priority, double[] hint) {
        if (budget <= 0) {
            return Optional.empty();
        }
        budget--;
        solves++;
        SolverOutcome outcome = MipEngine.solve(
                engine, atPriority(p, priority), row -> true, true, tight(), Map.of(), false, hint, limits());
        return outcome.status() == SolverOutcome.Status.OPTIMAL ? Optional.of(outcome.values()) : Optional.empty();
    }

    private String limits() {
        return engine.equals("SCIP") ? "limits/nodes = " + NODE_LIMIT : "";
    }

    private PlannerOptions tight() {
        return options.withRelativeGap(gap);
    }

    private double tolerance(double objective) {
        // the engines' own feasibility tolerance (1e-6) bounds how exactly two equal objectives agree
        return gap * Math.max(1, Math.abs(objective)) + 1e-6;
    }

    /** The model with p's value terms at the given priority. */
    private LinearModel atPriority(int p, double priority) {
        Map<Var, Double> slopes = slopes(p);
        List<Term> terms = new ArrayList<>();
        for (Term term : allocation.model.objective()) {
            if (!slopes.containsKey(term.var())) {
                terms.add(term);
            }
        }
        for (Entry<Var, Double> entry : slopes.entrySet()) {
            terms.add(LinearModel.term(entry.getKey(), priority * entry.getValue()));
        }
        return allocation.model.withObjective(terms);
    }

    /** Per value-segment variable of p, its objective coefficient per unit of priority. */
    private Map<Var, Double> slopes(int p) {
        Map<Var, Double> slopes = new HashMap<>();
        List<ValueSegment> curve = allocation.curves.get(p);
        for (int k = 0; k < allocation.periods.size(); k++) {
            List<Var> segments = allocation.segmentsByPeriod.get(k).get(p);
            for (int s = 0; s < segments.size(); s++) {
                slopes.put(
                        segments.get(s),
                        allocation.periods.get(k).weight() * curve.get(s).valuePerEffectiveGpu());
            }
        }
        return slopes;
    }

    private Line line(int p, double[] values) {
        double slope = 0;
        for (Entry<Var, Double> entry : slopes(p).entrySet()) {
            slope += entry.getValue() * values[entry.getKey().index()];
        }
        double objective = 0;
        for (Term term : allocation.model.objective()) {
            objective += term.coefficient() * values[term.var().index()];
        }
        return new Line(slope, objective - allocation.projects.get(p).priority() * slope, values);
    }
}
