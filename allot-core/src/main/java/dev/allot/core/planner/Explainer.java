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
import dev.allot.core.planner.LinearModel.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Explains each grant from the solved model: which rules hold with no slack at it, what one more GPU of each type
 * would be worth to it (from the fixed LP), and what would change the outcome ({@link WhatWouldChange}: exact
 * priority thresholds from re-solves of the MIP, docs/planner.md).
 *
 * <p>The solves run on a thread of their own, started by {@link #start}: the fixed LP, its re-solves (capacity
 * prices) and the sentences that cite them, project by project in project order, so that the LP is solved and
 * re-solved in the same order as by one thread. The rest of each explanation (summary, binding rules once the duals
 * are in, marginal values) is made by the caller's thread meanwhile; {@link #explain} waits for the project's
 * sentences. Close it when the plan is made: the pricing thread frees the solvers when done.
 */
final class Explainer implements AutoCloseable {
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
    private final Map<GpuTypeId, Integer> grantedByType = new LinkedHashMap<>();
    private final Map<GpuTypeId, Row> capacityRows = new LinkedHashMap<>();
    private final WhatWouldChange changes;
    private final Bindings bindings;

    /** The prices (null without), once the pricing thread has solved the fixed LP. */
    private final CompletableFuture<Pricing> solved = new CompletableFuture<>();

    /** The caller's thread's own: the rules' duals, read from the LP's once binding rules are asked for. */
    private Duals duals;

    private final CompletableFuture<Map<GpuTypeId, Double>> shadowPrices = new CompletableFuture<>();
    /** Per project, its "what would change" sentences, made on the pricing thread in project order. */
    private final List<CompletableFuture<List<String>>> changesOf = new ArrayList<>();

    private volatile boolean closed;

    /** The pricing thread's own: the prices and their cache (by group, type and change). */
    private Pricing pricing;

    /** Its own copy of the rules' duals, made only where a re-solve prices nothing (they are read off the LP). */
    private Duals priced;

    private final Map<String, Double> opportunityCosts = new HashMap<>();

    /**
     * The rules' duals: the largest of each rule's rows (of every row with one pricing group; of the group's own rows
     * with several), and per pricing group, the duals of the rules over several projects (none when priced whole).
     */
    private record Duals(Pricing pricing, Map<RuleGroup, Double> own, List<Map<RuleGroup, Double>> coupling) {
        /** The dual of a rule at project p: for a rule over several projects, in p's group. */
        double at(int p, RuleGroup group) {
            return Math.max(own.getOrDefault(group, 0.0), inGroup(pricing == null ? 0 : pricing.groupOf(p), group));
        }

        double inGroup(int g, RuleGroup group) {
            return coupling.get(g).getOrDefault(group, 0.0);
        }
    }

    private Explainer(
            AllocationModel allocation, Lab lab, List<Allocation> grants, double[] planValues, PlannerOptions options) {
        this.allocation = allocation;
        this.lab = lab;
        this.grants = grants;
        capacityRows.putAll(Pricing.capacityRows(allocation.model));
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
        for (int p = 0; p < allocation.projects.size(); p++) {
            changesOf.add(new CompletableFuture<>());
        }
    }

    /**
     * Starts explaining the plan: prices it with the fixed LP (when {@code options.explain()}; written by {@code
     * draft} if it was drafted for this model) on the pricing thread.
     *
     * @param planValues the solved plan's variable values
     * @param funded the funded decisions, held in the fixed LP
     * @param options the planner's options: engine and value model of the re-solves behind exact thresholds
     */
    static Explainer start(
            AllocationModel allocation,
            Lab lab,
            List<Allocation> grants,
            double[] planValues,
            Set<Var> funded,
            PlannerOptions options,
            Pricing.Draft draft) {
        Explainer explainer = new Explainer(allocation, lab, grants, planValues, options);
        ProgressListener listener = Interruption.current();
        Thread.ofPlatform()
                .name("allot-explain")
                .daemon()
                .start(() -> Interruption.watching(
                        listener, () -> explainer.price(planValues, funded, options.explain(), draft)));
        return explainer;
    }

    private Optional<PriorityThresholds> budget(
            boolean exact, double[] planValues, PlannerOptions options, int solves) {
        return exact ? Optional.of(new PriorityThresholds(allocation, planValues, options, solves)) : Optional.empty();
    }

