package dev.allot.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.JobShape;
import dev.allot.core.model.Lab;
import dev.allot.core.model.ProjectId;
import dev.allot.store.Role;
import dev.allot.store.TestLabs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The largest job on the ask form in the browser: refused at its field, then saved, at laptop and phone width. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobShapeFormIT {
    private Browser browser;
    private UiServer server;
    private String led;

    @BeforeAll
    void start() {
        Lab lab = TestLabs.shaped(12, 2).build();
        led = lab.projects().get(0).id().value();
        browser = Browser.launch();
        server = new UiServer(lab);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aLeadGivesTheLargestJobAndItsTypesAfterABadOneIsRefusedAtItsField() {
        Page page = browser.signedIn(server, server.tokens.get(Role.LEAD));
        Browser.resize(page, 1440, 900);
        page.navigate(server.url("/projects/" + led + "/ask"));
        Locator asked = page.locator("input[name=gpuTypes]");
        for (int i = 0; i < asked.count(); i++) {
            asked.nth(i).uncheck();
        }
        Locator shape = page.getByTestId("job-shape");
        shape.locator("input[name=largestJob]").fill("0");
        shape.locator("input[name=jobGpuTypes][value=H100]").check();
        page.getByText("Save the ask").click();

        assertThat(page.getByTestId("form-errors")).isVisible();
        assertThat(page.getByTestId("job-shape").locator("small.error").first())
                .containsText("largestJob: the largest job of project " + led + " must be a whole number of GPUs");
        assertThat(page.getByTestId("job-shape").locator("input[name=jobGpuTypes][value=H100]"))
                .isChecked();

        page.getByTestId("job-shape").locator("input[name=largestJob]").fill("16");
        page.getByText("Save the ask").click();
        page.waitForURL(url -> url.contains("/projects/" + led) && !url.contains("/ask"));

        assertThat(server.store
                        .reviews()
                        .ask(server.lab.cycle(), ProjectId.of(led))
                        .orElseThrow()
                        .value()
                        .ask()
                        .jobShape())
                .contains(new JobShape(16, java.util.Set.of(GpuTypeId.of("H100"))));

        Browser.resize(page, 390, 844);
        page.navigate(server.url("/projects/" + led + "/ask"));
        assertThat(page.getByTestId("job-shape").locator("input[name=largestJob]"))
                .hasValue("16");
        assertThat(Browser.pageWidth(page)).isLessThanOrEqualTo(390);
        page.getByTestId("job-shape").scrollIntoViewIfNeeded();
        Browser.screenshot(page, "ask-job-shape-phone");
        page.context().close();
    }
}
