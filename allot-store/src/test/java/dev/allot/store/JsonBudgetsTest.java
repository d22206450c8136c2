package dev.allot.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Budget;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.ProjectId;
import org.junit.jupiter.api.Test;

/** Budgets in stored JSON (plans, audit entries): a category's round-trips, a project's keeps its old spelling. */
class JsonBudgetsTest {
    @Test
    void aProjectBudgetKeepsItsStoredSpellingAndACategoryBudgetRoundTrips() {
        Budget project = new Budget(ProjectId.of("vision-rl"), GpuTypeId.of("H100"), 30_000);
        Budget category = new Budget(CategoryId.of("product"), GpuTypeId.of("H100"), 20_000.5);

        assertThat(Json.write(project))
                .isEqualTo("{\"project\":\"vision-rl\",\"gpuType\":\"H100\",\"gpuHours\":30000.0}");
        assertThat(Json.read(Json.write(category), Budget.class)).isEqualTo(category);
        assertThat(Json.read("{\"project\":\"vision-rl\",\"gpuType\":\"H100\",\"gpuHours\":30000}", Budget.class))
                .isEqualTo(project);
    }
}