    /**
     * The pricing thread: the fixed LP, the value of one more node of each type, then each project's
     * sentences in project order (their prices re-solved on first use, as one thread would); frees the LPs when done.
     */
    private void price(double[] planValues, Set<Var> funded, boolean explain, Pricing.Draft draft) {
        try {
            pricing = explain && !closed ? Pricing.of(allocation, planValues, funded, draft) : null;
            solved.complete(pricing);
            Map<GpuTypeId, Double> marginal = new LinkedHashMap<>();
            int groups = pricing == null ? 1 : pricing.groups();
            for (GpuTypeId type : allocation.fleet.types()) {
                // The value of one more node of the type, per GPU: the right derivative of the fixed LP, which stays
                // meaningful where the LP is degenerate and its duals are not unique. Priced in groups, the most it is
                // worth to any group (where one more node would go).
                double most = Double.NEGATIVE_INFINITY;
                for (int g = 0; g < groups; g++) {
                    most = Math.max(most, priceChange(g, type, allocation.fleet.unitGpus(type)));
                }
                marginal.put(type, round(most));
            }
            shadowPrices.complete(marginal);
            for (int p = 0; p < changesOf.size() && !closed; p++) {
                changesOf.get(p).complete(changesFor(p));
            }
        } catch (RuntimeException | Error e) {
            solved.completeExceptionally(e);
            shadowPrices.completeExceptionally(e);
            changesOf.forEach(one -> one.completeExceptionally(e));
        } finally {
            if (pricing != null) {
                pricing.close();
            }
        }
    }

    private Duals duals(Pricing pricing) {
        Map<RuleGroup, Double> own = new HashMap<>();
        double[] rowDuals = pricing == null ? null : pricing.duals();
        for (Row row : allocation.model.rows()) {
            own.merge(row.group(), rowDuals == null ? 0 : rowDuals[row.index()], Math::max);
        }
        List<Map<RuleGroup, Double>> coupling = new ArrayList<>();
        for (int g = 0; g < (pricing == null ? 1 : pricing.groups()); g++) {
            Map<RuleGroup, Double> inGroup = new HashMap<>();
            if (pricing != null) {
                int group = g;
                pricing.couplingDuals()
                        .forEach((r, byGroup) ->
                                inGroup.merge(allocation.model.rows().get(r).group(), byGroup[group], Math::max));
            }
            coupling.add(inGroup);
        }
        return new Duals(pricing, own, coupling);
    }

    /** Project p's "what would change" sentences (on the pricing thread: they cite prices). */
    private List<String> changesFor(int p) {
        return switch (kind(p)) {
            case UNFUNDED -> changes.forUnfunded(p);
            case FUNDED -> changes.forFunded(p, marginalValues(p));
            default -> List.of();
        };
    }

    /** How a project's grant is explained. */
    private enum Kind {
        PINNED,
        NOT_PLANNED,
        KILLED,
        UNFUNDED,
        FUNDED
    }

    private Kind kind(int p) {
        PlannedProject project = allocation.projects.get(p);
        if (project.pin().isPresent()) {
            return Kind.PINNED;
        }
        if (!project.inactiveReason().isEmpty()) {
            return Kind.NOT_PLANNED;
        }
        if (project.override()
                .map(o -> o.action() == DeciderOverride.Action.KILL)
                .orElse(false)) {
            return Kind.KILLED;
        }
        return grants.get(p).isEmpty() ? Kind.UNFUNDED : Kind.FUNDED;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The pricing thread's result, or what it threw. */
    private static <T> T await(CompletableFuture<T> result) {
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    Map<GpuTypeId, Double> shadowPrices() {
        return await(shadowPrices);
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
        Kind kind = kind(p);
        if (kind == Kind.PINNED) {
            binding.add(new Binding(
                    RuleFamily.PIN.code,
                    "Pinned by the deciders at " + project.pin().get().gpus()
                            + reason(project.pin().get().reason()) + "."));
            summary = "Holds its pinned grant of " + grant + ".";
        } else if (kind == Kind.NOT_PLANNED) {
            binding.add(new Binding(RuleFamily.NOT_PLANNABLE.code, "Not planned: " + project.inactiveReason() + "."));
            summary = "Gets nothing: " + project.inactiveReason() + ".";
        } else if (kind == Kind.KILLED) {
            binding.add(new Binding(
                    RuleFamily.OVERRIDE.code + ":kill",
                    "Killed by the deciders" + reason(project.override().get().reason()) + "."));
            summary = "Gets nothing: the deciders killed it.";
        } else if (kind == Kind.UNFUNDED) {
            summary = unfundedSummary(p);
            binding.addAll(bindings.of(p, Allocation.NONE, false));
        } else {
            binding.addAll(bindings.of(p, grant, true));
            summary = fundedSummary(p, decision);
        }
        if (kind == Kind.UNFUNDED || kind == Kind.FUNDED) {
            changes.addAll(await(changesOf.get(p)));
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

    /**
     * Whether a rule holds with a positive dual at project p: for a rule over several projects, in p's group (waits
     * for the fixed LP).
     */
    private boolean binds(int p, RuleGroup group) {
        if (duals == null) {
            duals = duals(await(solved));
        }
        return duals.at(p, group) > 1e-7;
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
     * the group's); 0 without it. On the pricing thread.
     */
    private double priceChange(int group, GpuTypeId type, int delta) {
        Row row = capacityRows.get(type);
        if (pricing == null || row == null) {
            return 0;
        }
        double value = pricing.valuePerGpu(group, row, delta);
        if (!Double.isNaN(value)) {
            return value;
        }
        if (priced == null) {
            priced = duals(pricing);
        }
        RuleGroup capacity = RuleGroup.of(RuleFamily.CAPACITY, type);
        return Math.max(priced.own().getOrDefault(capacity, 0.0), priced.inGroup(group, capacity));
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
