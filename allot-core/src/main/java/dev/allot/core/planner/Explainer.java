package dev.allot.core.planner;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.Binding;
import dev.allot.core.model.ComputeChange;
import dev.allot.core.model.DeciderOverride;
import dev.allot.core.model.Decision;
import dev.allot.core.model.Explanation;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.planner.LinearModel.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Explains each grant from the solved model: which rules hold with no slack at it, what one more GPU of each type
 * would be worth to it (from the fixed LP), and what would change the outcome ({@link WhatWouldChange}: exact
 * priority thresholds from re-solves of the MIP, docs/planner.md).
 */
final class Explainer {
    /**
     * Re-solves per plan for the thresholds of unfunded projects (funding, other GPU types), of killable ones and of
     * growth (docs/planner.md, "What would change the outcome", cost).
     */
    static final int FUNDING_RESOLVES = 24;

    static final int KILLING_RESOLVES = 12;
    static final int GROWTH_RESOLVES = 12;
    /** Labs of up to this many planned projects get exact thresholds. */
    static final int EXACT_PROJECTS = 30;

    private final AllocationModel allocation;
    private final Lab lab;
    private final List<Allocation> grants;
    private final Map<GpuTypeId, Double> shadowPrices = new LinkedHashMap<>();
    private final Map<RuleGroup, Double> groupDuals = new LinkedHashMap<>();
    /** Per pricing group, the duals of the rules over several projects (none when the lab is priced whole). */
    private final List<Map<RuleGroup, Double>> couplingDuals = new ArrayList<>();

    private final Map<GpuTypeId, Integer> grantedByType = new LinkedHashMap<>();
    private final Map<GpuTypeId, Row> capacityRows = new LinkedHashMap<>();
    private final Map<String, Double> opportunityCosts = new LinkedHashMap<>();
    private final WhatWouldChange changes;
    private final Pricing pricing;
    private final Bindings bindings;

    /**
     * @param planValues the solved plan's variable values
     * @param options the planner's options: engine and value model of the re-solves behind exact thresholds
     */
    Explainer(
            AllocationModel allocation,
            Lab lab,
            List<Allocation> grants,
            Pricing pricing,
            double[] planValues,
            PlannerOptions options) {
        this.allocation = allocation;
        this.lab = lab;
        this.grants = grants;
        this.pricing = pricing;
        double[] duals = pricing == null ? null : pricing.duals();
        for (Row row : allocation.model.rows()) {
            double dual = duals == null ? 0 : duals[row.index()];
            groupDuals.merge(row.group(), dual, Math::max);
        }
        capacityRows.putAll(Pricing.capacityRows(allocation.model));
        int groups = pricing == null ? 1 : pricing.groups();
        for (int g = 0; g < groups; g++) {
            Map<RuleGroup, Double> own = new HashMap<>();
            if (pricing != null) {
                int group = g;
                pricing.couplingDuals()
                        .forEach((r, byGroup) ->
                                own.merge(allocation.model.rows().get(r).group(), byGroup[group], Math::max));
            }
            couplingDuals.add(own);
        }
        for (GpuTypeId type : allocation.fleet.types()) {
            // The value of one more node of the type, per GPU: the right derivative of the fixed LP, which stays
            // meaningful where the LP is degenerate and its duals are not unique. Priced in groups, the most it is
            // worth to any group (where one more node would go).
            double most = Double.NEGATIVE_INFINITY;
            for (int g = 0; g < groups; g++) {
                most = Math.max(most, priceChange(g, type, allocation.fleet.unitGpus(type)));
            }
            shadowPrices.put(type, round(most));
        }
        grants.forEach(grant -> grant.gpus().forEach((type, count) -> grantedByType.merge(type, count, Integer::sum)));
        this.bindings = new Bindings(allocation, lab, grantedByType, this::binds);
        // Exact thresholds re-solve the whole MIP to a tight gap: milliseconds for a small lab, seconds each at 300
        // projects (docs/planner.md), so larger labs print the prices without a threshold.
        boolean exact = options.explain() && allocation.projects.size() <= EXACT_PROJECTS;
        this.changes = new WhatWouldChange(
                allocation,
                lab,
                grants,
                (p, type, delta) -> {
                    int group = pricing == null ? 0 : pricing.groupOf(p);
                    return opportunityCosts.computeIfAbsent(
                            group + ":" + type + ":" + delta, key -> priceChange(group, type, delta));
                },
                this::capacityFull,
                options.valueModel(),
                budget(exact, planValues, options, FUNDING_RESOLVES),
                budget(exact, planValues, options, KILLING_RESOLVES),
                budget(exact, planValues, options, GROWTH_RESOLVES));
    }

