package dev.allot.core.planner;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.Ask;
import dev.allot.core.model.Category;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.DeciderOverride;
import dev.allot.core.model.GpuType;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Granularity;
import dev.allot.core.model.Lab;
import dev.allot.core.model.NoAsk;
import dev.allot.core.model.PastCycle;
import dev.allot.core.model.Pin;
import dev.allot.core.model.Policy;
import dev.allot.core.model.Pool;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectStatus;
import dev.allot.core.model.Score;
import dev.allot.core.model.ShareBound;
import dev.allot.core.model.ShareRelation;
import dev.allot.core.model.UsagePolicy;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Fluent test data: {@code lab().gpus("H100", 1.0, 64, 8).project("a", "exploratory").ask(8, 16, 32).build()}. */
final class LabBuilder {
    private final List<GpuType> types = new ArrayList<>();
    private final List<Pool> pools = new ArrayList<>();
    private final Set<String> categories = new LinkedHashSet<>();
    private final List<Project> projects = new ArrayList<>();
    private final List<Ask> asks = new ArrayList<>();
    private final List<Score> scores = new ArrayList<>();
    private final List<Pin> pins = new ArrayList<>();
    private final List<DeciderOverride> overrides = new ArrayList<>();
    private final Map<ProjectId, Allocation> previous = new LinkedHashMap<>();
    private final Map<ProjectId, Double> used = new LinkedHashMap<>();
    private UsagePolicy usage = UsagePolicy.DEFAULTS;
    private double reserve = 0;
    private final List<ShareBound> bounds = new ArrayList<>();
    private final List<ShareRelation> relations = new ArrayList<>();
    private double maxChange = 10;
    private Granularity granularity = Granularity.NODE;
    private boolean plannerMayKill;
    private NoAsk noAsk = NoAsk.KEEP;
    private String current;
    private final List<dev.allot.core.model.CapacityEvent> events = new ArrayList<>();
    private int noticeDays = 14;
    private dev.allot.core.model.JobShapes jobShapes = dev.allot.core.model.JobShapes.WARN;

    static LabBuilder lab() {
        return new LabBuilder();
    }

    LabBuilder gpus(String type, double speed, int gpus, int perNode) {
        types.add(new GpuType(GpuTypeId.of(type), speed));
        pools.add(new Pool(type.toLowerCase() + "-pool", "main", GpuTypeId.of(type), gpus, perNode));
        return this;
    }

    /** A capacity event of the pool of {@code type} (named {@code <type>-pool}). */
    LabBuilder event(dev.allot.core.model.CapacityEvent event) {
        events.add(event);
        return this;
    }

    LabBuilder noticeDays(int days) {
        noticeDays = days;
        return this;
    }

    LabBuilder reserve(double fraction) {
        reserve = fraction;
        return this;
    }

    LabBuilder maxChange(double fraction) {
        maxChange = fraction;
        return this;
    }

    LabBuilder plannerMayKill() {
        plannerMayKill = true;
        return this;
    }

    LabBuilder noAsk(NoAsk rule) {
        noAsk = rule;
        return this;
    }

    LabBuilder granularity(Granularity value) {
        granularity = value;
        return this;
    }

    LabBuilder share(String category, double min, double max) {
        categories.add(category);
        bounds.add(new ShareBound(CategoryId.of(category), min, max));
        return this;
    }

    LabBuilder relation(String left, double factor, String right) {
        categories.add(left);
        categories.add(right);
        relations.add(new ShareRelation(CategoryId.of(left), factor, CategoryId.of(right)));
        return this;
    }

    LabBuilder project(String id, String category) {
        categories.add(category);
        projects.add(
                new Project(ProjectId.of(id), id, CategoryId.of(category), "lead", List.of(), ProjectStatus.ACTIVE));
        current = id;
        return this;
    }

    LabBuilder status(ProjectStatus status) {
        Project last = projects.remove(projects.size() - 1);
        projects.add(new Project(last.id(), last.name(), last.category(), last.lead(), last.members(), status));
        return this;
    }

