package dev.allot.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Budget;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.SolveReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The optional {@code budgets} member of the plan document: written, valid against the schema, read back. */
class PlanDocumentBudgetsTest {
    private static final SolveReport SOLVE =
            new SolveReport(SolveReport.Status.OPTIMAL, 1, 1, 0, Duration.ofMillis(5), "scip", 42);

    private static Plan plan(List<Budget> budgets) {
        return Plan.builder()
                .cycle(CycleId.of("2026-12"))
                .capacityGpus(Map.of(GpuTypeId.of("H100"), 64))
                .allocatableGpus(Map.of(GpuTypeId.of("H100"), 64))
                .solve(SOLVE)
                .budgets(budgets)
                .build();
    }

    @Test
    void budgetsAreWrittenValidAndReadBack() {
        Plan plan = plan(List.of(new Budget(ProjectId.of("vision-rl"), GpuTypeId.of("H100"), 30_000)));

        String json = PlanDocument.json(plan);

        assertThat(json).contains("\"budgets\"").contains("\"gpuHours\" : 30000.0");
        assertThat(PlanSchema.validate(json)).isEmpty();
        assertThat(PlanDocument.read(json, "test").budgets()).isEqualTo(plan.budgets());
        assertThat(PlanDocument.read(PlanDocument.yaml(plan), "test").budgets()).isEqualTo(plan.budgets());
    }

    @Test
    void categoryBudgetsAreWrittenValidAndReadBack() {
        Plan plan = plan(List.of(
                new Budget(dev.allot.core.model.CategoryId.of("product"), GpuTypeId.of("H100"), 20_000),
                new Budget(ProjectId.of("vision-rl"), GpuTypeId.of("H100"), 30_000)));

        String json = PlanDocument.json(plan);

        assertThat(json).contains("\"category\" : \"product\"");
        assertThat(PlanSchema.validate(json)).isEmpty();
        assertThat(PlanDocument.read(json, "test").budgets()).isEqualTo(plan.budgets());
        assertThat(PlanDocument.read(PlanDocument.yaml(plan), "test").budgets()).isEqualTo(plan.budgets());
        assertThat(PlanSchema.validate(json.replace(
                        "\"category\" : \"product\"", "\"category\" : \"product\", \"project\" : \"vision-rl\"")))
                .as("a budget of both a project and a category")
                .isNotEmpty();
    }

    @Test
    void aPlanWithoutBudgetsHasNoBudgetsMember() {
        String json = PlanDocument.json(plan(List.of()));

        assertThat(json).doesNotContain("budgets");
        assertThat(PlanDocument.read(json, "test").budgets()).isEmpty();
    }

    @Test
    void theSchemaRefusesANegativeBudget() {
        String json = PlanDocument.json(plan(List.of(new Budget(ProjectId.of("p"), GpuTypeId.of("H100"), 5))))
                .replace("5.0", "-5.0");

        assertThat(PlanSchema.validate(json)).isNotEmpty();
    }
}
