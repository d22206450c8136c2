package dev.allot.core.planner;

import static dev.allot.core.planner.LinearModel.term;

import dev.allot.core.model.CategoryId;
import dev.allot.core.model.DeciderOverride;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.ShareBound;
import dev.allot.core.model.ShareRelation;
import dev.allot.core.planner.LinearModel.Term;
import dev.allot.core.planner.LinearModel.Var;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the allocation problem of docs/planner.md as a {@link LinearModel}, one method per constraint family and
 * objective term. Variables: {@code units[p][t]} (grant of type t to project p in granularity units),
 * {@code funded[p]} (all-or-nothing floor), {@code value[p][k]} (effective GPUs on value segment k) and
 * {@code change[p]} (absolute change versus the previous grant, for the stability tie-break).
 */
final class AllocationModel {
    /** Continuous variables are solved in steps of 1/100 effective GPU by the integer engine. */
    static final double EFFECTIVE_GPU_RESOLUTION = 0.01;
    /** Value lost per GPU moved versus the previous plan: breaks ties towards stability, never outweighs value. */
    static final double STABILITY_PENALTY_PER_GPU = 0.001;

    final Fleet fleet;
    final List<PlannedProject> projects;
    final LinearModel model = new LinearModel();
    final List<Map<GpuTypeId, Var>> units = new ArrayList<>();
    final List<Var> funded = new ArrayList<>();
    final List<List<Var>> valueSegments = new ArrayList<>();
    final List<List<ValueSegment>> curves = new ArrayList<>();
    private final Lab lab;

    AllocationModel(Lab lab, Fleet fleet, List<PlannedProject> projects, ValueModel valueModel) {
        this.lab = lab;
        this.fleet = fleet;
        this.projects = projects;
        for (int p = 0; p < projects.size(); p++) {
            addVariables(p, projects.get(p), valueModel);
        }
        capacity();
        for (int p = 0; p < projects.size(); p++) {
            PlannedProject project = projects.get(p);
            if (project.pin().isPresent()) {
                pin(p);
                continue;
            }
            floorAllOrNothing(p);
            ceiling(p);
            continuity(p);
            usageCap(p);
            override(p);
        }
        lab.policy().shareBounds().forEach(this::shareBound);
        lab.policy().relations().forEach(this::relation);
        for (int p = 0; p < projects.size(); p++) {
            value(p);
            stability(p);
        }
    }

    private void addVariables(int p, PlannedProject project, ValueModel valueModel) {
        String id = project.project().id().value();
        Map<GpuTypeId, Var> byType = new LinkedHashMap<>();
        for (GpuTypeId type : fleet.types()) {
            int unit = fleet.unitGpus(type);
            int limit;
            if (project.pin().isPresent()) {
                limit = project.pin().get().gpus().gpus(type) / unit;
            } else if (project.plannable() && project.effectiveSpeed().containsKey(type)) {
                limit = Math.min(project.ceilingGpus(), fleet.allocatableGpus(type)) / unit;
            } else {
                limit = 0;
            }
            if (limit > 0) {
                byType.put(type, model.integer("units[" + id + "," + type + "]", 0, limit));
            }
        }
        units.add(byType);
        funded.add(model.bool("funded[" + id + "]"));
        List<ValueSegment> curve = project.ask().isPresent() && !byType.isEmpty()
                ? checkedCurve(valueModel.segments(project.ask().get(), project.bestSpeed()), id)
                : List.of();
        curves.add(curve);
        List<Var> segments = new ArrayList<>();
        for (int k = 0; k < curve.size(); k++) {
            segments.add(model.continuous(
                    "value[" + id + "," + k + "]", 0, curve.get(k).lengthEffectiveGpus(), EFFECTIVE_GPU_RESOLUTION));
        }
        valueSegments.add(segments);
    }

    private static List<ValueSegment> checkedCurve(List<ValueSegment> curve, String project) {
        for (int k = 1; k < curve.size(); k++) {
            if (curve.get(k).valuePerEffectiveGpu() > curve.get(k - 1).valuePerEffectiveGpu()) {
                throw new IllegalStateException("value curve of " + project + " is not concave at segment " + k);
            }
        }
        return curve;
    }

    /** GPUs granted to project p, as terms over its unit variables. */
    List<Term> grantedGpus(int p, double factor) {
        List<Term> terms = new ArrayList<>();
        units.get(p).forEach((type, var) -> terms.add(term(var, factor * fleet.unitGpus(type))));
        return terms;
    }

