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
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
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
        List<String> violations = new ArrayList<>();
        for (ProjectPlan line : plan.projects()) {
            if (line.decision() != Decision.between(line.previous(), line.grant(), lab.relativeSpeeds())) {
                violations.add(line.project() + ": decision " + line.decision() + " does not match " + line.previous()
                        + " -> " + line.grant());
            }
            if (!line.previous().equals(lab.previousGrant(line.project()))) {
                violations.add(
                        line.project() + ": previous grant " + line.previous() + " is not the lab's previous plan");
            }
        }
        violations.addAll(check(lab, plan.grants()));
        violations.addAll(periods(lab, plan));
        violations.addAll(BlockInvariants.check(lab, plan));
        return violations;
    }

    /**
     * The rules of a plan over time: its periods are the lab's capacity timeline, the first period holds the lines'
     * grants, every period's grants fit that period's capacity, and between consecutive periods no funded project
     * moves by more than the policy's max change (one node always allowed) unless capacity drops at the boundary.
     */
    private static List<String> periods(Lab lab, Plan plan) {
        List<String> violations = new ArrayList<>();
        List<dev.allot.core.model.CapacityTimeline.Period> timeline =
                dev.allot.core.model.CapacityTimeline.periods(lab);
        if (plan.periods().isEmpty()) {
            if (timeline.size() > 1) {
                violations.add("the lab has capacity events or budgets but the plan has no periods");
            }
            return violations;
        }
        if (plan.periods().size() != timeline.size()) {
            violations.add("plan has " + plan.periods().size() + " periods, the lab's timeline " + timeline.size());
            return violations;
        }
        for (int k = 0; k < timeline.size(); k++) {
            dev.allot.core.model.PlanPeriod period = plan.periods().get(k);
            if (!period.from().equals(timeline.get(k).from())
                    || !period.until().equals(timeline.get(k).until())) {
                violations.add("period " + k + " is " + period.from() + ".." + period.until() + ", the timeline's "
                        + timeline.get(k).from() + ".." + timeline.get(k).until());
            }
            Fleet fleet = Fleet.of(lab, timeline.get(k).capacityGpus());
            List<String> over = new ArrayList<>();
            capacity(fleet, BlockInvariants.withBlocks(plan, period), over);
            over.forEach(text -> violations.add("period from " + period.from() + ": " + text));
            if (k > 0) {
                betweenPeriods(
                        lab,
                        fleet,
                        plan.periods().get(k - 1),
                        period,
                        Fleet.of(lab, timeline.get(k - 1).capacityGpus()),
                        violations);
            }
        }
        for (dev.allot.core.model.Budget budget : lab.budgets()) {
            double used = 0;
            for (dev.allot.core.model.Project project : lab.projects()) {
                if (budget.covers(project)) {
                    for (dev.allot.core.model.PlanPeriod period : plan.periods()) {
                        used += period.grant(project.id()).gpus(budget.gpuType()) * period.days() * 24.0;
                    }
                }
            }
            if (used > budget.gpuHours() + TOLERANCE * Math.max(1, budget.gpuHours())) {
                violations.add(budget.ownerText() + ": " + used + " " + budget.gpuType()
                        + " GPU-hours over its budget of " + budget.gpuHours());
            }
        }
        plan.projects().forEach(line -> {
            if (!plan.periods().get(0).grant(line.project()).equals(line.grant())) {
                violations.add(line.project() + ": grant " + line.grant() + " is not its first period's "
                        + plan.periods().get(0).grant(line.project()));
            }
        });
        return violations;
    }

    private static void betweenPeriods(
            Lab lab,
            Fleet fleet,
            dev.allot.core.model.PlanPeriod before,
            dev.allot.core.model.PlanPeriod now,
            Fleet fleetBefore,
            List<String> violations) {
        boolean drops = fleet.types().stream()
                .anyMatch(type -> fleet.allocatableGpus(type) < fleetBefore.allocatableGpus(type));
        double change = lab.policy().maxChangeFraction();
        now.grants().forEach((project, grant) -> {
            int was = before.grant(project).totalGpus();
            int is = grant.totalGpus();
            if (was == 0 || is == 0) {
                return;
            }
            // the model allows one node of the project's own types; the fleet's largest node bounds that
            int node = fleet.maxUnitGpus();
            if (is > was * (1 + change) + node + TOLERANCE || (!drops && is < was * (1 - change) - TOLERANCE)) {
                violations.add(project + ": " + was + " -> " + is + " GPUs from " + now.from()
                        + " moves by more than the policy's max change");
            }
        });
    }

    /** Every violation of the lab's rules by these grants (projects absent from the map get nothing). */
    public static List<String> check(Lab lab, Map<ProjectId, Allocation> grants) {
        Fleet fleet = Fleet.of(lab);
        Facts facts = new Facts(lab);
        List<String> violations = new ArrayList<>();
        Map<GpuTypeId, Integer> granted = new LinkedHashMap<>();
        grants.values()
                .forEach(grant -> grant.gpus().forEach((type, count) -> granted.merge(type, count, Integer::sum)));
        capacity(fleet, granted, violations);
        Map<CategoryId, Double> effective = new LinkedHashMap<>();
        double total = 0;
        for (Project project : lab.projects()) {
            Allocation grant = grants.getOrDefault(project.id(), Allocation.NONE);
            project(lab, facts, fleet, project, grant, violations);
            double value = 0;
            for (Map.Entry<GpuTypeId, Integer> entry : grant.gpus().entrySet()) {
                value += entry.getValue()
                        * (fleet.facts().containsKey(entry.getKey()) ? fleet.speed(entry.getKey()) : 0);
            }
            effective.merge(project.category(), value, Double::sum);
            total += value;
        }
        shares(lab, effective, total, violations);
        return violations;
    }

    private static void capacity(Fleet fleet, Map<GpuTypeId, Integer> grantedByType, List<String> violations) {
        grantedByType.forEach((type, granted) -> {
            if (!fleet.facts().containsKey(type)) {
                violations.add("granted " + granted + " GPUs of unknown type " + type);
            } else if (granted > fleet.allocatableGpus(type)) {
                violations.add("capacity of " + type + ": granted " + granted + " > allocatable "
                        + fleet.allocatableGpus(type));
            }
        });
    }

    /** The lab's lookups, indexed once per check. */
    private record Facts(
            Map<ProjectId, Pin> pins,
            Map<ProjectId, Ask> asks,
            Map<ProjectId, DeciderOverride> overrides,
            Map<ProjectId, Allocation> previous) {
        Facts(Lab lab) {
            this(
                    lab.pinsByProject(),
                    MissingAsks.asksForPlanning(lab),
                    lab.overridesByProject(),
                    lab.previousCycle().map(past -> past.grants()).orElse(Map.of()));
        }
    }

    private static void project(
            Lab lab, Facts facts, Fleet fleet, Project project, Allocation grant, List<String> violations) {
        String id = project.id().value();
        int gpus = grant.totalGpus();
        Pin pin = facts.pins().get(project.id());
        if (pin != null) {
            if (!grant.equals(pin.gpus())) {
                violations.add(id + ": pinned at " + pin.gpus() + " but granted " + grant);
            }
            return;
        }
        Ask ask = facts.asks().get(project.id());
        DeciderOverride override = facts.overrides().get(project.id());
        boolean plannable = ask != null && project.status() == ProjectStatus.ACTIVE;
        if (!plannable || (override != null && override.action() == DeciderOverride.Action.KILL)) {
            if (gpus > 0) {
                violations.add(id + ": must get nothing (not plannable or killed) but got " + grant);
            }
            return;
        }
        if (gpus > 0 && gpus < ask.floorGpus()) {
            violations.add(id + ": " + gpus + " GPUs is a sliver below its floor " + ask.floorGpus());
        }
        if (override != null && override.action() == DeciderOverride.Action.FUND && gpus < ask.floorGpus()) {
            violations.add(id + ": deciders fund it but it got " + gpus + " < floor " + ask.floorGpus());
        }
        if (gpus > ask.ceilingGpus()) {
            violations.add(id + ": " + gpus + " GPUs above its ceiling " + ask.ceilingGpus());
        }
        if (override == null) {
            usageCap(lab, fleet, project, ask, gpus, violations);
        }
        grant.gpus().forEach((type, count) -> {
            if (!ask.accepts(type)) {
                violations.add(id + ": granted " + type + " which it does not accept");
            } else if (fleet.facts().containsKey(type) && count % fleet.unitGpus(type) != 0) {
                violations.add(id + ": " + count + " " + type + " is not a multiple of " + fleet.unitGpus(type));
            } else if (lab.policy().jobShapes() == dev.allot.core.model.JobShapes.STRICT
                    && count > 0
                    && count < ask.largestJobGpus()) {
                violations.add(id + ": " + count + " " + type + " is below its largest job (" + ask.largestJobGpus()
                        + " GPUs), which strict job shapes do not allow");
            }
        });
        continuity(lab, facts, fleet, project, grant, ask, violations);
    }

    private static void continuity(
            Lab lab, Facts facts, Fleet fleet, Project project, Allocation grant, Ask ask, List<String> violations) {
        Allocation before = facts.previous().getOrDefault(project.id(), Allocation.NONE);
        if (before.isEmpty()) {
            return;
        }
        int gpus = grant.totalGpus();
        boolean mayDrop = lab.policy().plannerMayKill() || facts.overrides().containsKey(project.id());
        if (gpus == 0 && mayDrop) {
            return;
        }
        List<GpuTypeId> accepted = fleet.types().stream().filter(ask::accepts).toList();
        Continuity range = Continuity.of(lab.policy(), before, ask.floorGpus(), ask.ceilingGpus(), accepted, fleet);
        double effective = fleet.effectiveGpus(grant);
        if ((gpus == 0 && range.minEffective() > 0) || (gpus > 0 && !range.allows(effective))) {
            violations.add(project.id() + ": " + before + " -> " + grant + " ("
                    + GroupText.effective(range.previousEffective()) + " -> " + GroupText.effective(effective)
                    + " effective GPUs) leaves the continuity range " + GroupText.effective(range.minEffective())
                    + ".." + GroupText.effective(range.maxEffective()));
        }
    }

    private static void usageCap(Lab lab, Fleet fleet, Project project, Ask ask, int gpus, List<String> violations) {
        UsageCap.of(
                        lab.policy(),
                        lab.previousCycle(),
                        project.id(),
                        ask.floorGpus(),
                        ask.ceilingGpus(),
                        fleet.types().stream().filter(ask::accepts).toList(),
                        fleet)
                .filter(cap -> gpus > cap.maxGpus())
                .ifPresent(cap -> violations.add(
                        project.id() + ": " + gpus + " GPUs above its usage cap (" + cap.describe() + ")"));
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
                violations.add(
                        "relation " + relation + " violated: " + left + " < " + relation.factor() + " x " + right);
            }
        }
    }
}
