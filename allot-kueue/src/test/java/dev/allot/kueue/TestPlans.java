package dev.allot.kueue;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.Ask;
import dev.allot.core.model.Category;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Decision;
import dev.allot.core.model.Explanation;
import dev.allot.core.model.GpuType;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.PastCycle;
import dev.allot.core.model.Plan;
import dev.allot.core.model.Policy;
import dev.allot.core.model.Pool;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.model.ProjectStatus;
import dev.allot.core.model.ShareBound;
import dev.allot.core.model.SolveReport;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/** Fluent test data: a lab and the plan drafted for it, built side by side. */
final class TestPlans {
    static final LocalDate CYCLE_START = LocalDate.of(2026, 12, 1);
    static final LocalDate YIELD_BY = LocalDate.of(2026, 12, 15);

    private final List<GpuType> types = new ArrayList<>();
    private final List<Pool> pools = new ArrayList<>();
    private final Set<CategoryId> categories = new LinkedHashSet<>();
    private final List<Project> projects = new ArrayList<>();
    private final List<Ask> asks = new ArrayList<>();
    private final List<ProjectPlan> lines = new ArrayList<>();
    private final Map<ProjectId, Allocation> previous = new LinkedHashMap<>();
    private final List<ShareBound> bounds = new ArrayList<>();
    private final List<dev.allot.core.model.PlacedBlock> blocks = new ArrayList<>();

    static TestPlans lab() {
        return new TestPlans();
    }

    TestPlans gpuType(String id, double speed, int gpus) {
        types.add(new GpuType(GpuTypeId.of(id), speed));
        pools.add(new Pool("pool-" + id.toLowerCase(java.util.Locale.ROOT), "main", GpuTypeId.of(id), gpus, 8));
        return this;
    }

    /** A GPU type whose pools are added one by one with {@link #pool}. */
    TestPlans gpuType(String id, double speed) {
        types.add(new GpuType(GpuTypeId.of(id), speed));
        return this;
    }

    TestPlans pool(String name, String cluster, String type, int gpus, Map<String, String> nodeLabels) {
        pools.add(new Pool(name, cluster, GpuTypeId.of(type), gpus, 8, nodeLabels));
        return this;
    }

    TestPlans minShare(String category, double share) {
        bounds.add(new ShareBound(CategoryId.of(category), share, 1.0));
        return this;
    }

    /** A project with its previous grant and its new grant; the decision and yield date follow from the two. */
    TestPlans project(String id, String category, Allocation before, Allocation after) {
        Decision decision = Decision.between(before, after);
        boolean yields = decision == Decision.SHRINK || decision == Decision.KILL;
        return project(id, category, before, after, yields ? Optional.of(YIELD_BY) : Optional.empty(), Set.of());
    }

    TestPlans project(
            String id,
            String category,
            Allocation before,
            Allocation after,
            Optional<LocalDate> yieldBy,
            Set<String> acceptedTypes) {
        ProjectId project = ProjectId.of(id);
        CategoryId categoryId = CategoryId.of(category);
        categories.add(categoryId);
        projects.add(new Project(project, id, categoryId, "lead-" + id, List.of("lead-" + id), ProjectStatus.ACTIVE));
        Set<GpuTypeId> accepted = new LinkedHashSet<>();
        acceptedTypes.forEach(type -> accepted.add(GpuTypeId.of(type)));
        asks.add(new Ask(
                project,
                0,
                after.totalGpus(),
                Math.max(after.totalGpus(), before.totalGpus()),
                accepted,
                Map.of(),
                ""));
        previous.put(project, before);
        lines.add(new ProjectPlan(
                project,
                categoryId,
                5.0,
                before,
                after,
                Decision.between(before, after),
                after.totalGpus(),
                after.totalGpus(),
                yieldBy,
                new Explanation("test", List.of(), Map.of(), List.of())));
        return this;
    }

    /** A reserved block of a project, placed in the plan: GPUs of a type on the days {@code [start, end)}. */
    TestPlans block(String project, String type, int gpus, LocalDate start, LocalDate end) {
        blocks.add(new dev.allot.core.model.PlacedBlock(ProjectId.of(project), GpuTypeId.of(type), gpus, start, end));
        return this;
    }

    /** Changes a project's status in the lab (e.g. killed in an earlier cycle). */
    TestPlans status(String id, ProjectStatus status) {
        projects.replaceAll(project -> project.id().value().equals(id)
                ? new Project(
                        project.id(), project.name(), project.category(), project.lead(), project.members(), status)
                : project);
        return this;
    }

    Lab build() {
        Policy policy = Policy.defaults().edit().shareBounds(bounds).build();
        return Lab.builder()
                .name("test-lab")
                .cycle(CycleId.of("2026-12"))
                .cycleStart(CYCLE_START)
                .gpuTypes(types)
                .pools(pools)
                .categories(categories.stream().map(id -> new Category(id, "")).toList())
                .projects(projects)
                .asks(asks)
                .policy(policy)
                .history(List.of(new PastCycle(CycleId.of("2026-10"), previous, Map.of())))
                .build();
    }

    Plan plan() {
        Lab lab = build();
        return Plan.builder()
                .cycle(lab.cycle())
                .projects(lines)
                .capacityGpus(lab.capacityGpus())
                .allocatableGpus(lab.capacityGpus())
                .solve(new SolveReport(SolveReport.Status.OPTIMAL, 0, 0, 0, Duration.ZERO, "test", 0))
                .blocks(blocks)
                .build();
    }

    /** Four projects that exercise every decision Kueue enforces differently. */
    static TestPlans small() {
        return lab().gpuType("H100", 1.0, 128)
                .gpuType("A100", 0.5, 64)
                .minShare("product", 0.25)
                .project("vision-rl", "exploratory", Allocation.of("H100", 32), alloc(48, 16))
                .project("llm-pretrain", "product", alloc(64, 16), alloc(48, 0))
                .project("old-agents", "exploratory", Allocation.of("A100", 16), Allocation.NONE)
                .project("new-idea", "exploratory", Allocation.NONE, Allocation.NONE, Optional.empty(), Set.of("A100"))
                .project("Safety Evals!", "safety", Allocation.NONE, Allocation.of("H100", 8));
    }

    /** A random lab of {@code count} projects over four GPU types, seeded for repeatability. */
    static TestPlans random(long seed, int count) {
        Random random = new Random(seed);
        TestPlans plans = lab().gpuType("H100", 1.0, 2048)
                .gpuType("H200", 1.4, 512)
                .gpuType("A100", 0.5, 1024)
                .gpuType("L40S", 0.3, 256)
                .minShare("safety", 0.05);
        String[] categories = {"exploratory", "product", "infrastructure", "safety"};
        String[] types = {"H100", "H200", "A100", "L40S"};
        for (int i = 0; i < count; i++) {
            Allocation before = randomAllocation(random, types);
            Allocation after = random.nextInt(10) == 0 ? Allocation.NONE : randomAllocation(random, types);
            plans.project("project-" + i, categories[random.nextInt(categories.length)], before, after);
        }
        return plans;
    }

    static Allocation alloc(int h100, int a100) {
        return new Allocation(Map.of(GpuTypeId.of("H100"), h100, GpuTypeId.of("A100"), a100));
    }

    private static Allocation randomAllocation(Random random, String[] types) {
        Map<GpuTypeId, Integer> gpus = new LinkedHashMap<>();
        for (String type : types) {
            if (random.nextInt(3) == 0) {
                gpus.put(GpuTypeId.of(type), 8 * random.nextInt(1, 9));
            }
        }
        return new Allocation(gpus);
    }
}