    /** Capacity: per type, the GPUs granted to all projects fit in capacity minus reserve. */
    private void capacity() {
        for (GpuTypeId type : fleet.types()) {
            List<Term> terms = new ArrayList<>();
            for (Map<GpuTypeId, Var> byType : units) {
                Var var = byType.get(type);
                if (var != null) {
                    terms.add(term(var, fleet.unitGpus(type)));
                }
            }
            model.atMost(
                    "capacity[" + type + "]",
                    RuleGroup.of(RuleFamily.CAPACITY, type),
                    terms,
                    fleet.allocatableGpus(type));
        }
    }

    /** All-or-nothing floor: granted GPUs >= floor x funded. */
    private void floorAllOrNothing(int p) {
        List<Term> terms = grantedGpus(p, 1);
        terms.add(term(funded.get(p), -projects.get(p).floorGpus()));
        model.atLeast("floor[" + name(p) + "]", RuleGroup.of(RuleFamily.FLOOR, name(p)), terms, 0);
    }

    /** Ceiling, and nothing at all unless funded: granted GPUs <= ceiling x funded. */
    private void ceiling(int p) {
        List<Term> terms = grantedGpus(p, 1);
        terms.add(term(funded.get(p), -projects.get(p).ceilingGpus()));
        model.atMost("ceiling[" + name(p) + "]", RuleGroup.of(RuleFamily.CEILING, name(p)), terms, 0);
    }

    /**
     * Continuity: a funded continuing project keeps its effective compute within the policy's max change of its
     * previous effective compute (growth of at least one node is always allowed, and never below its floor); a move
     * to a slower type counts as the shrink it is. Killing is exempt.
     */
    private void continuity(int p) {
        PlannedProject project = projects.get(p);
        RuleGroup group = RuleGroup.of(RuleFamily.CONTINUITY, name(p));
        if (project.previous().isEmpty() || !project.plannable()) {
            return;
        }
        Continuity bounds = Continuity.of(lab.policy(), project, fleet);
        List<Term> shrink = new ArrayList<>();
        addEffective(shrink, p, 1);
        shrink.add(term(funded.get(p), -bounds.minEffective()));
        model.atLeast("continuity-shrink[" + name(p) + "]", group, shrink, 0);
        List<Term> grow = new ArrayList<>();
        addEffective(grow, p, 1);
        grow.add(term(funded.get(p), -bounds.maxEffective()));
        model.atMost("continuity-grow[" + name(p) + "]", group, grow, 0);
        if (!lab.policy().plannerMayKill() && project.override().isEmpty()) {
            model.equal("continuity-funded[" + name(p) + "]", group, List.of(term(funded.get(p), 1)), 1);
        }
    }

    /**
     * Usage: with the policy's {@code capAtUsedPlusHeadroom}, a continuing project that left its previous grant idle
     * gets at most its measured use plus headroom ({@link UsageCap}).
     */
    private void usageCap(int p) {
        UsageCap.of(lab.policy(), lab.previousCycle(), projects.get(p), fleet)
                .ifPresent(cap -> model.atMost(
                        "usage-cap[" + name(p) + "]",
                        RuleGroup.of(RuleFamily.USAGE, name(p)),
                        grantedGpus(p, 1),
                        cap.maxGpus()));
    }

    /** Pins: a pinned grant is held exactly. */
    private void pin(int p) {
        RuleGroup group = RuleGroup.of(RuleFamily.PIN, name(p));
        units.get(p)
                .forEach((type, var) ->
                        model.equal("pin[" + name(p) + "," + type + "]", group, List.of(term(var, 1)), var.upper()));
        model.equal(
                "pin-funded[" + name(p) + "]",
                group,
                List.of(term(funded.get(p), 1)),
                projects.get(p).pin().get().gpus().isEmpty() ? 0 : 1);
    }

    /** Deciders' overrides: kill holds the project at zero, fund makes it get at least its floor. */
    private void override(int p) {
        projects.get(p)
                .override()
                .ifPresent(override -> model.equal(
                        "override[" + name(p) + "]",
                        RuleGroup.of(RuleFamily.OVERRIDE, name(p)),
                        List.of(term(funded.get(p), 1)),
                        override.action() == DeciderOverride.Action.FUND ? 1 : 0));
        if (!projects.get(p).plannable()) {
            model.equal(
                    "not-plannable[" + name(p) + "]",
                    RuleGroup.of(RuleFamily.NOT_PLANNABLE, name(p)),
                    List.of(term(funded.get(p), 1)),
                    0);
        }
    }

