package dev.allot.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.allot.application.Application;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Policy;
import dev.allot.evidence.DemoEvidence;
import dev.allot.lab.DemoLab;
import dev.allot.store.Actor;
import dev.allot.store.Role;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The review page of the 300-project demo lab with a draft, in a real browser: the decisions come a page at a time
 * like the board's rows, and the policy form edits relations, per-type reserves and the evidence value settings,
 * each refused value shown at its field.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyDetailsAndPagingIT {
    private WebFixture web;
    private UiServer server;

    @BeforeAll
    void start() {
        web = WebFixture.of(DemoLab.generate(42));
        server = web.server;
        Application application = web.application();
        DemoEvidence.generate(server.lab, 42)
                .forEach((project, series) -> application
                        .evidence()
                        .store(server.lab.cycle(), project, java.util.List.of(series), Actor.system("test")));
        web.solvedDraft();
    }

    @AfterAll
    void stop() {
        if (web != null) {
            web.close();
        }
    }

    @Test
    void theDecisionsComeAPageAtATimeAndALinkToAProjectOpensItsPage() {
        Page page = web.signedIn(Role.DECIDER);
        int projects = server.store
                .plans()
                .draft(server.lab.cycle())
                .orElseThrow()
                .plan()
                .projects()
                .size();
        Locator rows = page.locator("table[data-testid=decisions] tbody tr");
        page.navigate(server.url("/review"));

        assertThat(rows).hasCount(100);
        assertThat(page.locator("table[data-testid=decisions] caption"))
                .hasText(projects + " projects · rows 1–100 (page 1 of " + (projects + 99) / 100
                        + "), highest priority first");
        String first = rows.first().getAttribute("id");
        Locator pager = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Decision pages"));
        pager.getByText("Next →").click();
        assertThat(page).hasURL(Pattern.compile(".*page=2.*"));
        assertThat(rows).hasCount(Math.min(100, projects - 100));
        assertThat(rows.first().getAttribute("id")).isNotEqualTo(first);
        pager.getByText("← Previous").click();
        assertThat(rows.first()).hasAttribute("id", first);
        pager.getByText("250").click();
        assertThat(rows).hasCount(Math.min(250, projects));

        String last = server.store.plans().draft(server.lab.cycle()).orElseThrow().plan().projects().stream()
                .sorted(java.util.Comparator.comparingDouble(dev.allot.core.model.ProjectPlan::priority)
                        .thenComparing(line -> line.project().value(), java.util.Comparator.reverseOrder()))
                .findFirst()
                .orElseThrow()
                .project()
                .value();
        page.navigate(server.url("/review?project=" + last + "#d-" + last));
        assertThat(page.locator("#d-" + last)).isVisible();
        // The decisions are drawn only when near the screen; a link to a row still scrolls to it.
        assertThat(page.locator("#d-" + last)).isInViewport();
        assertThat(page.locator("table[data-testid=decisions] caption"))
                .containsText("page " + (projects + 99) / 100 + " of");
        page.context().close();
    }

    @Test
    void theFormEditsRelationsPerTypeReservesAndEvidenceValueAndShowsEachProblemAtItsField() {
        Page page = web.signedIn(Role.DECIDER);
        page.navigate(server.url("/review"));
        String type = server.lab.gpuTypes().get(0).id().value();

        page.getByLabel("Category relations, one per line").fill("exploratory >= product\nsafety >= 5%");
        page.getByLabel(type + " reserve, GPUs").fill("999999");
        page.getByLabel("Cycle length, hours").fill("0");
        save(page);

        assertThat(page.getByTestId("error")).containsText("relations: is not a relation");
        Locator relations = page.getByLabel("Category relations, one per line");
        assertThat(relations).hasAttribute("aria-invalid", "true");
        assertThat(relations).hasValue("exploratory >= product\nsafety >= 5%");
        assertThat(page.locator("#policy-relations-error"))
                .hasText("relations: is not a relation of the form 'a >= b' or 'a >= factor * b'. Maybe put a"
                        + " minimum share under shares, e.g. safety: {min: 5%}?");
        assertThat(page.getByTestId("field-error")).hasCount(2);
        page.getByTestId("policy-details").scrollIntoViewIfNeeded();
        Browser.screenshot(page, "policy-details-errors");

        page.getByLabel("Category relations, one per line").fill("exploratory >= 1.5 * product");
        page.getByLabel("Cycle length, hours").fill("336");
        save(page);
        assertThat(page.getByTestId("field-error")).hasCount(1);
        assertThat(page.getByTestId("field-error"))
                .containsText("reserveGpus." + type + ": reserves more GPUs than the lab has of " + type);

        page.getByLabel(type + " reserve, GPUs").fill("16");
        page.getByLabel("Worth of one unit of metric for exploratory").fill("500");
        save(page);
        assertThat(page.getByTestId("notice")).containsText("Saved the policy; re-solved draft v2");
        Policy policy = server.store.cycles().get(server.lab.cycle()).value().policy();
        assertThat(policy.relations()).extracting(Object::toString).containsExactly("exploratory >= 1.5 * product");
        assertThat(policy.reserveGpus()).containsEntry(GpuTypeId.of(type), 16);
        assertThat(policy.value().cycleHours()).isEqualTo(336);
        assertThat(policy.value().worthPerCategory()).containsEntry(CategoryId.of("exploratory"), 500.0);
        assertThat(page.getByTestId("relation")).hasText(Pattern.compile("exploratory >= 1.5 \\* product.*"));

        Browser.resize(page, 390, 844);
        page.getByTestId("policy-details").scrollIntoViewIfNeeded();
        assertThat(Browser.pageWidth(page)).isLessThanOrEqualTo(390);
        Browser.screenshot(page, "policy-details-phone");
        page.context().close();
    }

    private static void save(Page page) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save policy and re-solve"))
                .click();
    }

    @Test
    void aDeciderSeesWhichProjectsTheTwoValueModelsGrantDifferentlyAndAReviewerMayNot() {
        Actor dana = web.actor(Role.DECIDER);
        Application application = web.application();
        java.util.Map<CategoryId, Double> worth = new java.util.TreeMap<>();
        server.lab.categories().forEach(category -> worth.put(category.id(), 500.0));
        application
                .cycles()
                .editPolicy(
                        server.lab.cycle(),
                        policy -> policy.edit()
                                .value(new dev.allot.core.model.ValuePolicy(
                                        policy.value().basis(),
                                        720,
                                        DemoEvidence.FLOP_PER_GPU_HOUR,
                                        worth,
                                        java.util.Map.of()))
                                .build(),
                        null,
                        dana);
        var comparison = application.drafts().compareValueModels(server.lab.cycle(), dana);
        assertThat(comparison.differences()).isNotEmpty();
        Page page = web.signedIn(Role.DECIDER);
        page.navigate(server.url("/review"));

        page.getByTestId("value-models-link").click();

        assertThat(page.getByTestId("value-models-summary"))
                .hasText(comparison.differences().size() + " of "
                        + comparison.byWeights().projects().size() + " projects are granted differently.");
        var largest = comparison.differences().get(0);
        Locator first =
                page.locator("[data-testid=value-model-differences] tbody tr").first();
        assertThat(first).containsText(largest.project().value());
        assertThat(first).containsText(largest.byEvidence().toString());
        assertThat(page.locator("[data-testid=value-model-differences] tbody tr"))
                .hasCount(comparison.differences().size());
        Browser.screenshot(page, "value-models");
        Browser.resize(page, 390, 844);
        assertThat(Browser.pageWidth(page)).isLessThanOrEqualTo(390);
        Browser.screenshot(page, "value-models-phone");
        page.context().close();

        Page reviewer = web.signedIn(Role.REVIEWER);
        var refused = reviewer.navigate(server.url("/review/value-models"));
        assertThat(refused.status()).isEqualTo(403);
        reviewer.context().close();
    }
}
