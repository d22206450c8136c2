package dev.allot.core.planner;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.planner.LinearModel.Var;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The "what would change the outcome" sentences of explanations. Every priority threshold printed is exact: found
 * by {@link PriorityThresholds} with re-solves of the MIP, so that just past it the re-solved plan changes (funded,
 * killed, one more node of the project's own type) and just short of it it does not (docs/planner.md). Re-solves
 * are spent from two budgets, one for funding and killing, one for growth, in project order; a threshold that the
 * budget does not reach, or whose re-solves are not proven optimal within their work limit, is not printed: then
 * only the price comparison is. Prices ("worth ... elsewhere") come from the fixed LP.
 */
final class WhatWouldChange {
    /** The top of the reviewers' 1-10 scale: thresholds above it cannot be reached by scores. */
    static final double MAX_PRIORITY = 10;
    /** The bottom of the scale. */
    static final double MIN_PRIORITY = 1;

    /**
     * Upward searches end a little above the top, so that a plan that switches exactly at the top (a tie there) is
     * reported as switching at 10.00, not as never switching.
     */
    private static final double ABOVE_TOP = MAX_PRIORITY + 0.001;

    private static final String NOT_RESOLVED = " (no exact priority threshold: not re-solved for this plan).";

    /**
     * Prices capacity for project p: value per GPU of {@code delta} more (negative: fewer) GPUs of a type in the fixed
     * LP (of p's group, when the lab is priced in groups).
     */
    interface Prices {
        double perGpu(int p, GpuTypeId type, int delta);
    }

    private final AllocationModel allocation;
    private final Lab lab;
    private final List<Allocation> grants;
    private final Prices prices;
    private final Predicate<GpuTypeId> capacityFull;
    private final ValueModel valueModel;
    private final Optional<PriorityThresholds> funding;
    private final Optional<PriorityThresholds> killing;
    private final Optional<PriorityThresholds> growth;
    private final Map<GpuTypeId, int[]> cheapestTwo = new java.util.HashMap<>();

    WhatWouldChange(
            AllocationModel allocation,
            Lab lab,
            List<Allocation> grants,
            Prices prices,
            Predicate<GpuTypeId> capacityFull,
            ValueModel valueModel,
            Optional<PriorityThresholds> funding,
            Optional<PriorityThresholds> killing,
            Optional<PriorityThresholds> growth) {
        this.allocation = allocation;
        this.lab = lab;
        this.grants = grants;
        this.prices = prices;
        this.capacityFull = capacityFull;
        this.valueModel = valueModel;
        this.funding = funding;
        this.killing = killing;
        this.growth = growth;
    }

    /** For a funded project: the priority below which the planner would kill it, and what one more node needs. */
    List<String> forFunded(int p, Map<GpuTypeId, Double> marginal) {
        PlannedProject project = allocation.projects.get(p);
        List<String> changes = new ArrayList<>();
        if (lab.policy().plannerMayKill()
                && !project.previous().isEmpty()
                && project.override().isEmpty()) {
            killing.flatMap(search -> search.search(p, funded(p), MIN_PRIORITY))
                    .filter(PriorityThresholds.Threshold::reached)
                    .ifPresent(found -> changes.add("Would be killed if its priority were below "
                            + format(found.priority()) + " (now " + format(project.priority()) + ")."));
        }
        if (grants.get(p).totalGpus() >= project.ceilingGpus()) {
            return changes;
        }
        GpuTypeId own = ownType(p);
        metric(p, own).ifPresent(changes::add);
        if (!capacityFull.test(own)) {
            return changes;
        }
        int unit = allocation.fleet.unitGpus(own);
        double speed = project.effectiveSpeed().get(own);
        double target = effectiveGpus(p) + unit * speed - 1e-6;
        String node = "one more " + own + " node (" + unit + " GPU" + (unit == 1 ? "" : "s")
                + ", or as much compute of other types)";
        String worth = "one more " + own + " is worth " + format(round(prices.perGpu(p, own, -unit)))
                + " elsewhere and " + format(marginal.get(own)) + " to it.";
        Optional<PriorityThresholds.Threshold> threshold =
                growth.flatMap(search -> search.search(p, values -> effective(p, values) >= target, ABOVE_TOP));
        if (threshold.isEmpty() && prices.perGpu(p, own, -unit) > marginal.get(own)) {
            changes.add(capitalised(worth.substring(0, worth.length() - 1)) + NOT_RESOLVED);
        }
        threshold.ifPresent(found -> {
            if (!reachable(found)) {
                // Priority cannot buy it, so a rule listed among the grant's bindings holds it (a continuity limit, a
                // share bound, a relation); saying only that it is worth more to it than elsewhere would read as a
                // contradiction.
                changes.add("Would not get " + node + " even at the top priority (" + format(MAX_PRIORITY)
                        + "): a rule above holds it, though one more " + own + " is worth " + format(marginal.get(own))
                        + " to it and " + format(round(prices.perGpu(p, own, -unit))) + " elsewhere.");
            } else if (found.priority() >= project.priority() + 0.005) {
                changes.add("Would get " + node + " if its priority were >= " + format(found.priority()) + " (now "
                        + format(project.priority()) + "); " + worth);
            }
        });
        return changes;
    }

    /**
     * For an unfunded project: the priority at which it would be funded (and with what), and the types it does not
     * accept that would fund it at its current priority.
     */
    List<String> forUnfunded(int p) {
        PlannedProject project = allocation.projects.get(p);
        List<String> changes = new ArrayList<>();
        Optional<PriorityThresholds.Threshold> threshold =
                funding.flatMap(search -> search.search(p, funded(p), ABOVE_TOP));
        if (threshold.isEmpty() && !project.effectiveSpeed().isEmpty()) {
            GpuTypeId type = bestType(project);
            changes.add("Its floor would take GPUs worth "
                    + format(round(prices.perGpu(p, type, -allocation.fleet.unitGpus(type)))) + " each elsewhere ("
                    + type
                    + ")" + NOT_RESOLVED);
        }
        threshold.ifPresent(found -> {
            if (reachable(found)) {
                changes.add("Funded if its priority were >= " + format(found.priority()) + " (now "
                        + format(project.priority()) + "), with " + grant(p, found.with()) + ".");
            } else {
                changes.add("Not funded even at the top priority (" + format(MAX_PRIORITY) + "): its floor"
                        + " takes GPUs worth more elsewhere; a smaller floor or other GPU types would help.");
            }
        });
        if (!project.effectiveSpeed().isEmpty()) {
            metric(p, bestType(project)).ifPresent(changes::add);
        }
        for (GpuTypeId type : allocation.fleet.types()) {
            if (project.effectiveSpeed().containsKey(type)
                    || allocation.fleet.allocatableGpus(type) == 0
                    || floorThreshold(p, type, allocation.fleet.speed(type)) > project.priority()) {
                continue;
            }
            // The first-order test above only picks the candidates; the re-solve decides.
            if (fundedIfAccepting(p, type)) {
                changes.add("Would be funded at its priority if it accepted " + type + " (one " + type + " is worth "
                        + format(round(prices.perGpu(p, type, allocation.fleet.unitGpus(type)))) + " elsewhere).");
            }
        }
        return changes;
    }

    /** The plan re-solved with the project also accepting the type (at the lab's speed): is it funded? */
    private boolean fundedIfAccepting(int p, GpuTypeId type) {
        if (funding.isEmpty() || !funding.get().canSolve(1)) {
            return false;
        }
        List<PlannedProject> projects = new ArrayList<>(allocation.projects);
        PlannedProject project = projects.get(p);
        Map<GpuTypeId, Double> speeds = new LinkedHashMap<>(project.effectiveSpeed());
        speeds.put(type, allocation.fleet.speed(type));
        projects.set(p, project.with(project.priority(), speeds));
        AllocationModel accepting = new AllocationModel(lab, allocation.periods, projects, valueModel);
        return funding.get()
                .solve(accepting.model)
                .map(values ->
                        accepting.units.get(p).values().stream().anyMatch(var -> Math.round(values[var.index()]) > 0))
                .orElse(false);
    }

    /** "In its metric: the 65th H100 for project x buys ...", when the value model measures it by a metric. */
    private Optional<String> metric(int p, GpuTypeId type) {
        PlannedProject project = allocation.projects.get(p);
        if (project.ask().isEmpty() || !project.effectiveSpeed().containsKey(type)) {
            return Optional.empty();
        }
        List<ValueModel.NextGpu> gpus = new ArrayList<>();
        double speed = project.effectiveSpeed().get(type);
        gpus.add(new ValueModel.NextGpu(
                project.ask().get(), type, grants.get(p).gpus(type) + 1, speed, effectiveGpus(p)));
        cheapestHolder(p, type).ifPresent(q -> {
            double qSpeed = allocation.projects.get(q).effectiveSpeed().get(type);
            gpus.add(new ValueModel.NextGpu(
                    allocation.projects.get(q).ask().get(),
                    type,
                    grants.get(q).gpus(type),
                    qSpeed,
                    effectiveGpus(q) - qSpeed));
        });
        return valueModel
                .metricWords(gpus)
                .map(words -> "In its metric: " + words
                        + (gpus.size() > 1 ? ", the last " + type + " of the holder to whom one is worth least" : "")
                        + ".");
    }

    /** Among other projects holding the type, the one whose last GPU of it is worth least (priority included). */
    private Optional<Integer> cheapestHolder(int p, GpuTypeId type) {
        int[] two = cheapestTwo.computeIfAbsent(type, this::cheapestTwoHolders);
        return Optional.ofNullable(two[0] == p ? nullable(two[1]) : nullable(two[0]));
    }

    private static Integer nullable(int index) {
        return index < 0 ? null : index;
    }

    /**
     * The two holders of the type whose last GPU of it is worth least, the first the cheapest (the lower index among
     * equals), or -1: one pass over the projects per type, not one per project asking (30,000 projects made that
     * quadratic).
     */
    private int[] cheapestTwoHolders(GpuTypeId type) {
        int first = -1;
        int second = -1;
        double firstWorth = Double.POSITIVE_INFINITY;
        double secondWorth = Double.POSITIVE_INFINITY;
        for (int q = 0; q < allocation.projects.size(); q++) {
            PlannedProject holder = allocation.projects.get(q);
            if (grants.get(q).gpus(type) == 0
                    || holder.ask().isEmpty()
                    || holder.pin().isPresent()) {
                continue;
            }
            double speed = holder.effectiveSpeed().getOrDefault(type, 0.0);
            double worth = holder.priority()
                    * Explainer.slopeAt(allocation.valueCurves.get(q), effectiveGpus(q) - speed)
                    * speed;
            if (!(speed > 0)) {
                continue;
            }
            if (worth < firstWorth) {
                second = first;
                secondWorth = firstWorth;
                first = q;
                firstWorth = worth;
            } else if (worth < secondWorth) {
                second = q;
                secondWorth = worth;
            }
        }
        return new int[] {first, second};
    }

    private Predicate<double[]> funded(int p) {
        return values -> allocation.units.get(p).values().stream().anyMatch(var -> Math.round(values[var.index()]) > 0);
    }

    /** Effective compute of p in the first period for the given variable values. */
    private double effective(int p, double[] values) {
        double total = 0;
        for (Map.Entry<GpuTypeId, Var> entry : allocation.units.get(p).entrySet()) {
            total += Math.round(values[entry.getValue().index()])
                    * allocation.fleet.unitGpus(entry.getKey())
                    * allocation.projects.get(p).effectiveSpeed().getOrDefault(entry.getKey(), 0.0);
        }
        return total;
    }

    private double effectiveGpus(int p) {
        double total = 0;
        for (Map.Entry<GpuTypeId, Integer> entry : grants.get(p).gpus().entrySet()) {
            total += entry.getValue()
                    * allocation.projects.get(p).effectiveSpeed().getOrDefault(entry.getKey(), 0.0);
        }
        return total;
    }

    private Allocation grant(int p, double[] values) {
        Map<GpuTypeId, Integer> gpus = new LinkedHashMap<>();
        allocation.units.get(p).forEach((type, var) -> {
            long units = Math.round(values[var.index()]);
            if (units > 0) {
                gpus.put(type, (int) units * allocation.fleet.unitGpus(type));
            }
        });
        return new Allocation(gpus);
    }

    /** The type of which the grant holds the most GPUs (the first in fleet order on a tie). */
    private GpuTypeId ownType(int p) {
        GpuTypeId own = null;
        for (GpuTypeId type : allocation.fleet.types()) {
            if (allocation.projects.get(p).effectiveSpeed().containsKey(type)
                    && (own == null || grants.get(p).gpus(type) > grants.get(p).gpus(own))) {
                own = type;
            }
        }
        return own;
    }

    private GpuTypeId bestType(PlannedProject project) {
        GpuTypeId best = null;
        for (Map.Entry<GpuTypeId, Double> entry : project.effectiveSpeed().entrySet()) {
            if (best == null || entry.getValue() > project.effectiveSpeed().get(best)) {
                best = entry.getKey();
            }
        }
        return best;
    }

    /**
     * First-order screen only: the priority at which the project's floor on the type would pay for the GPUs it takes
     * at fixed-LP prices.
     */
    private double floorThreshold(int p, GpuTypeId type, double speed) {
        PlannedProject project = allocation.projects.get(p);
        int unit = allocation.fleet.unitGpus(type);
        int floorGpus = Math.max(unit, (project.floorGpus() + unit - 1) / unit * unit);
        double cost = floorGpus * prices.perGpu(p, type, -unit);
        List<ValueSegment> curve = allocation.valueCurves.get(p);
        double valuePerPriority = Explainer.curveValue(
                curve.isEmpty() ? List.of(new ValueSegment(floorGpus * speed, 1)) : curve, floorGpus * speed);
        return valuePerPriority <= 0 ? Double.POSITIVE_INFINITY : cost / valuePerPriority;
    }

    private static boolean reachable(PriorityThresholds.Threshold found) {
        return found.reached() && found.priority() <= MAX_PRIORITY;
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static String format(double value) {
        return Explainer.format(value);
    }
}
