package dev.allot.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import dev.allot.lab.DemoLab;
import dev.allot.store.Role;
import org.junit.jupiter.api.Test;

/**
 * The catastrophic publish in a real browser: the demo lab under a careless policy (99 % reserve, the planner allowed
 * to kill, no pins) drafts a plan that kills nearly every project and idles nearly the whole fleet. The publish dialog
 * must name the mass kill and the idle capacity, and neither the browser nor a forged form may publish it until the
 * decider gives a reason for every guard rule.
 */
class CatastrophicPublishIT {
    @Test
    void theCarelessDraftShowsItsGuardRailsAndCannotBePublishedWithoutAReasonForEach() {
        try (WebFixture web = WebFixture.of(DemoLab.careless(DemoLab.generate(42)))) {
            UiServer server = web.server;
            Page page = web.signedIn(Role.DECIDER);
            page.navigate(server.url("/review"));
            WebFixture.moveCycleTo(page, "review");
            WebFixture.moveCycleTo(page, "draft");
            assertThat(page.getByTestId("notice")).containsText("Solved draft v1");

            page.getByText("Publish…").click();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve draft v1"))
                    .click();
            assertThat(page.getByTestId("approvers")).containsText("approved at");
            assertThat(page.getByTestId("warning-mass-kill")).containsText("Many projects killed");
            assertThat(page.getByTestId("warning-idle-capacity")).containsText("GPUs left idle beyond the reserve");
            Browser.screenshot(page, "guard-rails-catastrophic");

            // The browser will not send the form while a reason is missing...
            Locator reasons = page.locator("input[name^='ack.']");
            assertThat(reasons.count()).isGreaterThanOrEqualTo(2);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish plan"))
                    .click();
            assertThat(reasons.first().evaluate("input => input.validity.valueMissing"))
                    .isEqualTo(true);
            assertThat(server.store.plans().latestPublished(server.lab.cycle())).isEmpty();

            // ...and the server refuses a form sent without them, naming the rules that have no reason.
            String csrf = page.locator("input[name='csrf']").first().inputValue();
            APIResponse forged = page.request()
                    .post(
                            server.url("/review/publish"),
                            RequestOptions.create()
                                    .setForm(FormData.create()
                                            .set("csrf", csrf)
                                            .set("draft", "1")
                                            .set("note", "no reasons")));
            assertThat(forged.text()).contains("mass-kill", "idle-capacity", "Nothing was published");
            assertThat(server.store.plans().latestPublished(server.lab.cycle())).isEmpty();

            for (int i = 0; i < reasons.count(); i++) {
                reasons.nth(i).fill("A deliberate wind-down, agreed by both leaders");
            }
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish plan"))
                    .click();
            assertThat(page.getByTestId("notice")).hasText("Published plan version 1.");
            assertThat(server.store.plans().latestPublished(server.lab.cycle())).isPresent();
            page.context().close();
        }
    }
}
