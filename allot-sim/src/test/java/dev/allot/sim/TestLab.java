package dev.allot.sim;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fluent builder of a small lab and a plan over it, for simulator tests. */
public final class TestLab {
    private final List<GpuType> types = new ArrayList<>();
    private final List<Pool> pools = new ArrayList<>();
    private final List<Project> projects = new ArrayList<>();
    private final List<ProjectPlan> lines = new ArrayList<>();

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
        Map<GpuTypeId, Integer> gpus = new LinkedHashMap<>();
        for (String part : grant.split(" ")) {
            if (!part.isBlank()) {
                String[] typeAndCount = part.split(":");
                gpus.put(GpuTypeId.of(typeAndCount[0]), Integer.parseInt(typeAndCount[1]));
            }
        }
        Allocation allocation = new Allocation(gpus);
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

    public Lab buildLab() {
        List<Category> categories =
                List.of(new Category(CategoryId.of("exploratory"), ""), new Category(CategoryId.of("product"), ""));
        return new Lab(
                "test-lab",
                CycleId.of("2026-12"),
                LocalDate.of(2026, 12, 1),
                types,
                pools,
                categories,
                projects,
                List.of(),
                List.of(),
                Policy.defaults(),
                List.of(),
                List.of(),
                List.of());
    }

    public Plan buildPlan() {
        Lab lab = buildLab();
        return new Plan(
                lab.cycle(),
                lines,
                lab.capacityGpus(),
                lab.capacityGpus(),
                Map.of(),
                new SolveReport(SolveReport.Status.OPTIMAL, 0, 0, 0, Duration.ZERO, "test", 0));
    }
}
