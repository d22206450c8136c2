package dev.allot.store;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.ComputeChange;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Decision;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a plan changes against the previous published plan: per project grow / keep / shrink / yield / kill / new /
 * declined (grow, keep and shrink compare effective compute, as the plan's decisions do), and GPU totals by category
 * and by GPU type. Pure computation over two plans.
 */
public record PlanDiff(
        CycleId cycle,
        Optional<CycleId> previousCycle,
        List<ProjectChange> projects,
        Map<CategoryId, Totals> byCategory,
        Map<GpuTypeId, Totals> byGpuType) {
    /**
     * One project's change; {@code change} is new, grow, keep, shrink, yield (shrink by a date), kill or declined;
     * {@code typeMove} a move to other GPU types with its change in compute ("moves H200 -> L40S: -79 % compute"),
     * else empty.
     */
    public record ProjectChange(
            ProjectId project,
            CategoryId category,
            Allocation previous,
            Allocation grant,
            String change,
            int changeGpus,
            Optional<LocalDate> yieldBy,
            String typeMove) {}

    /** GPUs before and after. */
    public record Totals(int previousGpus, int grantedGpus) {
        public int changeGpus() {
            return grantedGpus - previousGpus;
        }

        Totals plus(int before, int after) {
            return new Totals(previousGpus + before, grantedGpus + after);
        }
    }

    /** The diff in a fleet whose GPU types all have the same speed. */
    public static PlanDiff between(Plan current, Optional<Plan> previous) {
        Map<GpuTypeId, Double> sameSpeed = new TreeMap<>();
        current.capacityGpus().keySet().forEach(type -> sameSpeed.put(type, 1.0));
        previous.ifPresent(plan -> plan.capacityGpus().keySet().forEach(type -> sameSpeed.put(type, 1.0)));
        return between(current, previous, sameSpeed);
    }

    /** @param speeds the lab's relative speed per GPU type */
    public static PlanDiff between(Plan current, Optional<Plan> previous, Map<GpuTypeId, Double> speeds) {
        Map<ProjectId, ProjectPlan> before = new LinkedHashMap<>();
        previous.ifPresent(plan -> plan.projects().forEach(line -> before.put(line.project(), line)));
        List<ProjectChange> changes = new ArrayList<>();
        Map<CategoryId, Totals> byCategory = new TreeMap<>();
        Map<GpuTypeId, Totals> byType = new TreeMap<>();
        for (ProjectPlan line : current.projects()) {
            ProjectPlan old = before.remove(line.project());
            // Without a published plan before it (a lab whose history came from its lab file), the plan's own line
            // knows what the project held: the planner's previous grant, the one the CLI and the web compare with.
            Allocation was = old != null ? old.grant() : previous.isEmpty() ? line.previous() : Allocation.NONE;
            changes.add(change(line.project(), line.category(), was, line.grant(), line.yieldBy(), speeds));
            add(byCategory, byType, line.category(), was, line.grant());
        }
        before.values().forEach(old -> {
            changes.add(change(old.project(), old.category(), old.grant(), Allocation.NONE, Optional.empty(), speeds));
            add(byCategory, byType, old.category(), old.grant(), Allocation.NONE);
        });
        return new PlanDiff(current.cycle(), previous.map(Plan::cycle), changes, byCategory, byType);
    }

    /** A small summary of a plan for the audit log: total GPUs per type and the number of funded projects. */
    static Map<String, Object> summary(Plan plan) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("cycle", plan.cycle().value());
        summary.put("grantedGpus", plan.grantedGpus());
        summary.put(
                "fundedProjects",
                plan.projects().stream().filter(p -> !p.grant().isEmpty()).count());
        return summary;
    }

    private static ProjectChange change(
            ProjectId project,
            CategoryId category,
            Allocation was,
            Allocation now,
            Optional<LocalDate> yieldBy,
            Map<GpuTypeId, Double> speeds) {
        Decision decision = Decision.between(was, now, speeds);
        String change = decision == Decision.SHRINK && yieldBy.isPresent() ? "yield" : decision.label();
        return new ProjectChange(
                project,
                category,
                was,
                now,
                change,
                now.totalGpus() - was.totalGpus(),
                yieldBy,
                ComputeChange.of(was, now, speeds).typeMove().orElse(""));
    }

    private static void add(
            Map<CategoryId, Totals> byCategory,
            Map<GpuTypeId, Totals> byType,
            CategoryId category,
            Allocation was,
            Allocation now) {
        byCategory.merge(
                category,
                new Totals(was.totalGpus(), now.totalGpus()),
                (a, b) -> a.plus(b.previousGpus(), b.grantedGpus()));
        was.gpus().forEach((type, gpus) -> byType.merge(type, new Totals(gpus, 0), (a, b) -> a.plus(gpus, 0)));
        now.gpus().forEach((type, gpus) -> byType.merge(type, new Totals(0, gpus), (a, b) -> a.plus(0, gpus)));
    }
}
