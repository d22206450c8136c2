package dev.allot.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.allot.lab.DemoLab;
import dev.allot.store.Actor;
import dev.allot.store.Role;
import org.junit.jupiter.api.Test;

/**
 * The publish page keeps its draft's guard-rail check until the store changes, and never longer: a decider opens
 * the publish page of a solved draft, the draft then changes behind the page (both sides of a category relation
 * killed, re-solved), and the page names the new warning; an approval shows at once too.
 */
class PublishGuardIT {
    @Test
    void thePublishPageSeesTheWarningOfAChangedDraft() {
        try (WebFixture web = WebFixture.of(DemoLab.generate(42))) {
            web.solvedDraft();
            Page page = web.signedIn(Role.DECIDER);
            page.navigate(web.server.url("/review/publish"));
            assertThat(page.getByTestId("approvals")).containsText("Approvals: 0 of");
            assertThat(page.getByTestId("warning-vacuous-relation")).hasCount(0);
            page.reload();
            assertThat(page.getByTestId("warning-vacuous-relation")).hasCount(0);

            VacuousRelationIT.killBothSides(web);
            Actor decider = web.actor(Role.DECIDER);
            int version = web.application()
                    .drafts()
                    .solve(web.cycle(), decider, null)
                    .draft()
                    .version();

            page.navigate(web.server.url("/review/publish"));
            assertThat(page.getByRole(
                            com.microsoft.playwright.options.AriaRole.HEADING,
                            new Page.GetByRoleOptions().setName("Publish draft v" + version + " of cycle")))
                    .isVisible();
            assertThat(page.getByTestId("warning-vacuous-relation"))
                    .containsText("A category relation holds only because both sides get nothing");

            page.getByRole(
                            com.microsoft.playwright.options.AriaRole.BUTTON,
                            new Page.GetByRoleOptions().setName("Approve draft v" + version))
                    .click();
            assertThat(page.getByTestId("approvers")).containsText("approved at");
            assertThat(page.getByTestId("approvals")).containsText("Approvals: 1 of");
            assertThat(page.getByTestId("warning-vacuous-relation")).hasCount(1);
            assertThat(web.server.store.plans().latestPublished(web.cycle())).isEmpty();
            page.context().close();
        }
    }
}
