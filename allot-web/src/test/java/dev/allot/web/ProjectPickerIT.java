package dev.allot.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.allot.core.model.ProjectId;
import dev.allot.lab.DemoLab;
import dev.allot.store.AssignmentRepository;
import dev.allot.store.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The review page's project pickers (assign a reviewer; pin, kill or fund) in a real browser at phone width: a text
 * box that suggests a few projects as one types, never a list of every project; without JavaScript a misspelt id is
 * refused at the picker with the typed value, the reason and the closest ids, and a correct one is saved.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectPickerIT {
    private WebFixture web;
    private UiServer server;

    @BeforeAll
    void start() {
        web = WebFixture.of(DemoLab.generate(42)).inReview();
        server = web.server;
    }

    @AfterAll
    void stop() {
        if (web != null) {
            web.close();
        }
    }

    @Test
    void typingAskTheServerForAFewSuggestionsAndThePageListsNoProjectsUpFront() {
        Page page = web.signedIn(Role.DECIDER, 390, true);
        page.navigate(server.url("/review"));
        assertThat(page.locator("#assign-project-list option")).hasCount(0);
        assertThat(page.locator("#adjust-project-list option")).hasCount(0);
        assertThat(page.locator("select option"))
                .not()
                .hasCount(server.lab.projects().size());

        String id = server.lab.projects().get(7).id().value();
        String typed = id.substring(0, 3);
        page.locator("#assign-project").pressSequentially(typed);
        Locator options = page.locator("#assign-project-list option");
        options.first()
                .waitFor(new Locator.WaitForOptions()
                        .setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
        assertThat(options.count()).isBetween(1, ProjectPick.SUGGESTIONS);
        assertThat(options.first().getAttribute("value")).startsWith(typed);
        assertThat(Browser.pageWidth(page)).isLessThanOrEqualTo(390);
        page.locator("#assign-project").scrollIntoViewIfNeeded();
        Browser.screenshot(page, "project-picker-phone");
        Browser.resize(page, 1440, 900);
        page.locator("#assign-project").scrollIntoViewIfNeeded();
        assertThat(Browser.pageWidth(page)).isLessThanOrEqualTo(1440);
        Browser.screenshot(page, "project-picker");
        page.context().close();
    }

    @Test
    void withoutJavaScriptAMisspeltIdIsRefusedAtThePickerAndACorrectOneIsSaved() {
        Page page = web.signedIn(Role.DECIDER, 390, false);
        page.navigate(server.url("/review"));
        ProjectId project = server.lab.projects().get(3).id();
        String misspelt = project.value().substring(0, project.value().length() - 1);
        assertThat(server.lab.projects()).noneMatch(p -> p.id().value().equals(misspelt));

        page.locator("#assign-project").fill(misspelt);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save assignment"))
                .click();
        Locator error = page.getByTestId("assign-project-error");
        assertThat(error).containsText("'" + misspelt + "' is not a project of the lab");
        assertThat(error).containsText(project.value());
        assertThat(page.locator("#assign-project")).hasValue(misspelt);
        assertThat(page.locator("#assign-project")).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#assign-project-list option")).not().hasCount(0);
        assertThat(server.store.assignments().list(server.lab.cycle()))
                .noneMatch(a -> a.project().equals(project));
        page.locator("#assign-project").scrollIntoViewIfNeeded();
        Browser.screenshot(page, "project-picker-refused");

        page.locator("#assign-project").fill(project.value());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save assignment"))
                .click();
        assertThat(page.getByTestId("notice")).hasText("Saved the reviewer assignments.");
        assertThat(server.store.assignments().list(server.lab.cycle()))
                .contains(new AssignmentRepository.Assignment(project, server.users.get(Role.REVIEWER)));
        page.context().close();
    }
}
