package dev.allot.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.allot.application.Reviews;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.DeciderOverride;
import dev.allot.core.model.Lab;
import dev.allot.lab.DemoLab;
import dev.allot.store.Actor;
import dev.allot.store.Role;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The vacuous relation in a real browser: a draft of the demo lab in which the deciders killed every exploratory and
 * every product project (and dropped the pins), so "exploratory >= product" holds only because both sides get nothing. The review page must
 * call the relation vacuous, not met, and the publish dialog must warn about it, at laptop and phone width.
 */
class VacuousRelationIT {
    private static final Set<CategoryId> BOTH_SIDES = Set.of(CategoryId.of("exploratory"), CategoryId.of("product"));

    @Test
    void aRelationHeldByTwoEmptySidesShowsVacuousAndThePublishDialogWarnsOfIt() {
        Lab lab = DemoLab.generate(42);
        assertThat(lab.policy().relations()).extracting(Object::toString).contains("exploratory >= product");
        try (WebFixture web = WebFixture.of(lab)) {
            UiServer server = web.server;
            killBothSides(web.inReview());
            for (int width : List.of(1440, 390)) {
                Page page = web.signedIn(Role.DECIDER, width, true);
                page.navigate(server.url("/review"));
                if (width == 1440) {
                    WebFixture.moveCycleTo(page, "draft");
                    assertThat(page.getByTestId("notice")).containsText("Solved draft v1");
                }

                Locator relation = page.getByTestId("relation")
                        .filter(new Locator.FilterOptions().setHasText("exploratory >= product"));
                assertThat(relation).containsText("vacuous");
                assertThat(relation).not().containsText("met");
                relation.scrollIntoViewIfNeeded();
                Browser.screenshot(page, "vacuous-relation-" + width);

                page.getByText("Publish…").click();
                Locator warning = page.getByTestId("warning-vacuous-relation");
                assertThat(warning).containsText("A category relation holds only because both sides get nothing");
                assertThat(warning)
                        .containsText(
                                "'exploratory >= product' holds only vacuously: both exploratory and product get no"
                                        + " compute.");
                assertThat(warning.locator("input[name='ack.vacuous-relation']"))
                        .hasAttribute("required", "");
                assertThat(Browser.pageWidth(page)).isLessThanOrEqualTo(width);
                warning.scrollIntoViewIfNeeded();
                Browser.screenshot(page, "guard-rails-vacuous-" + width);
                page.context().close();
            }
            assertThat(server.store.plans().latestPublished(server.lab.cycle())).isEmpty();
        }
    }

    /** The deciders kill every exploratory and every product project, and drop the lab's pins (all of products). */
    static void killBothSides(WebFixture web) {
        Reviews reviews = web.application().reviews();
        Actor decider = web.actor(Role.DECIDER);
        web.server.lab.pins().forEach(pin -> reviews.remove(web.cycle(), "pin", pin.project(), decider));
        web.server.lab.projects().stream()
                .filter(project -> BOTH_SIDES.contains(project.category()))
                .forEach(project -> reviews.override(
                        web.cycle(),
                        new DeciderOverride(
                                project.id(), DeciderOverride.Action.KILL, "both sides of the relation wound down"),
                        decider));
    }
}
