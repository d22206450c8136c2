package dev.allot.slurm;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.Category;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Decision;
import dev.allot.core.model.Explanation;
import dev.allot.core.model.GpuType;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.Policy;
import dev.allot.core.model.Pool;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.model.ProjectStatus;
import dev.allot.core.model.SolveReport;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Fluent test data: a lab and a plan for it, built together. */
public final class PlanFixture {
    private final List<String> gpuTypes = new ArrayList<>();
    private final Set<String> categories = new LinkedHashSet<>();
    private final List<ProjectLine> projects = new ArrayList<>();

    public static PlanFixture plan(String... gpuTypes) {
        PlanFixture fixture = new PlanFixture();
        fixture.gpuTypes.addAll(List.of(gpuTypes));
        return fixture;
    }

    public PlanFixture category(String id) {
        categories.add(id);
        return this;
    }

    /** Starts a project line; later calls configure it. */
    public PlanFixture project(String id, String category) {
        categories.add(category);
        projects.add(new ProjectLine(id, category));
        return this;
    }

    public PlanFixture members(String... users) {
        last().members.addAll(List.of(users));
        return this;
    }

    public PlanFixture lead(String user) {
        last().lead = user;
        return this;
    }

    public PlanFixture name(String name) {
        last().name = name;
        return this;
    }

    public PlanFixture grant(String type, int gpus) {
        last().grant.put(GpuTypeId.of(type), gpus);
        return this;
    }

    public PlanFixture previous(String type, int gpus) {
        last().previous.put(GpuTypeId.of(type), gpus);
        return this;
    }

    public PlanFixture yieldBy(String date) {
        last().yieldBy = Optional.of(LocalDate.parse(date));
        return this;
    }

    public Lab lab() {
        List<Project> labProjects = projects.stream()
                .map(line -> new Project(
                        ProjectId.of(line.id),
                        line.name,
                        CategoryId.of(line.category),
                        line.lead,
                        line.members,
                        ProjectStatus.ACTIVE))
                .toList();
        return Lab.builder()
                .name("test-lab")
                .cycle(CycleId.of("2026-12"))
                .cycleStart(LocalDate.parse("2026-12-01"))
                .gpuTypes(gpuTypes.stream()
                        .map(type -> new GpuType(GpuTypeId.of(type), 1.0))
                        .toList())
                .pools(gpuTypes.stream()
                        .map(type -> new Pool("pool-" + type, "ci", GpuTypeId.of(type), 64, 8))
                        .toList())
                .categories(categories.stream()
                        .map(id -> new Category(CategoryId.of(id), ""))
                        .toList())
                .projects(labProjects)
                .policy(Policy.defaults())
                .build();
    }

    /** A GPU-hour budget of the last project, carried by the plan. */
    public PlanFixture budget(String type, double gpuHours) {
        budgets.add(new dev.allot.core.model.Budget(ProjectId.of(last().id), GpuTypeId.of(type), gpuHours));
        return this;
    }

    /** A GPU-hour budget of a category, summed over its projects, carried by the plan. */
    public PlanFixture categoryBudget(String category, String type, double gpuHours) {
        budgets.add(new dev.allot.core.model.Budget(CategoryId.of(category), GpuTypeId.of(type), gpuHours));
        return this;
    }

    /** A reserved block of the last project, placed in the plan: GPUs of a type on the days {@code [start, end)}. */
    public PlanFixture block(String type, int gpus, String start, String end) {
        blocks.add(new dev.allot.core.model.PlacedBlock(
                ProjectId.of(last().id), GpuTypeId.of(type), gpus, LocalDate.parse(start), LocalDate.parse(end)));
        return this;
    }

    public Plan build() {
        Map<GpuTypeId, Integer> capacity = new LinkedHashMap<>();
        gpuTypes.forEach(type -> capacity.put(GpuTypeId.of(type), 64));
        List<ProjectPlan> lines = projects.stream().map(ProjectLine::toPlan).toList();
        return Plan.builder()
                .cycle(CycleId.of("2026-12"))
                .projects(lines)
                .capacityGpus(capacity)
                .allocatableGpus(capacity)
                .solve(new SolveReport(SolveReport.Status.OPTIMAL, 0, 0, 0, Duration.ZERO, "test", 1))
                .blocks(blocks)
                .budgets(budgets)
                .build();
    }

    private final List<dev.allot.core.model.Budget> budgets = new ArrayList<>();
    private final List<dev.allot.core.model.PlacedBlock> blocks = new ArrayList<>();

    private ProjectLine last() {
        return projects.get(projects.size() - 1);
    }

    private static final class ProjectLine {
        final String id;
        final String category;
        String name;
        String lead = "";
        final List<String> members = new ArrayList<>();
        final Map<GpuTypeId, Integer> grant = new LinkedHashMap<>();
        final Map<GpuTypeId, Integer> previous = new LinkedHashMap<>();
        Optional<LocalDate> yieldBy = Optional.empty();

        ProjectLine(String id, String category) {
            this.id = id;
            this.category = category;
            this.name = id;
        }

        ProjectPlan toPlan() {
            Allocation before = new Allocation(previous);
            Allocation after = new Allocation(grant);
            return new ProjectPlan(
                    ProjectId.of(id),
                    CategoryId.of(category),
                    1.0,
                    before,
                    after,
                    Decision.between(before, after),
                    after.totalGpus(),
                    0,
                    yieldBy,
                    new Explanation("test", List.of(), Map.of(), List.of()));
        }
    }
}