    private Optional<PriorityThresholds> budget(
            boolean exact, double[] planValues, PlannerOptions options, int solves) {
        return exact ? Optional.of(new PriorityThresholds(allocation, planValues, options, solves)) : Optional.empty();
    }

    Map<GpuTypeId, Double> shadowPrices() {
        return shadowPrices;
    }

    double effectiveGpus(int p) {
        PlannedProject project = allocation.projects.get(p);
        double total = 0;
        for (Map.Entry<GpuTypeId, Integer> entry : grants.get(p).gpus().entrySet()) {
            total += entry.getValue()
                    * project.effectiveSpeed().getOrDefault(entry.getKey(), allocation.fleet.speed(entry.getKey()));
        }
        return total;
    }

    double value(int p) {
        return allocation.projects.get(p).priority() * curveValue(allocation.valueCurves.get(p), effectiveGpus(p));
    }

    Explanation explain(int p, Decision decision) {
        PlannedProject project = allocation.projects.get(p);
        Allocation grant = grants.get(p);
        List<Binding> binding = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        Map<GpuTypeId, Double> marginal = marginalValues(p);
        String summary;
        if (project.pin().isPresent()) {
            binding.add(new Binding(
                    RuleFamily.PIN.code,
                    "Pinned by the deciders at " + project.pin().get().gpus()
                            + reason(project.pin().get().reason()) + "."));
            summary = "Holds its pinned grant of " + grant + ".";
        } else if (!project.inactiveReason().isEmpty()) {
            binding.add(new Binding(RuleFamily.NOT_PLANNABLE.code, "Not planned: " + project.inactiveReason() + "."));
            summary = "Gets nothing: " + project.inactiveReason() + ".";
        } else if (project.override()
                .map(o -> o.action() == DeciderOverride.Action.KILL)
                .orElse(false)) {
            binding.add(new Binding(
                    RuleFamily.OVERRIDE.code + ":kill",
                    "Killed by the deciders" + reason(project.override().get().reason()) + "."));
            summary = "Gets nothing: the deciders killed it.";
        } else if (grant.isEmpty()) {
            summary = unfundedSummary(p);
            binding.addAll(bindings.of(p, Allocation.NONE, false));
            changes.addAll(this.changes.forUnfunded(p));
        } else {
            binding.addAll(bindings.of(p, grant, true));
            summary = fundedSummary(p, decision);
            changes.addAll(this.changes.forFunded(p, marginal));
        }
        if (project.pin().isEmpty() && project.ask().isPresent()) {
            Optional<String> shortfall = project.ask().get().jobShape().flatMap(shape -> shape.shortfall(grant));
            String base = summary;
            summary = shortfall.map(text -> base + " It " + text + ".").orElse(base);
        }
        return new Explanation(summary, binding, marginal, changes);
    }

    private String fundedSummary(int p, Decision decision) {
        PlannedProject project = allocation.projects.get(p);
        int gpus = grants.get(p).totalGpus();
        String versus = switch (decision) {
            case NEW -> "new this cycle";
            case GROW -> "grows from " + project.previous().totalGpus();
            case SHRINK -> "shrinks from " + project.previous().totalGpus();
            default -> "keeps " + project.previous().totalGpus();
        };
        String move = ComputeChange.of(project.previous(), grants.get(p), lab.relativeSpeeds())
                .typeMove()
                .map(text -> "; " + text)
                .orElse("");
        return "Granted " + gpus + " GPUs (" + grants.get(p) + ") against " + askText(project) + "; " + versus + move
                + ". Priority " + format(project.priority()) + ".";
    }

