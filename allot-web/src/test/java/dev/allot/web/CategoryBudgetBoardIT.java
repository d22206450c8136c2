package dev.allot.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.allot.application.Application;
import dev.allot.core.model.Budget;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.ProjectId;
import dev.allot.store.Actor;
import dev.allot.store.Role;
import dev.allot.store.TestLabs;
import dev.allot.store.UsageDay;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A category's GPU-hour budget on the board at phone width: its burn-down line and a badge on each of its projects. */
class CategoryBudgetBoardIT {
    private static final Actor DANA = new Actor("dana", Role.DECIDER);
    private static final GpuTypeId H100 = GpuTypeId.of("H100");

    @Test
    void aSpentCategoryBudgetIsShownWithItsBurnDownAndFlagsItsProjectsAt390Px() {
        Lab lab = TestLabs.shaped(12, 2)
                .build()
                .withBudgets(List.of(new Budget(CategoryId.of("exploratory"), H100, 1000)));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (WebFixture web = WebFixture.of(lab)) {
            Application.over(web.server.store)
                    .usage()
                    .record(
                            List.of(
                                    new UsageDay(ProjectId.of("project-0"), H100, today, 600),
                                    new UsageDay(ProjectId.of("project-4"), H100, today, 600)),
                            DANA);
            Page page = web.signedIn(Role.DECIDER);
            Browser.resize(page, 390, 844);

            page.navigate(web.server.url("/board"));

            assertThat(page.getByTestId("category-budgets"))
                    .containsText("category exploratory H100: 1,200 of 1,000 GPU-hours used, spent " + today);
            assertThat(page.locator("[data-testid=budget-runs-out]").first())
                    .containsText("category exploratory H100 budget spent " + today);
            assertThat(Browser.pageWidth(page)).isLessThanOrEqualTo(390);
            Browser.screenshot(page, "board-category-budget-phone");
            page.context().close();
        }
    }
}