    /** Ask of the current project, any GPU type. */
    LabBuilder ask(int floor, int target, int ceiling, String... types) {
        Set<GpuTypeId> accepted = new LinkedHashSet<>();
        for (String type : types) {
            accepted.add(GpuTypeId.of(type));
        }
        asks.add(new Ask(ProjectId.of(current), floor, target, ceiling, accepted, Map.of(), ""));
        return this;
    }

    LabBuilder askWithSpeed(int floor, int target, int ceiling, String type, double factor) {
        asks.add(new Ask(
                ProjectId.of(current),
                floor,
                target,
                ceiling,
                Set.of(GpuTypeId.of(type)),
                Map.of(GpuTypeId.of(type), factor),
                ""));
        return this;
    }

    /** The job shape of the current project's ask: its largest job, on the given types (none: any it accepts). */
    LabBuilder jobShape(int largestJobGpus, String... types) {
        Set<GpuTypeId> runsOn = new LinkedHashSet<>();
        for (String type : types) {
            runsOn.add(GpuTypeId.of(type));
        }
        Ask last = asks.remove(asks.size() - 1);
        asks.add(last.withJobShape(java.util.Optional.of(new dev.allot.core.model.JobShape(largestJobGpus, runsOn))));
        return this;
    }

    LabBuilder jobShapes(dev.allot.core.model.JobShapes setting) {
        jobShapes = setting;
        return this;
    }

    LabBuilder priority(int score) {
        scores.add(new Score(ProjectId.of(current), "reviewer", score, ""));
        return this;
    }

    LabBuilder had(String type, int gpus) {
        previous.put(ProjectId.of(current), Allocation.of(type, gpus));
        return this;
    }

    /** The fraction of its previous grant the current project used last cycle. */
    LabBuilder used(double fraction) {
        used.put(ProjectId.of(current), fraction);
        return this;
    }

    LabBuilder usage(UsagePolicy rule) {
        usage = rule;
        return this;
    }

    LabBuilder pin(String type, int gpus) {
        pins.add(new Pin(ProjectId.of(current), Allocation.of(type, gpus), "deciders"));
        return this;
    }

    LabBuilder kill() {
        overrides.add(new DeciderOverride(ProjectId.of(current), DeciderOverride.Action.KILL, "deciders"));
        return this;
    }

    LabBuilder fund() {
        overrides.add(new DeciderOverride(ProjectId.of(current), DeciderOverride.Action.FUND, "deciders"));
        return this;
    }

    Lab build() {
        List<PastCycle> history =
                previous.isEmpty() ? List.of() : List.of(new PastCycle(CycleId.of("2026-11"), previous, used));
        Policy policy = Policy.defaults()
                .edit()
                .reserveFraction(reserve)
                .shareBounds(bounds)
                .relations(relations)
                .maxChangeFraction(maxChange)
                .granularity(granularity)
                .plannerMayKill(plannerMayKill)
                .usage(usage)
                .noAsk(noAsk)
                .yieldNoticeDays(noticeDays)
                .jobShapes(jobShapes)
                .build();
        return Lab.builder()
                .name("test")
                .cycle(CycleId.of("2026-12"))
                .cycleStart(LocalDate.of(2026, 12, 1))
                .gpuTypes(types)
                .pools(pools)
                .categories(categories.stream()
                        .map(c -> new Category(CategoryId.of(c), ""))
                        .toList())
                .projects(projects)
                .asks(asks)
                .scores(scores)
                .policy(policy)
                .pins(pins)
                .overrides(overrides)
                .history(history)
                .capacityEvents(events)
                .build();
    }

    /** The model the planner writes for a lab, for tests that look inside it. */
    static AllocationModel model(Lab lab) {
        List<PlanningPeriod> periods = PlanningPeriod.of(lab);
        return new AllocationModel(
                lab, periods, Planner.gather(lab, periods.get(0).fleet()), ValueModel.targetThenDiminishing());
    }
}