    /** Category share bounds on granted effective compute (lab speeds): min x total <= category <= max x total. */
    private void shareBound(ShareBound bound) {
        if (bound.minShare() > 0) {
            model.atLeast(
                    "share-min[" + bound.category() + "]",
                    RuleGroup.of(RuleFamily.SHARE_MIN, bound.category()),
                    shareTerms(bound.category(), 1, bound.minShare()),
                    0);
        }
        if (bound.maxShare() < 1) {
            model.atMost(
                    "share-max[" + bound.category() + "]",
                    RuleGroup.of(RuleFamily.SHARE_MAX, bound.category()),
                    shareTerms(bound.category(), 1, bound.maxShare()),
                    0);
        }
    }

    /** Relation {@code left >= factor x right} on granted effective compute. */
    private void relation(ShareRelation relation) {
        List<Term> terms = new ArrayList<>();
        for (int p = 0; p < projects.size(); p++) {
            CategoryId category = projects.get(p).project().category();
            double coefficient = (category.equals(relation.left()) ? 1 : 0)
                    - (category.equals(relation.right()) ? relation.factor() : 0);
            addEffective(terms, p, coefficient);
        }
        model.atLeast("relation[" + relation + "]", RuleGroup.of(RuleFamily.RELATION, relation), terms, 0);
    }

    /** Terms of {@code inCategory x effective(category) - share x effective(all)}. */
    private List<Term> shareTerms(CategoryId category, double inCategory, double share) {
        List<Term> terms = new ArrayList<>();
        for (int p = 0; p < projects.size(); p++) {
            boolean member = projects.get(p).project().category().equals(category);
            addEffective(terms, p, (member ? inCategory : 0) - share);
        }
        return terms;
    }

    private void addEffective(List<Term> terms, int p, double coefficient) {
        if (coefficient == 0) {
            return;
        }
        units.get(p)
                .forEach((type, var) -> terms.add(term(var, coefficient * fleet.speed(type) * fleet.unitGpus(type))));
    }

    /**
     * Objective, value term: priority x the concave value curve of the project's effective compute. The segment
     * variables may only fill up to the effective compute granted (concavity makes them fill in order).
     */
    private void value(int p) {
        List<Var> segments = valueSegments.get(p);
        if (segments.isEmpty()) {
            return;
        }
        PlannedProject project = projects.get(p);
        List<Term> terms = new ArrayList<>();
        segments.forEach(var -> terms.add(term(var, 1)));
        units.get(p)
                .forEach((type, var) -> terms.add(term(
                        var, -project.effectiveSpeed().getOrDefault(type, fleet.speed(type)) * fleet.unitGpus(type))));
        model.atMost("value[" + name(p) + "]", RuleGroup.of(RuleFamily.VALUE, name(p)), terms, 0);
        for (int k = 0; k < segments.size(); k++) {
            model.maximise(
                    segments.get(k), project.priority() * curves.get(p).get(k).valuePerEffectiveGpu());
        }
    }

    /** Objective, stability term: a small cost per GPU of change versus the previous plan (ties go to stability). */
    private void stability(int p) {
        int previous = projects.get(p).previous().totalGpus();
        if (units.get(p).isEmpty()) {
            // Nothing can be granted, so the change is the whole previous grant: a constant, kept in the objective
            // so that the reported objective is the value of the plan (docs/planner.md).
            if (previous > 0) {
                model.maximise(
                        model.integer("change[" + name(p) + "]", previous, previous), -STABILITY_PENALTY_PER_GPU);
            }
            return;
        }
        int mostGranted = units.get(p).entrySet().stream()
                .mapToInt(entry -> (int) entry.getValue().upper() * fleet.unitGpus(entry.getKey()))
                .sum();
        Var change = model.integer("change[" + name(p) + "]", 0, Math.max(previous, mostGranted));
        List<Term> above = grantedGpus(p, -1);
        above.add(term(change, 1));
        model.atLeast("change-up[" + name(p) + "]", RuleGroup.of(RuleFamily.STABILITY, name(p)), above, -previous);
        List<Term> below = grantedGpus(p, 1);
        below.add(term(change, 1));
        model.atLeast("change-down[" + name(p) + "]", RuleGroup.of(RuleFamily.STABILITY, name(p)), below, previous);
        model.maximise(change, -STABILITY_PENALTY_PER_GPU);
    }

    private String name(int p) {
        return projects.get(p).project().id().value();
    }
}
