package dev.allot.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.allot.core.model.Lab;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.lab.ScaledLab;
import dev.allot.store.Role;
import dev.allot.store.TestLabs;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The solve button in a real browser: a progress page that refreshes itself (with or without JavaScript) with the
 * elapsed time and the engine's figures, a Cancel button that stops the solve and stores nothing, and the draft once
 * the solve is done.
 */
class SolveProgressIT {
    /**
     * Proving a 1,200-project lab exactly takes the solver far longer than the test watches (the demo lab, proved in a
     * second or two since the large-lab work, finished before Cancel could be pressed): long enough to watch and
     * cancel, on a quiet machine too.
     */
    private static final Planner EXACT = Planner.create(
            PlannerOptions.defaults().withRelativeGap(0).withExplain(false).withTimeLimit(Duration.ofSeconds(300)));

    @Test
    void aLongSolveShowsItsProgressAtLaptopAndPhoneWidthAndCancelStoresNothing() {
        Lab lab = ScaledLab.ofSize(42, 1200);
        try (WebFixture web = WebFixture.of(lab, EXACT)) {
            UiServer server = web.inDraft().server;
            Page page = web.signedIn(Role.DECIDER, 1440, true);
            page.navigate(server.url("/review"));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Solve draft"))
                    .click();

            page.waitForURL(url -> url.contains("/review/solving/"));
            assertThat(page.getByTestId("phase")).containsText("searching for the best plan", contains());
            String firstElapsed = page.getByTestId("elapsed").textContent();
            page.waitForTimeout(1500);
            assertThat(page.getByTestId("elapsed")).not().hasText(firstElapsed);
            assertThat(page.getByTestId("gap")).isVisible();
            Browser.screenshot(page, "solve-progress");
            Browser.resize(page, 390, 844);
            Browser.screenshot(page, "solve-progress-phone");
            assertThat(page.getByTestId("cancel").boundingBox().width).isLessThan(390);

            page.getByTestId("cancel").click();

            assertThat(page.getByTestId("notice")).containsText("Cancelled the solve", contains());
            assertThat(server.store.plans().draft(lab.cycle())).isEmpty();
            assertThat(web.application().solveJobs().running(lab.cycle())).isEmpty();
            page.context().close();
        }
    }

    @Test
    void withoutJavaScriptThePageRefreshesItselfAndOpensTheDraftWhenDone() {
        Lab lab = TestLabs.shaped(6, 5).build();
        try (WebFixture web = WebFixture.of(lab)) {
            UiServer server = web.inDraft().server;
            Page page = web.signedIn(Role.DECIDER, 1440, false);
            page.navigate(server.url("/review"));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Solve draft"))
                    .click();

            assertThat(page.getByTestId("notice")).containsText("Solved draft v1", contains());
            assertThat(server.store.plans().draft(lab.cycle())).isPresent();
            page.context().close();
        }
    }

    private static LocatorAssertions.ContainsTextOptions contains() {
        return new LocatorAssertions.ContainsTextOptions().setTimeout(30_000);
    }
}
