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
 * <p>The fixed LP is solved and re-solved on a thread of its own, started by {@link #start}: first the LP, then one
 * node more of each type's capacity (in fleet order, the plan's marginal values), then one node less of each. The
 * caller's thread meanwhile makes every project's summary and, once the LP's duals are in, its binding rules; then
 * {@link #explain} adds each project's "what would change" sentences, waiting only for the prices they cite. The
 * LP is freed by its thread when done; close the explainer when the plan is made.
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
    /**
     * The held LP's value per GPU of one node more or less of each type's capacity, by {@link #key}, as the pricing
     * thread re-solves them; written before {@link #solved} is completed.
     */
    private Map<String, CompletableFuture<Double>> heldPrices = Map.of();

    private volatile boolean closed;

    /** The rest is the caller's thread's own: the prices once solved, the rules' duals, the prices' cache. */
    private Pricing pricing;

    private Duals duals;
    private Map<GpuTypeId, Double> shadowPrices;
    private final Map<String, Double> opportunityCosts = new HashMap<>();
    /** Per project, its explanation but for the "what would change" sentences (made by {@link #start}). */
    private final List<Prepared> prepared = new ArrayList<>();

    private final List<Decision> decisions = new ArrayList<>();

    /** A project's explanation but for its "what would change" sentences. */
    private record Prepared(String summary, List<Binding> binding, Map<GpuTypeId, Double> marginal) {}

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
                            key(group, type, delta), key -> priceChange(group, type, delta));
                },
                this::capacityFull,
                options.valueModel(),
                budget(exact, planValues, options, FUNDING_RESOLVES),
                budget(exact, planValues, options, KILLING_RESOLVES),
                budget(exact, planValues, options, GROWTH_RESOLVES));
    }

    /**
     * Starts explaining the plan: prices it with the fixed LP (when {@code options.explain()}) on the pricing thread,
     * and makes every explanation but its "what would change" sentences meanwhile.
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
            PlannerOptions options) {
        Explainer explainer = new Explainer(allocation, lab, grants, planValues, options);
        ProgressListener listener = Interruption.current();
        Thread.ofPlatform()
                .name("allot-explain")
                .daemon()
                .start(() ->
                        Interruption.watching(listener, () -> explainer.price(planValues, funded, options.explain())));
        explainer.prepare();
        return explainer;
    }

    private Optional<PriorityThresholds> budget(
            boolean exact, double[] planValues, PlannerOptions options, int solves) {
        return exact ? Optional.of(new PriorityThresholds(allocation, planValues, options, solves)) : Optional.empty();
    }

    private static String key(int group, GpuTypeId type, int delta) {
        return group + ":" + type + ":" + delta;
    }

    /**
     * The pricing thread: the fixed LP, then the held LP re-solved with one node more of each type's capacity, then
     * with one node less (the order in which one thread asked for them before); frees the held LP when done.
     */
    private void price(double[] planValues, Set<Var> funded, boolean explain) {
        Pricing priced = null;
        try {
            priced = explain && !closed ? Pricing.of(allocation, planValues, funded) : null;
            List<Runnable> resolves = new ArrayList<>();
            Map<String, CompletableFuture<Double>> prices = new HashMap<>();
            for (int sign : new int[] {1, -1}) {
                for (GpuTypeId type : allocation.fleet.types()) {
                    Row row = capacityRows.get(type);
                    for (int g = 0; priced != null && row != null && g < priced.groups(); g++) {
                        int group = g;
                        int delta = sign * allocation.fleet.unitGpus(type);
                        CompletableFuture<Double> price = new CompletableFuture<>();
                        prices.put(key(group, type, delta), price);
                        Pricing lp = priced;
                        resolves.add(() -> price.complete(lp.heldValuePerGpu(group, row, delta)));
                    }
                }
            }
            heldPrices = prices;
            solved.complete(priced);
            for (Runnable resolve : resolves) {
                if (closed) {
                    break;
                }
                resolve.run();
            }
        } catch (RuntimeException | Error e) {
            solved.completeExceptionally(e);
            heldPrices.values().forEach(price -> price.completeExceptionally(e));
        } finally {
            if (priced != null) {
                priced.closeHeld();
            }
        }
    }

    /**
     * Every project's explanation but its "what would change" sentences: the summaries first (the LP is being solved),
     * then the binding rules (they read its duals). A lab of 4,500 projects or more (as many as a lab priced in groups
     * can have) makes its summaries once priced: pricing in groups holds the most memory of its plan.
     */
    private void prepare() {
        if (allocation.projects.size() >= GroupedLp.GROUP_PIECES * 3 / 2) {
            pricing = await(solved);
        }
        List<String> summaries = new ArrayList<>();
        for (int p = 0; p < allocation.projects.size(); p++) {
            PlannedProject project = allocation.projects.get(p);
            Decision decision = Decision.between(project.previous(), grants.get(p), lab.relativeSpeeds());
            decisions.add(decision);
            summaries.add(summary(p, decision));
        }
        pricing = await(solved);
        for (int p = 0; p < allocation.projects.size(); p++) {
            prepared.add(new Prepared(summaries.get(p), binding(p), marginalValues(p)));
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

    /** Frees the LP in which funded projects may lose their funding (the pricing thread frees the held one). */
    @Override
    public void close() {
        closed = true;
        if (pricing != null) {
            pricing.closeDroppable();
        }
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

    /**
     * The value of one more node of each type, per GPU: the right derivative of the fixed LP, which stays meaningful
     * where the LP is degenerate and its duals are not unique. Priced in groups, the most it is worth to any group
     * (where one more node would go).
     */
    Map<GpuTypeId, Double> shadowPrices() {
        if (shadowPrices == null) {
            shadowPrices = new LinkedHashMap<>();
            int groups = pricing == null ? 1 : pricing.groups();
            for (GpuTypeId type : allocation.fleet.types()) {
                double most = Double.NEGATIVE_INFINITY;
                for (int g = 0; g < groups; g++) {
                    most = Math.max(most, priceChange(g, type, allocation.fleet.unitGpus(type)));
                }
                shadowPrices.put(type, round(most));
            }
        }
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

    /** Project p's explanation; explain the projects in order (the re-solves behind thresholds are spent in it). */
    Explanation explain(int p, Decision decision) {
        Prepared made = prepared.get(p);
        String summary = decision == decisions.get(p) ? made.summary() : summary(p, decision);
        List<String> changes = switch (kind(p)) {
            case UNFUNDED -> this.changes.forUnfunded(p);
            case FUNDED -> this.changes.forFunded(p, made.marginal());
            default -> List.of();
        };
        return new Explanation(summary, made.binding(), made.marginal(), changes);
    }

    private String summary(int p, Decision decision) {
        PlannedProject project = allocation.projects.get(p);
        Allocation grant = grants.get(p);
        String summary = switch (kind(p)) {
            case PINNED -> "Holds its pinned grant of " + grant + ".";
            case NOT_PLANNED -> "Gets nothing: " + project.inactiveReason() + ".";
            case KILLED -> "Gets nothing: the deciders killed it.";
            case UNFUNDED -> unfundedSummary(p);
            case FUNDED -> fundedSummary(p, decision);
        };
        if (project.pin().isEmpty() && project.ask().isPresent()) {
            Optional<String> shortfall = project.ask().get().jobShape().flatMap(shape -> shape.shortfall(grant));
            String base = summary;
            summary = shortfall.map(text -> base + " It " + text + ".").orElse(base);
        }
        return summary;
    }

    private List<Binding> binding(int p) {
        PlannedProject project = allocation.projects.get(p);
        return switch (kind(p)) {
            case PINNED ->
                List.of(new Binding(
                        RuleFamily.PIN.code,
                        "Pinned by the deciders at " + project.pin().get().gpus()
                                + reason(project.pin().get().reason()) + "."));
            case NOT_PLANNED ->
                List.of(new Binding(RuleFamily.NOT_PLANNABLE.code, "Not planned: " + project.inactiveReason() + "."));
            case KILLED ->
                List.of(new Binding(
                        RuleFamily.OVERRIDE.code + ":kill",
                        "Killed by the deciders"
                                + reason(project.override().get().reason()) + "."));
            case UNFUNDED -> bindings.of(p, Allocation.NONE, false);
            case FUNDED -> bindings.of(p, grants.get(p), true);
        };
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
        return duals().at(p, group) > 1e-7;
    }

    private Duals duals() {
        if (duals == null) {
            duals = duals(pricing);
        }
        return duals;
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
        CompletableFuture<Double> held = heldPrices.get(key(group, type, delta));
        if (held == null) {
            throw new IllegalArgumentException("Only one node more or less of a type is priced, not " + delta);
        }
        double value = pricing.orDropped(row, delta, await(held));
        RuleGroup capacity = RuleGroup.of(RuleFamily.CAPACITY, type);
        return Double.isNaN(value)
                ? Math.max(duals().own().getOrDefault(capacity, 0.0), duals().inGroup(group, capacity))
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
