package dev.allot.core.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The allocation drafted for a cycle: a line per planned project, the fleet it was drafted for, the marginal value
 * of one more GPU of each type (shadow prices of capacity), and how the solve went.
 *
 * @param allocatableGpus capacity minus reserve, per GPU type
 * @param marginalValuePerGpu shadow price of each type's capacity in the LP with the funded set fixed
 * @param periods for a lab with capacity events, the plan over time: consecutive periods from the cycle start, each
 *     with its fleet and grants; the first period's grants are the projects' {@link ProjectPlan#grant() grants}.
 *     Empty for a single-period plan, whose grants hold all cycle long.
 * @param blocks the reserved blocks the planner placed, on top of the grants; a block it could not place is not
 *     listed (its project's explanation says why)
 * @param budgets the GPU-hour budgets the plan was drafted under (the lab's), which enforcers apply with it; empty
 *     when the lab has none
 */
public record Plan(
        CycleId cycle,
        List<ProjectPlan> projects,
        Map<GpuTypeId, Integer> capacityGpus,
        Map<GpuTypeId, Integer> allocatableGpus,
        Map<GpuTypeId, Double> marginalValuePerGpu,
        SolveReport solve,
        List<PlanPeriod> periods,
        List<PlacedBlock> blocks,
        List<Budget> budgets) {
    /** A plan without reserved blocks or GPU-hour budgets. */
    public Plan(
            CycleId cycle,
            List<ProjectPlan> projects,
            Map<GpuTypeId, Integer> capacityGpus,
            Map<GpuTypeId, Integer> allocatableGpus,
            Map<GpuTypeId, Double> marginalValuePerGpu,
            SolveReport solve,
            List<PlanPeriod> periods) {
        this(cycle, projects, capacityGpus, allocatableGpus, marginalValuePerGpu, solve, periods, List.of());
    }

    /** A plan without GPU-hour budgets. */
    public Plan(
            CycleId cycle,
            List<ProjectPlan> projects,
            Map<GpuTypeId, Integer> capacityGpus,
            Map<GpuTypeId, Integer> allocatableGpus,
            Map<GpuTypeId, Double> marginalValuePerGpu,
            SolveReport solve,
            List<PlanPeriod> periods,
            List<PlacedBlock> blocks) {
        this(cycle, projects, capacityGpus, allocatableGpus, marginalValuePerGpu, solve, periods, blocks, List.of());
    }

    /** A single-period plan: its grants hold all cycle long. */
    public Plan(
            CycleId cycle,
            List<ProjectPlan> projects,
            Map<GpuTypeId, Integer> capacityGpus,
            Map<GpuTypeId, Integer> allocatableGpus,
            Map<GpuTypeId, Double> marginalValuePerGpu,
            SolveReport solve) {
        this(cycle, projects, capacityGpus, allocatableGpus, marginalValuePerGpu, solve, List.of());
    }

    public Plan {
        Checks.present(cycle, "cycle");
        projects = List.copyOf(projects);
        capacityGpus = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(capacityGpus));
        allocatableGpus = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(allocatableGpus));
        marginalValuePerGpu = java.util.Collections.unmodifiableMap(new TreeMap<>(marginalValuePerGpu));
        Checks.present(solve, "solve");
        periods = List.copyOf(periods == null ? List.of() : periods);
        blocks = List.copyOf(blocks == null ? List.of() : blocks);
        budgets = List.copyOf(budgets == null ? List.of() : budgets);
    }

    /** The same plan carrying {@code newBudgets}. */
    public Plan withBudgets(List<Budget> newBudgets) {
        return new Plan(
                cycle,
                projects,
                capacityGpus,
                allocatableGpus,
                marginalValuePerGpu,
                solve,
                periods,
                blocks,
                newBudgets);
    }

    /** Whether the plan changes grants over the cycle (it has periods). */
    public boolean hasPeriods() {
        return !periods.isEmpty();
    }

    public Optional<ProjectPlan> project(ProjectId id) {
        return projects.stream().filter(line -> line.project().equals(id)).findFirst();
    }

    /** GPUs granted per type over all projects. */
    public Map<GpuTypeId, Integer> grantedGpus() {
        Map<GpuTypeId, Integer> granted = new LinkedHashMap<>();
        capacityGpus.keySet().forEach(type -> granted.put(type, 0));
        projects.forEach(
                line -> line.grant().gpus().forEach((type, count) -> granted.merge(type, count, Integer::sum)));
        return granted;
    }

    public Map<ProjectId, Allocation> grants() {
        Map<ProjectId, Allocation> grants = new LinkedHashMap<>();
        projects.forEach(line -> grants.put(line.project(), line.grant()));
        return grants;
    }
}
