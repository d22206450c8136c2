package dev.allot.core.model;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the planner needs to draft one cycle: the fleet, the portfolio, the asks and scores, the policy, the
 * deciders' pins and overrides, and the history of past cycles (the last one is the previous plan).
 *
 * <p>Lists keep the order of the lab file; lookups are by id. A {@code Lab} is a checked value: build one through
 * the lab-file reader, which reports every problem at once, or with {@link #builder()}.
 */
public record Lab(
        String name,
        CycleId cycle,
        LocalDate cycleStart,
        List<GpuType> gpuTypes,
        List<Pool> pools,
        List<Category> categories,
        List<Project> projects,
        List<Ask> asks,
        List<Score> scores,
        Policy policy,
        List<Pin> pins,
        List<DeciderOverride> overrides,
        List<PastCycle> history,
        List<CapacityEvent> capacityEvents,
        List<Budget> budgets,
        List<Block> blocks) {
    /**
     * Days a cycle lasts for planning over time: the lab records no cycle end, so a cycle is taken to last eight
     * weeks from its start (docs/planner.md, "Plans over time").
     */
    public static final int CYCLE_DAYS = 56;

    public Lab {
        Checks.present(name, "name");
        Checks.present(cycle, "cycle");
        Checks.present(cycleStart, "cycleStart");
        gpuTypes = List.copyOf(gpuTypes);
        pools = List.copyOf(pools);
        categories = List.copyOf(categories);
        projects = List.copyOf(projects);
        asks = List.copyOf(asks);
        scores = List.copyOf(scores == null ? List.of() : scores);
        Checks.present(policy, "policy");
        pins = List.copyOf(pins == null ? List.of() : pins);
        overrides = List.copyOf(overrides == null ? List.of() : overrides);
        history = List.copyOf(history == null ? List.of() : history);
        capacityEvents = List.copyOf(capacityEvents == null ? List.of() : capacityEvents);
        budgets = List.copyOf(budgets == null ? List.of() : budgets);
        blocks = List.copyOf(blocks == null ? List.of() : blocks);
    }

    /** The same lab under another policy. */
    public Lab withPolicy(Policy newPolicy) {
        return toBuilder().policy(newPolicy).build();
    }

    /** The same lab with other capacity events. */
    public Lab withCapacityEvents(List<CapacityEvent> events) {
        return toBuilder().capacityEvents(events).build();
    }

    /** The same lab with other GPU-hour budgets. */
    public Lab withBudgets(List<Budget> newBudgets) {
        return toBuilder().budgets(newBudgets).build();
    }

    /** The same lab with other reserved blocks. */
    public Lab withBlocks(List<Block> newBlocks) {
        return toBuilder().blocks(newBlocks).build();
    }

    /**
     * A builder for a new lab. Name, cycle, cycle start and policy must be set; every list starts empty. The built lab
     * is checked by the record's constructor.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every field of this lab, to build a copy that differs in a few of them. */
    public Builder toBuilder() {
        return new Builder()
                .name(name)
                .cycle(cycle)
                .cycleStart(cycleStart)
                .gpuTypes(gpuTypes)
                .pools(pools)
                .categories(categories)
                .projects(projects)
                .asks(asks)
                .scores(scores)
                .policy(policy)
                .pins(pins)
                .overrides(overrides)
                .history(history)
                .capacityEvents(capacityEvents)
                .budgets(budgets)
                .blocks(blocks);
    }

    /**
     * Builds a {@link Lab} field by field, so that callers name only the fields they set and a new field of the lab is
     * added here once. Not thread-safe; each setter returns this builder.
     */
    public static final class Builder {
        private String name;
        private CycleId cycle;
        private LocalDate cycleStart;
        private List<GpuType> gpuTypes = List.of();
        private List<Pool> pools = List.of();
        private List<Category> categories = List.of();
        private List<Project> projects = List.of();
        private List<Ask> asks = List.of();
        private List<Score> scores = List.of();
        private Policy policy;
        private List<Pin> pins = List.of();
        private List<DeciderOverride> overrides = List.of();
        private List<PastCycle> history = List.of();
        private List<CapacityEvent> capacityEvents = List.of();
        private List<Budget> budgets = List.of();
        private List<Block> blocks = List.of();

        private Builder() {}

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder cycle(CycleId value) {
            this.cycle = value;
            return this;
        }

        public Builder cycleStart(LocalDate value) {
            this.cycleStart = value;
            return this;
        }

        public Builder gpuTypes(List<GpuType> value) {
            this.gpuTypes = value;
            return this;
        }

        public Builder pools(List<Pool> value) {
            this.pools = value;
            return this;
        }

        public Builder categories(List<Category> value) {
            this.categories = value;
            return this;
        }

        public Builder projects(List<Project> value) {
            this.projects = value;
            return this;
        }

        public Builder asks(List<Ask> value) {
            this.asks = value;
            return this;
        }

        public Builder scores(List<Score> value) {
            this.scores = value;
            return this;
        }

        public Builder policy(Policy value) {
            this.policy = value;
            return this;
        }

        public Builder pins(List<Pin> value) {
            this.pins = value;
            return this;
        }

        public Builder overrides(List<DeciderOverride> value) {
            this.overrides = value;
            return this;
        }

        public Builder history(List<PastCycle> value) {
            this.history = value;
            return this;
        }

        public Builder capacityEvents(List<CapacityEvent> value) {
            this.capacityEvents = value;
            return this;
        }

        public Builder budgets(List<Budget> value) {
            this.budgets = value;
            return this;
        }

        public Builder blocks(List<Block> value) {
            this.blocks = value;
            return this;
        }

        /** The lab, checked as every lab is. */
        public Lab build() {
            return new Lab(
                    name,
                    cycle,
                    cycleStart,
                    gpuTypes,
                    pools,
                    categories,
                    projects,
                    asks,
                    scores,
                    policy,
                    pins,
                    overrides,
                    history,
                    capacityEvents,
                    budgets,
                    blocks);
        }
    }

    /** The last day of the cycle's planning horizon plus one: {@link #CYCLE_DAYS} after its start. */
    public LocalDate cycleEnd() {
        return cycleStart.plusDays(CYCLE_DAYS);
    }

    public Map<GpuTypeId, GpuType> gpuTypesById() {
        return index(gpuTypes, GpuType::id);
    }

    public Map<ProjectId, Project> projectsById() {
        return index(projects, Project::id);
    }

    public Map<ProjectId, Ask> asksByProject() {
        return index(asks, Ask::project);
    }

    public Map<ProjectId, Pin> pinsByProject() {
        return index(pins, Pin::project);
    }

    public Map<ProjectId, DeciderOverride> overridesByProject() {
        return index(overrides, DeciderOverride::project);
    }

    /** The last past cycle, whose grants are the "previous plan" for continuity and decisions. */
    public Optional<PastCycle> previousCycle() {
        return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
    }

    public Allocation previousGrant(ProjectId project) {
        return previousCycle().map(past -> past.grant(project)).orElse(Allocation.NONE);
    }

    /** GPUs of each type over all pools, in the order types are declared. */
    public Map<GpuTypeId, Integer> capacityGpus() {
        Map<GpuTypeId, Integer> capacity = new LinkedHashMap<>();
        gpuTypes.forEach(type -> capacity.put(type.id(), 0));
        pools.forEach(pool -> capacity.merge(pool.gpuType(), pool.gpus(), Integer::sum));
        return capacity;
    }

    /** The relative speed of every GPU type, in the order types are declared. */
    public Map<GpuTypeId, Double> relativeSpeeds() {
        Map<GpuTypeId, Double> speeds = new LinkedHashMap<>();
        gpuTypes.forEach(type -> speeds.put(type.id(), type.relativeSpeed()));
        return speeds;
    }

    /**
     * GPUs of each type over all pools on {@code day}, after the capacity events that hold on that day; equals
     * {@link #capacityGpus()} on every day when the lab has no events.
     */
    public Map<GpuTypeId, Integer> capacityGpusOn(LocalDate day) {
        Map<GpuTypeId, Integer> capacity = capacityGpus();
        Map<String, Pool> poolsByName = index(pools, Pool::name);
        for (CapacityEvent event : capacityEvents) {
            Pool pool = poolsByName.get(event.pool());
            if (pool != null) {
                capacity.merge(pool.gpuType(), event.gpusOn(day), Integer::sum);
            }
        }
        // the rules refuse a pool that loses more than it holds; a lab built past them counts no negative GPUs
        capacity.replaceAll((type, gpus) -> Math.max(0, gpus));
        return capacity;
    }

    /** Priority weight of every project, aggregated from scores (see {@link PriorityWeights}). */
    public Map<ProjectId, Double> priorities() {
        return PriorityWeights.aggregate(projects, scores);
    }

    private static <K, V> Map<K, V> index(List<V> values, Function<V, K> key) {
        return values.stream().collect(Collectors.toMap(key, v -> v, (a, b) -> a, LinkedHashMap::new));
    }
}
