package dev.allot.core.planner;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.Ask;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.DeciderOverride;
import dev.allot.core.model.Decision;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Pin;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.model.ProjectStatus;
import dev.allot.core.model.ShareBound;
import dev.allot.core.model.ShareRelation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one oracle for "is this plan allowed by this lab": capacity, all-or-nothing floors, ceilings, accepted types,
 * granularity, category shares and relations, continuity, pins and overrides, and decisions. Used by the planner's
 * tests, the property tests and the simulator, so the checks never drift apart. Pure and thread-safe.
 */
public final class PlanInvariants {
    private static final double TOLERANCE = 1e-6;

    private PlanInvariants() {}

    /** Every violation in words; empty when the plan respects the lab. */
    public static List<String> check(Lab lab, Plan plan) {
        Fleet fleet = Fleet.of(lab);
        List<String> violations = new ArrayList<>();
        capacity(fleet, plan, violations);
        Map<GpuTypeId, Double> speeds = new LinkedHashMap<>();
        fleet.types().forEach(type -> speeds.put(type, fleet.speed(type)));
        Map<CategoryId, Double> effective = new LinkedHashMap<>();
        double total = 0;
        for (ProjectPlan line : plan.projects()) {
            project(lab, fleet, line, violations);
            double value = 0;
            for (Map.Entry<GpuTypeId, Integer> entry : line.grant().gpus().entrySet()) {
                value += entry.getValue() * speeds.getOrDefault(entry.getKey(), 0.0);
            }
            effective.merge(line.category(), value, Double::sum);
            total += value;
        }
        shares(lab, effective, total, violations);
        return violations;
    }

    private static void capacity(Fleet fleet, Plan plan, List<String> violations) {
        plan.grantedGpus().forEach((type, granted) -> {
            if (!fleet.facts().containsKey(type)) {
                violations.add("granted " + granted + " GPUs of unknown type " + type);
            } else if (granted > fleet.allocatableGpus(type)) {
                violations.add("capacity of " + type + ": granted " + granted + " > allocatable "
                        + fleet.allocatableGpus(type));
            }
        });
    }

    private static void project(Lab lab, Fleet fleet, ProjectPlan line, List<String> violations) {
        String id = line.project().value();
        Allocation grant = line.grant();
        int gpus = grant.totalGpus();
        if (line.decision() != Decision.between(line.previous(), grant)) {
            violations.add(id + ": decision " + line.decision() + " does not match " + line.previous() + " -> " + grant);
        }
        if (!line.previous().equals(lab.previousGrant(line.project()))) {
            violations.add(id + ": previous grant " + line.previous() + " is not the lab's previous plan");
        }
        Pin pin = lab.pinsByProject().get(line.project());
        if (pin != null) {
            if (!grant.equals(pin.gpus())) {
                violations.add(id + ": pinned at " + pin.gpus() + " but granted " + grant);
            }
            return;
        }
        Ask ask = lab.asksByProject().get(line.project());
        DeciderOverride override = lab.overridesByProject().get(line.project());
        boolean plannable = ask != null && lab.projectsById().get(line.project()).status() == ProjectStatus.ACTIVE;
        if (!plannable || (override != null && override.action() == DeciderOverride.Action.KILL)) {
            if (gpus > 0) {
                violations.add(id + ": must get nothing (not plannable or killed) but got " + grant);
            }
            return;
        }
        if (gpus > 0 && gpus < ask.floorGpus()) {
            violations.add(id + ": " + gpus + " GPUs is a sliver below its floor " + ask.floorGpus());
        }
        if (override != null && override.action() == DeciderOverride.Action.FUND && gpus < Math.max(1, ask.floorGpus())
                && ask.floorGpus() > 0) {
            violations.add(id + ": deciders fund it but it got " + gpus + " < floor " + ask.floorGpus());
        }
        if (gpus > ask.ceilingGpus()) {
            violations.add(id + ": " + gpus + " GPUs above its ceiling " + ask.ceilingGpus());
        }
        grant.gpus().forEach((type, count) -> {
            if (!ask.accepts(type)) {
                violations.add(id + ": granted " + type + " which it does not accept");
            } else if (fleet.facts().containsKey(type) && count % fleet.unitGpus(type) != 0) {
                violations.add(id + ": " + count + " " + type + " is not a multiple of " + fleet.unitGpus(type));
            }
        });
        continuity(lab, fleet, line, ask, violations);
    }

    private static void continuity(Lab lab, Fleet fleet, ProjectPlan line, Ask ask, List<String> violations) {
        int previous = line.previous().totalGpus();
        int gpus = line.grant().totalGpus();
        if (previous == 0 || gpus == 0) {
            return;
        }
        PlannedProject view = new PlannedProject(lab.projectsById().get(line.project()), java.util.Optional.of(ask),
                java.util.Optional.empty(), java.util.Optional.empty(), line.previous(), 0, Map.of(), 0, "");
        Continuity range = Continuity.of(lab.policy(), view, fleet);
        if (gpus < range.minGpus() || gpus > range.maxGpus()) {
            violations.add(line.project() + ": " + previous + " -> " + gpus + " GPUs leaves the continuity range "
                    + range.minGpus() + ".." + range.maxGpus());
        }
    }

    private static void shares(Lab lab, Map<CategoryId, Double> effective, double total, List<String> violations) {
        double slack = TOLERANCE * Math.max(1, total);
        for (ShareBound bound : lab.policy().shareBounds()) {
            double value = effective.getOrDefault(bound.category(), 0.0);
            if (value < bound.minShare() * total - slack || value > bound.maxShare() * total + slack) {
                violations.add("share of " + bound.category() + " " + value + "/" + total + " outside ["
                        + bound.minShare() + ", " + bound.maxShare() + "]");
            }
        }
        for (ShareRelation relation : lab.policy().relations()) {
            double left = effective.getOrDefault(relation.left(), 0.0);
            double right = effective.getOrDefault(relation.right(), 0.0);
            if (left < relation.factor() * right - slack) {
                violations.add("relation " + relation + " violated: " + left + " < " + relation.factor() + " x " + right);
            }
        }
    }
}
