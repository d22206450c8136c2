package dev.allot.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import dev.allot.application.Application;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.evidence.DemoEvidence;
import dev.allot.evidence.EvidenceSeries;
import dev.allot.lab.DemoLab;
import dev.allot.store.Actor;
import dev.allot.store.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Evidence in the browser: the review page lists every project's evidence beside the review (reviewers without the
 * draft, deciders with the proposed grant's prediction), and a lead adds evidence from the web form, where a bad
 * file lists every problem and stores nothing; others are refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EvidencePagesIT {
    private static final Actor DANA = new Actor("dana", Role.DECIDER);
    private static final String BAD_CSV = """
            metric,compute,compute_unit,value,direction,visibility
            heldout-pass-rate,100,gpu-hours,0.31,higher,private
            heldout-pass-rate,-200,gpu-hours,0.35,higher,private
            heldout-pass-rate,400,parsecs,0.38,higher,private
            heldout-pass-rate,800,gpu-hours,abc,higher,private
            """;

    private WebFixture web;
    private UiServer server;
    private Map<ProjectId, EvidenceSeries> evidence;
    private Project led;

    @BeforeAll
    void start() {
        web = WebFixture.of(DemoLab.generate(42));
        server = web.server;
        evidence = DemoEvidence.generate(server.lab, 42);
        Application application = web.application();
        evidence.forEach((project, series) ->
                application.evidence().store(server.lab.cycle(), project, List.of(series), Actor.system("test")));
        web.solvedDraft();
        led = server.lab.projects().get(0);
    }

    @AfterAll
    void stop() {
        if (web != null) {
            web.close();
        }
    }

    @Test
    @Order(1)
    void reviewersSeeEveryProjectsEvidenceAndDecidersAlsoWhatTheProposedGrantPredicts() {
        Page reviewer = web.signedIn(Role.REVIEWER);
        reviewer.navigate(server.url("/review"));
        // The review page fetches the evidence once the reader scrolls to it, a page of 100 series at a time.
        assertThat(reviewer.locator("[data-testid=evidence-summary]")).hasCount(0);
        reviewer.evaluate("document.getElementById('evidence-h').scrollIntoView()");
        Locator rows = reviewer.locator("[data-testid=evidence-summary] tbody tr");
        // The first request fits every series (the page's navigation used to wait for that): as long as a load may.
        assertThat(rows)
                .hasCount(
                        Math.min(100, evidence.size()),
                        new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions().setTimeout(30_000));
        assertThat(reviewer.getByTestId("review-evidence"))
                .containsText(evidence.size() + " series" + (evidence.size() > 100 ? ", 1–100 shown" : ""));
        reviewer.navigate(server.url("/review/evidence?size=250"));
        assertThat(rows).hasCount(evidence.size());
        assertThat(reviewer.locator(
                        "[data-testid=evidence-summary] th", new Page.LocatorOptions().setHasText("Proposed")))
                .hasCount(0);
        reviewer.context().close();

        Page page = web.signedIn(Role.DECIDER);
        Browser.resize(page, 1400, 900);
        page.navigate(server.url("/review"));
        page.evaluate("document.getElementById('evidence-h').scrollIntoView()");
        assertThat(page.locator("[data-testid=evidence-summary] th", new Page.LocatorOptions().setHasText("Proposed")))
                .hasCount(1);
        Locator fitted = page.locator("[data-testid=evidence-summary] tbody tr")
                .filter(new Locator.FilterOptions().setHas(page.locator(".fit-fitted")))
                .first();
        assertThat(fitted.locator("svg[role=img]"))
                .hasAttribute(
                        "aria-label",
                        java.util.regex.Pattern.compile(
                                "validation-loss \\(.*\\), \\d+ points: .* fitted; now predicts .*"));
        assertThat(fitted.locator("svg circle.grant")).not().hasCount(0);
        page.evaluate("document.getElementById('evidence-h').scrollIntoView()");
        Browser.screenshot(page, "review-evidence");

        Browser.resize(page, 390, 844);
        page.reload();
        page.evaluate("document.getElementById('evidence-h').scrollIntoView()");
        assertThat(page.locator("[data-testid=evidence-summary]")).hasCount(1);
        page.evaluate("document.getElementById('evidence-h').scrollIntoView()");
        assertThat(Browser.pageWidth(page)).isLessThanOrEqualTo(390);
        Browser.screenshot(page, "review-evidence-phone");
        page.context().close();
    }

    @Test
    @Order(2)
    void aLeadAddsEvidenceFromTheWebAfterABadFileListsEveryProblemAndStoresNothing() {
        int before = series(led).size();
        Page page = web.signedIn(Role.LEAD);
        Browser.resize(page, 1400, 900);
        page.navigate(server.url("/projects/" + led.id().value()));
        page.getByTestId("add-evidence").click();
        page.getByLabel("…or paste its text").fill(BAD_CSV);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import evidence"))
                .click();

        Locator problems = page.getByTestId("file-problems");
        assertThat(problems).containsText("3 problems in the pasted text; nothing was imported.");
        assertThat(problems.locator("li")).hasCount(3);
        assertThat(problems).containsText("line 3, column compute: must be greater than 0 (value: -200)");
        assertThat(problems).containsText("line 4, column compute_unit");
        assertThat(problems).containsText("line 5, column value: is not a number (value: abc)");
        assertThat(page.getByLabel("…or paste its text")).hasValue(BAD_CSV.strip());
        assertThat(series(led)).hasSize(before);
        Browser.screenshot(page, "evidence-form-errors");
        Browser.resize(page, 390, 844);
        assertThat(Browser.pageWidth(page)).isLessThanOrEqualTo(390);
        Browser.screenshot(page, "evidence-form-phone");
        Browser.resize(page, 1400, 900);

        page.getByLabel("…or paste its text")
                .fill(BAD_CSV.replace("-200", "200")
                        .replace("parsecs", "gpu-hours")
                        .replace("abc", "0.40"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import evidence"))
                .click();
        assertThat(page.getByTestId("imported"))
                .containsText("Imported 1 series from web form (pasted) into cycle "
                        + server.lab.cycle().value() + ": heldout-pass-rate (4 points).");
        assertThat(series(led)).hasSize(before + 1);
        page.context().close();
    }

    @Test
    @Order(3)
    void anLmEvalFileIsUploadedWithTheComputeItDoesNotRecord() throws Exception {
        Path file = Path.of("..", "..", "shared", "data", "lm-eval", "cpu_regression_expected.json")
                .toAbsolutePath()
                .normalize();
        Path shared = Path.of("/work/shared/data/lm-eval/cpu_regression_expected.json");
        Path found = Files.isReadable(file) ? file : shared;
        Assumptions.assumeTrue(Files.isReadable(found), "lm-eval test file absent at " + shared + "; upload not tried");
        Page page = web.signedIn(Role.ADMIN);
        page.navigate(server.url("/projects/" + led.id().value() + "/evidence"));
        page.locator("#file")
                .setInputFiles(
                        new FilePayload("cpu_regression_expected.json", "application/json", Files.readAllBytes(found)));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import evidence"))
                .click();
        assertThat(page.locator("#compute-error")).containsText("compute: '' is not a positive number.");

        page.locator("#file")
                .setInputFiles(
                        new FilePayload("cpu_regression_expected.json", "application/json", Files.readAllBytes(found)));
        page.getByLabel("…or paste its text").fill("");
        page.locator("#compute").fill("1200");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import evidence"))
                .click();
        assertThat(page.getByTestId("imported")).containsText("from cpu_regression_expected.json into cycle");
        page.context().close();
    }

    @Test
    @Order(4)
    void reviewersViewersAndOtherLeadsAreRefusedEvenWhenForgingTheForm() {
        Page reviewer = web.signedIn(Role.REVIEWER);
        APIResponse form =
                reviewer.request().get(server.url("/projects/" + led.id().value() + "/evidence"));
        assertThat(form.status()).isEqualTo(403);
        reviewer.navigate(server.url("/projects/" + led.id().value()));
        assertThat(reviewer.getByTestId("add-evidence")).hasCount(0);
        reviewer.context().close();

        Project other = server.lab.projects().stream()
                .filter(p -> !p.lead().equals(led.lead()))
                .findFirst()
                .orElseThrow();
        int before = series(other).size();
        Page lead = web.signedIn(Role.LEAD);
        lead.navigate(server.url("/projects/" + led.id().value() + "/evidence"));
        String csrf = lead.locator("#main form input[name=csrf]").inputValue();
        APIResponse forged = lead.request()
                .post(
                        server.url("/projects/" + other.id().value() + "/evidence"),
                        RequestOptions.create()
                                .setMultipart(FormData.create()
                                        .set("csrf", csrf)
                                        .set("format", "csv")
                                        .set(
                                                "content",
                                                BAD_CSV.replace("-200", "200")
                                                        .replace("parsecs", "gpu-hours")
                                                        .replace("abc", "0.40"))));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.text())
                .contains("does not lead project " + other.id().value())
                .doesNotContain("line 3");
        assertThat(series(other)).hasSize(before);
        lead.context().close();
    }

    private List<EvidenceSeries> series(Project project) {
        return Application.over(server.store).evidence().series(server.lab.cycle(), project.id());
    }
}
