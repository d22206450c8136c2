package dev.allot.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.Problem;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanRulesTest {
    private static final GpuTypeId H100 = GpuTypeId.of("H100");
    private static final Lab LAB = Lab.builder()
            .name("east")
            .cycle(CycleId.of("2027-01"))
            .cycleStart(LocalDate.of(2027, 1, 4))
            .gpuTypes(List.of(new GpuType(H100, 1.0)))
            .pools(List.of(new Pool("h100", "east", H100, 64, 8)))
            .categories(List.of(new Category(CategoryId.of("exploratory"), "")))
            .projects(List.of(new Project(
                    ProjectId.of("vision"),
                    "vision",
                    CategoryId.of("exploratory"),
                    "ada",
                    List.of(),
                    ProjectStatus.ACTIVE)))
            .policy(Policy.defaults())
            .build();

    @Test
    void aPlanOfTheLabFits() {
        assertThat(PlanRules.fit(LAB, plan("2027-01", line("vision", "exploratory", Allocation.of("H100", 32)))))
                .isEmpty();
    }

    @Test
    void everyMismatchIsNamedAtItsPathAtOnce() {
        Plan plan = plan(
                "2026-12",
                line("vision", "product", Allocation.of("H100", 48)),
                line("vision", "exploratory", Allocation.of("A100", 8)),
                line("stranger", "exploratory", Allocation.of("H100", 32)),
                line("x';drop", "exploratory", Allocation.NONE));

        List<Problem> problems = PlanRules.fit(LAB, plan);

        assertThat(problems)
                .extracting(Problem::path, Problem::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("/cycle", "2026-12"),
                        org.assertj.core.groups.Tuple.tuple("/projects/0/category", "product"),
                        org.assertj.core.groups.Tuple.tuple("/projects/1/project", "vision"),
                        org.assertj.core.groups.Tuple.tuple("/projects/1/grant/A100", "A100"),
                        org.assertj.core.groups.Tuple.tuple("/projects/2/project", "stranger"),
                        org.assertj.core.groups.Tuple.tuple("/projects/3/project", "x';drop"),
                        org.assertj.core.groups.Tuple.tuple("/grantedGpus/H100", "80"));
        assertThat(problems.get(4).reason()).isEqualTo("is no project of lab east");
        assertThat(problems.get(5).code()).isEqualTo("project-id-syntax");
        assertThat(problems.get(6).reason()).isEqualTo("exceeds the lab's 64 H100 GPUs");
    }

    private static Plan plan(String cycle, ProjectPlan... lines) {
        return Plan.builder()
                .cycle(CycleId.of(cycle))
                .projects(List.of(lines))
                .capacityGpus(Map.of(H100, 64))
                .allocatableGpus(Map.of(H100, 64))
                .solve(new SolveReport(SolveReport.Status.OPTIMAL, 0, 0, 0, Duration.ZERO, "test", 0))
                .build();
    }

    private static ProjectPlan line(String project, String category, Allocation grant) {
        return new ProjectPlan(
                ProjectId.of(project),
                CategoryId.of(category),
                1,
                Allocation.NONE,
                grant,
                Decision.between(Allocation.NONE, grant),
                grant.totalGpus(),
                0,
                Optional.empty(),
                new Explanation("", List.of(), Map.of(), List.of()));
    }
}
