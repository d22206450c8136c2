package dev.allot.sim;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.CapacityEvent;
import dev.allot.core.model.Category;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Decision;
import dev.allot.core.model.Explanation;
import dev.allot.core.model.GpuType;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.PlacedBlock;
import dev.allot.core.model.Plan;
import dev.allot.core.model.PlanPeriod;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fluent builder of a small lab and a plan over it, for simulator tests. */
public final class TestLab {
    private final List<GpuType> types = new ArrayList<>();
    private final List<Pool> pools = new ArrayList<>();
    private final List<Project> projects = new ArrayList<>();
    private final List<ProjectPlan> lines = new ArrayList<>();
    private final List<CapacityEvent> events = new ArrayList<>();
    private final List<PlacedBlock> blocks = new ArrayList<>();
    /** Later periods: first day (from the cycle start) to the grants that change on it, project by project. */
    private final java.util.TreeMap<Integer, Map<String, String>> laterGrants = new java.util.TreeMap<>();

    /** The first day of the cycle: second 0 of every test trace. */
    public static final LocalDate CYCLE_START = LocalDate.of(2026, 12, 1);

    public static TestLab lab() {
        return new TestLab();
    }

    public TestLab type(String name, double speed) {
        types.add(new GpuType(GpuTypeId.of(name), speed));
        return this;
    }

    /** A pool of {@code gpus} GPUs of the type, {@code perNode} per node. */
    public TestLab pool(String type, int gpus, int perNode) {
        pools.add(new Pool(type.toLowerCase() + "-" + pools.size(), "main", GpuTypeId.of(type), gpus, perNode));
        return this;
    }

    /** A project with a grant written like {@code A100:4 H100:8} (or empty for none). */
    public TestLab project(String id, String category, String grant) {
        Allocation allocation = allocation(grant);
        ProjectId projectId = ProjectId.of(id);
        projects.add(new Project(projectId, id, CategoryId.of(category), "lead", List.of(), ProjectStatus.ACTIVE));
        lines.add(new ProjectPlan(
                projectId,
                CategoryId.of(category),
                5,
                Allocation.NONE,
                allocation,
                allocation.isEmpty() ? Decision.DECLINED : Decision.NEW,
                allocation.totalGpus(),
                1,
                Optional.empty(),
                new Explanation("test", List.of(), Map.of(), List.of())));
        return this;
    }

    /** A capacity event of the lab (pools are named {@code type-index}, e.g. {@code a100-0}). */
    public TestLab event(CapacityEvent event) {
        events.add(event);
        return this;
    }

    /** From day {@code day} of the cycle on, the plan grants the project {@code grant} (a later period). */
    public TestLab grantFrom(int day, String project, String grant) {
        laterGrants.computeIfAbsent(day, d -> new LinkedHashMap<>()).put(project, grant);
        return this;
    }

    /** A reserved block placed by the plan: days {@code [startDay, endDay)} of the cycle. */
    public TestLab block(String project, String type, int gpus, int startDay, int endDay) {
        blocks.add(new PlacedBlock(
                ProjectId.of(project),
                GpuTypeId.of(type),
                gpus,
                CYCLE_START.plusDays(startDay),
                CYCLE_START.plusDays(endDay)));
        return this;
    }

    public static LocalDate day(int day) {
        return CYCLE_START.plusDays(day);
    }

    private static Allocation allocation(String grant) {
        Map<GpuTypeId, Integer> gpus = new LinkedHashMap<>();
        for (String part : grant.split(" ")) {
            if (!part.isBlank()) {
                String[] typeAndCount = part.split(":");
                gpus.put(GpuTypeId.of(typeAndCount[0]), Integer.parseInt(typeAndCount[1]));
            }
        }
        return new Allocation(gpus);
    }

    /** The plan's periods: none without later grants, else one from the cycle start and one per later grant day. */
    private List<PlanPeriod> periods(Lab lab) {
        if (laterGrants.isEmpty()) {
            return List.of();
        }
        List<Integer> starts = new ArrayList<>(List.of(0));
        starts.addAll(laterGrants.keySet());
        Map<ProjectId, Allocation> grants = new LinkedHashMap<>();
        lines.forEach(line -> grants.put(line.project(), line.grant()));
        List<PlanPeriod> periods = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            laterGrants
                    .getOrDefault(starts.get(k), Map.of())
                    .forEach((project, grant) -> grants.put(ProjectId.of(project), allocation(grant)));
            LocalDate from = day(starts.get(k));
            LocalDate until = k + 1 < starts.size() ? day(starts.get(k + 1)) : lab.cycleEnd();
            periods.add(new PlanPeriod(
                    from, until, lab.capacityGpusOn(from), lab.capacityGpusOn(from), new LinkedHashMap<>(grants)));
        }
        return periods;
    }

    public Lab buildLab() {
        List<Category> categories =
                List.of(new Category(CategoryId.of("exploratory"), ""), new Category(CategoryId.of("product"), ""));
        return Lab.builder()
                .name("test-lab")
                .cycle(CycleId.of("2026-12"))
                .cycleStart(CYCLE_START)
                .gpuTypes(types)
                .pools(pools)
                .categories(categories)
                .projects(projects)
                .policy(Policy.defaults())
                .capacityEvents(events)
                .build();
    }

    public Plan buildPlan() {
        Lab lab = buildLab();
        return Plan.builder()
                .cycle(lab.cycle())
                .projects(lines)
                .capacityGpus(lab.capacityGpus())
                .allocatableGpus(lab.capacityGpus())
                .solve(new SolveReport(SolveReport.Status.OPTIMAL, 0, 0, 0, Duration.ZERO, "test", 0))
                .periods(periods(lab))
                .blocks(blocks)
                .build();
    }
}