    private static String askText(PlannedProject project) {
        String numbers = project.floorGpus() + "/" + project.targetGpus() + "/" + project.ceilingGpus()
                + " (floor/target/ceiling)";
        return project.askNote().isEmpty()
                ? "an ask of " + numbers
                : "no ask this cycle (" + project.askNote() + ": " + numbers + ")";
    }

    private String unfundedSummary(int p) {
        PlannedProject project = allocation.projects.get(p);
        String had = project.previous().isEmpty()
                ? ""
                : " It held " + project.previous().totalGpus() + " GPUs.";
        return "Not funded: its floor of " + project.floorGpus() + " GPUs is worth less to the lab at priority "
                + format(project.priority()) + " than those GPUs are worth elsewhere." + had;
    }

    /** Whether a rule holds with a positive dual at project p: for a rule over several projects, in p's group. */
    private boolean binds(int p, RuleGroup group) {
        Map<RuleGroup, Double> own = couplingDuals.get(pricing == null ? 0 : pricing.groupOf(p));
        return Math.max(groupDuals.getOrDefault(group, 0.0), own.getOrDefault(group, 0.0)) > 1e-7;
    }

    private boolean capacityFull(GpuTypeId type) {
        return bindings.capacityFull(type);
    }

    /** Value of one more GPU of each accepted type to this project: priority x current slope x effective speed. */
    private Map<GpuTypeId, Double> marginalValues(int p) {
        PlannedProject project = allocation.projects.get(p);
        Map<GpuTypeId, Double> marginal = new LinkedHashMap<>();
        boolean atCeiling = grants.get(p).totalGpus() >= project.ceilingGpus();
        double slope = slopeAt(allocation.valueCurves.get(p), effectiveGpus(p));
        project.effectiveSpeed()
                .forEach((type, speed) ->
                        marginal.put(type, atCeiling ? 0.0 : round(project.priority() * slope * speed)));
        return marginal;
    }

    /**
     * Value per GPU of {@code delta} more (or, negative, fewer) GPUs of a type in the fixed LP (priced in groups: in
     * the group's); 0 without it.
     */
    private double priceChange(int group, GpuTypeId type, int delta) {
        Row row = capacityRows.get(type);
        if (pricing == null || row == null) {
            return 0;
        }
        double value = pricing.valuePerGpu(group, row, delta);
        RuleGroup capacity = RuleGroup.of(RuleFamily.CAPACITY, type);
        return Double.isNaN(value)
                ? Math.max(
                        groupDuals.getOrDefault(capacity, 0.0),
                        couplingDuals.get(group).getOrDefault(capacity, 0.0))
                : value;
    }

    static double curveValue(List<ValueSegment> curve, double effectiveGpus) {
        double value = 0;
        double left = effectiveGpus;
        for (ValueSegment segment : curve) {
            double used = Math.min(left, segment.lengthEffectiveGpus());
            value += used * segment.valuePerEffectiveGpu();
            left -= used;
            if (left <= 0) {
                break;
            }
        }
        return value;
    }

    static double slopeAt(List<ValueSegment> curve, double effectiveGpus) {
        double start = 0;
        for (ValueSegment segment : curve) {
            if (effectiveGpus < start + segment.lengthEffectiveGpus() - 1e-9) {
                return segment.valuePerEffectiveGpu();
            }
            start += segment.lengthEffectiveGpus();
        }
        return 0;
    }

    static String reason(String reason) {
        return reason.isBlank() ? "" : ": " + reason;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    static String format(double value) {
        return String.format(java.util.Locale.ROOT, "%.2f", value);
    }
}
