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
        return toBuilder().budgets(newBudgets).build();
    }

    /**
     * A builder for a new plan. Cycle and solve report must be set; lists and maps start empty. The built plan is
     * checked by the record's constructor.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every field of this plan, to build a copy that differs in a few of them. */
    public Builder toBuilder() {
        return new Builder()
                .cycle(cycle)
                .projects(projects)
                .capacityGpus(capacityGpus)
                .allocatableGpus(allocatableGpus)
                .marginalValuePerGpu(marginalValuePerGpu)
                .solve(solve)
                .periods(periods)
                .blocks(blocks)
                .budgets(budgets);
    }

    /**
     * Builds a {@link Plan} field by field, so that callers name only the fields they set and a new field of the plan
     * is added here once. Not thread-safe; each setter returns this builder.
     */
    public static final class Builder {
        private CycleId cycle;
        private List<ProjectPlan> projects = List.of();
        private Map<GpuTypeId, Integer> capacityGpus = Map.of();
        private Map<GpuTypeId, Integer> allocatableGpus = Map.of();
        private Map<GpuTypeId, Double> marginalValuePerGpu = Map.of();
        private SolveReport solve;
        private List<PlanPeriod> periods = List.of();
        private List<PlacedBlock> blocks = List.of();
        private List<Budget> budgets = List.of();

        private Builder() {}

        public Builder cycle(CycleId value) {
            this.cycle = value;
            return this;
        }

        public Builder projects(List<ProjectPlan> value) {
            this.projects = value;
            return this;
        }

        public Builder capacityGpus(Map<GpuTypeId, Integer> value) {
            this.capacityGpus = value;
            return this;
        }

        public Builder allocatableGpus(Map<GpuTypeId, Integer> value) {
            this.allocatableGpus = value;
            return this;
        }

        public Builder marginalValuePerGpu(Map<GpuTypeId, Double> value) {
            this.marginalValuePerGpu = value;
            return this;
        }

        public Builder solve(SolveReport value) {
            this.solve = value;
            return this;
        }

        public Builder periods(List<PlanPeriod> value) {
            this.periods = value;
            return this;
        }

        public Builder blocks(List<PlacedBlock> value) {
            this.blocks = value;
            return this;
        }

        public Builder budgets(List<Budget> value) {
            this.budgets = value;
            return this;
        }

        /** The plan, checked as every plan is. */
        public Plan build() {
            return new Plan(
                    cycle,
                    projects,
                    capacityGpus,
                    allocatableGpus,
                    marginalValuePerGpu,
                    solve,
                    periods,
                    blocks,
                    budgets);
        }
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
