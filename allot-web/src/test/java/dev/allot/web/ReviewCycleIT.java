package dev.allot.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.evidence.ComputeCurveFitter;
import dev.allot.evidence.DemoEvidence;
import dev.allot.evidence.EvidenceSeries;
import dev.allot.lab.DemoLab;
import dev.allot.store.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A whole review cycle of the 300-project demo lab in a real browser, one role at a time: the lead files an ask, a
 * decider opens review, a reviewer scores, the decider drafts, pins, kills, re-solves and publishes after seeing the
 * changes; a viewer is offered no forms and is refused when forcing one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReviewCycleIT {
    private WebFixture web;
    private UiServer server;
    private Project led;
    private Project pinned;
    private Project killed;

    @BeforeAll
    void start() {
        web = WebFixture.of(DemoLab.generate(42));
        server = web.server;
        led = server.lab.projects().get(0);
        List<Project> funded = server.lab.projects().stream()
                .skip(1)
                .filter(p -> server.lab.previousGrant(p.id()).totalGpus() > 0)
                .filter(p -> server.lab.asksByProject().containsKey(p.id()))
                .filter(p -> !server.lab.pinsByProject().containsKey(p.id()))
                .filter(p -> !server.lab.overridesByProject().containsKey(p.id()))
                .limit(2)
                .toList();
        pinned = funded.get(0);
        killed = funded.get(1);
    }

    @AfterAll
    void stop() {
        if (web != null) {
            web.close();
        }
    }

    @Test
    @Order(1)
    void leadFilesAnAskAndARefusedFormKeepsEverythingTyped() {
        Page page = web.signedIn(Role.LEAD);
        page.navigate(server.url("/projects/" + led.id().value()));
        page.getByText("Edit the ask").click();
        page.getByLabel("Floor GPUs").fill("64");
        page.getByLabel("Target GPUs").fill("32");
        page.getByLabel("Ceiling GPUs").fill("16");
        page.getByLabel("Justification").fill("Scale the retrieval model to 7B parameters.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the ask"))
                .click();

        assertThat(page.getByTestId("form-errors")).containsText("nothing was saved");
        assertThat(page.locator("#floor-error"))
                .hasText("floor: Ask floor (64 GPUs) of project " + led.id().value()
                        + " exceeds its ceiling (16). Maybe swap floor and ceiling?");
        assertThat(page.getByLabel("Floor GPUs")).hasValue("64");
        assertThat(page.getByLabel("Justification")).hasValue("Scale the retrieval model to 7B parameters.");
        Browser.screenshot(page, "ask-form-errors");

        page.getByLabel("Floor GPUs").fill("8");
        page.getByLabel("Ceiling GPUs").fill("48");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the ask"))
                .click();
        assertThat(page.getByTestId("ask")).containsText("Floor 8, target 32, ceiling 48 GPUs");

        page.navigate(server.url("/projects/" + pinned.id().value()));
        assertThat(page.getByText("Edit the ask")).hasCount(0);
        page.context().close();
    }

    @Test
    @Order(2)
    void deciderOpensTheReview() {
        Page page = web.signedIn(Role.DECIDER);
        page.navigate(server.url("/review"));
        WebFixture.moveCycleTo(page, "review");
        assertThat(page.getByTestId("state")).hasText("review");
        page.context().close();
    }

    @Test
    @Order(3)
    void reviewerScoresAfterFixingTheForm() {
        Page page = web.signedIn(Role.REVIEWER);
        page.navigate(server.url("/projects/" + led.id().value()));
        page.getByText("Score this project").click();
        page.getByLabel("Score (1").fill("11");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the score"))
                .click();
        assertThat(page.locator("#score-error"))
                .hasText("score: '11' is not a whole number from 1 to 10. Maybe 5" + " for an average project?");
        assertThat(page.locator("#comment-error")).containsText("comment: empty");

        page.getByLabel("Score (1").fill("9");
        page.getByLabel("Comment").fill("Clear milestones; the 1B run already beat the baseline.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the score"))
                .click();
        assertThat(page.getByTestId("scores")).containsText("9/10 by rui: Clear milestones");
        page.context().close();
    }

    @Test
    @Order(4)
    void deciderDraftsPinsKillsResolvesAndPublishesAfterSeeingTheChanges() {
        Page page = web.signedIn(Role.DECIDER);
        page.navigate(server.url("/review"));
        WebFixture.moveCycleTo(page, "draft");
        assertThat(page.getByTestId("notice")).containsText("Solved draft v1");
        assertThat(page.getByTestId("solver")).containsText("gap");

        setSafetyMinimum(page, "95");
        assertThat(page.getByTestId("error")).containsText("The policy cannot be met");
        assertThat(page.getByText("· draft v1")).isVisible();
        page.locator("input[name='min.exploratory']").fill("70");
        setSafetyMinimum(page, "40");
        assertThat(page.getByTestId("error"))
                .hasText("min: share minimums add up to more than 100 % (value: 110%). Maybe lower some minimums?");
        page.locator("input[name='min.exploratory']").fill("");
        setSafetyMinimum(page, "5");
        assertThat(page.getByTestId("notice")).containsText("Saved the policy; re-solved draft v2");

        adjust(page, pinned.id(), "pin", "24");
        assertThat(page.getByTestId("notice"))
                .containsText("Saved the change to " + pinned.id().value() + "; re-solved draft v3");
        assertThat(page.locator("#d-" + pinned.id().value())).containsText("pin");
        assertThat(page.locator("#d-" + pinned.id().value())).containsText("24");

        adjust(page, killed.id(), "kill", "0");
        assertThat(page.getByTestId("notice")).containsText("re-solved draft v4");
        assertThat(page.locator("#d-" + killed.id().value() + " .badge.d-kill")).hasText("kill");
        page.navigate(server.url("/review"));
        Browser.screenshot(page, "review");

        page.getByText("Publish…").click();
        assertThat(page.getByTestId("publish-diff")).containsText(killed.id().value());
        assertThat(page.getByTestId("approvers")).hasText("Nobody has approved this draft yet.");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish plan")))
                .isDisabled();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve draft v4"))
                .click();
        assertThat(page.getByTestId("approvers")).containsText("approved at");
        Browser.screenshot(page, "approvals");
        Locator reasons = page.locator("input[name^='ack.']");
        for (int i = 0; i < reasons.count(); i++) {
            reasons.nth(i).fill("Seen in the portfolio meeting");
        }
        if (reasons.count() > 0) {
            page.getByTestId("guard-rails").scrollIntoViewIfNeeded();
            Browser.screenshot(page, "guard-rails");
        }
        Browser.screenshot(page, "publish-confirmation");
        page.getByLabel("Note for the record").fill("Approved in the portfolio meeting");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish plan"))
                .click();
        assertThat(page.getByTestId("notice")).hasText("Published plan version 1.");
        assertThat(page.getByTestId("state")).hasText("published");
        assertThat(server.store
                        .plans()
                        .latestPublished(server.lab.cycle())
                        .orElseThrow()
                        .plan()
                        .project(killed.id())
                        .orElseThrow()
                        .grant()
                        .totalGpus())
                .isZero();
        page.context().close();
    }

    @Test
    @Order(5)
    void viewerIsOfferedNoFormsAndAForgedActionIsRefused() {
        Page page = web.signedIn(Role.VIEWER);
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Cycle review")))
                .hasCount(0);
        assertThat(page.locator("form[method=post]:not([action='/logout'])")).hasCount(0);
        page.navigate(server.url("/projects/" + led.id().value()));
        assertThat(page.locator("a[href*='/ask'], a[href*='/score']")).hasCount(0);
        assertThat(page.getByTestId("explanation")).containsText("in the published v1");

        String csrf = page.locator("input[name=csrf]").first().inputValue();
        APIResponse forged = page.request()
                .post(
                        server.url("/review/adjust"),
                        RequestOptions.create()
                                .setForm(FormData.create()
                                        .set("csrf", csrf)
                                        .set("project", led.id().value())
                                        .set("action", "kill")));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.text()).contains("Role viewer may not pin, override, solve or publish");
        assertThat(server.store.reviews().overrides(server.lab.cycle()))
                .noneMatch(o -> o.project().equals(led.id()));

        APIResponse review = page.request().get(server.url("/review"));
        assertThat(review.status()).isEqualTo(403);
        APIResponse missing = page.request().get(server.url("/projects/no-such-project"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.headers().get("content-type")).startsWith("text/html");
        assertThat(missing.text())
                .contains("Project no-such-project does not exist. Maybe search for it on the board?");
        page.context().close();
    }

    @Test
    @Order(6)
    void aFormWithoutItsSecurityTokenIsRefusedEvenForADecider() {
        Page page = web.signedIn(Role.DECIDER);
        APIResponse forged = page.request()
                .post(
                        server.url("/review/adjust"),
                        RequestOptions.create()
                                .setForm(FormData.create()
                                        .set("csrf", "forged")
                                        .set("project", led.id().value())
                                        .set("action", "kill")));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.text()).contains("csrf: the form's security token is missing or belongs to another session");
        page.context().close();
    }

    @Test
    @Order(7)
    void boardFiltersAndTotalsFollowTheFilter() {
        Page page = web.signedIn(Role.DECIDER);
        int projects = server.lab.projects().size();
        int pageSize = BoardFilter.PAGE_SIZES.get(0);
        assertThat(page.locator("table.board tbody tr")).hasCount(Math.min(projects, pageSize));
        Browser.screenshot(page, "board");
        if (projects > pageSize) {
            // A page of rows at a time; the next page continues the order and the totals still count every project.
            String firstOfPageOne = page.locator("table.board tbody tr").first().getAttribute("id");
            page.getByTestId("pager").getByText("Next →").click();
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*page=2.*"));
            assertThat(page.locator("table.board tbody tr")).hasCount(Math.min(projects - pageSize, pageSize));
            assertThat(page.locator("table.board tbody tr").first().getAttribute("id"))
                    .isNotEqualTo(firstOfPageOne);
            assertThat(page.getByTestId("totals")).containsText("Total (" + projects + " projects)");
            page.navigate(server.url("/board"));
        }
        Browser.resize(page, 1440, 900);
        assertThat(Browser.pageWidth(page)).isLessThanOrEqualTo(1440);
        assertUsedColumnReachableAndSortable(page);
        page.navigate(server.url("/board"));
        long kills = server.store.plans().draft(server.lab.cycle()).orElseThrow().plan().projects().stream()
                .filter(line -> line.decision() == dev.allot.core.model.Decision.KILL)
                .count();
        page.getByLabel("Decision").selectOption("kill");
        assertThat(page.locator("table.board tbody tr")).hasCount((int) kills);
        assertThat(page.locator("#p-" + killed.id().value())).isVisible();
        assertThat(page.getByTestId("totals")).containsText("Total (" + kills + " projects)");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*decision=kill.*"));
        page.navigate(server.url("/projects/" + pinned.id().value()));
        Browser.screenshot(page, "project");
        page.navigate(server.url("/cluster"));
        assertThat(page.getByTestId("types"))
                .containsText(server.lab.gpuTypes().get(0).id().value());
        Browser.screenshot(page, "cluster");
        page.context().close();
    }

    @Test
    @Order(8)
    void atPhoneWidthTheBoardDoesNotScrollSidewaysAndSignOutShows() {
        Page page = web.signedIn(Role.DECIDER);
        Browser.resize(page, 390, 844);
        page.navigate(server.url("/board"));
        assertThat(page.locator("table.board tbody tr").first()).isVisible();

        assertThat(Browser.pageWidth(page)).isLessThanOrEqualTo(390);
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")))
                .isInViewport();
        Browser.screenshot(page, "board-phone");
        assertUsedColumnReachableAndSortable(page);
        assertThat(Browser.pageWidth(page)).isLessThanOrEqualTo(390);
    }

    /** The "Used" header scrolls into view (inside the table's box at phone width) and sorts idle grants first. */
    private static void assertUsedColumnReachableAndSortable(Page page) {
        Locator used = page.locator("table.board thead th", new Page.LocatorOptions().setHasText("Used"));
        used.scrollIntoViewIfNeeded();
        assertThat(used).isInViewport();
        used.locator("a").click();
        page.waitForURL("**sort=used**");
        page.locator("table.board thead th", new Page.LocatorOptions().setHasText("Used"))
                .locator("a")
                .click();
        page.waitForURL("**dir=asc**");
        Locator first = page.locator("table.board tbody tr").first().locator("td.used");
        assertThat(first).containsText("%");
        assertThat(first.locator(".badge.idle")).hasText("idle grant");
    }

    @Test
    @Order(10)
    void theDashboardDrawsEveryChartBesideItsTableAtLaptopAndPhoneWidth() {
        Page page = web.signedIn(Role.VIEWER);
        Browser.resize(page, 1440, 900);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Dashboard"))
                .click();
        page.waitForURL("**/dashboard");

        assertThat(page.locator("section[data-testid^=figure-]")).hasCount(6);
        assertThat(page.locator("section[data-testid^=figure-] table")).hasCount(6);
        // Charts below the fold are drawn as they are scrolled to.
        page.getByTestId("figure-decisions").scrollIntoViewIfNeeded();
        assertThat(page.locator("[data-testid=figure-decisions] .chart svg")).hasCount(1);
        assertThat(page.locator("[data-testid=figure-decisions] tbody tr"))
                .hasCount(server.lab.history().size() + 1);
        assertThat(Browser.pageWidth(page)).isLessThanOrEqualTo(1440);
        page.evaluate("window.scrollTo(0, 0)");
        Browser.screenshot(page, "dashboard");
        APIResponse csv = page.request().get(server.url("/dashboard.csv"));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().get("content-type")).startsWith("text/csv");
        assertThat(csv.text()).startsWith("figure,row,column,value\n").contains("\ndecisions,");

        Browser.resize(page, 390, 844);
        page.reload();
        page.getByTestId("figure-shares").scrollIntoViewIfNeeded();
        assertThat(page.locator("[data-testid=figure-shares] .chart svg")).hasCount(1);
        assertThat(Browser.pageWidth(page)).isLessThanOrEqualTo(390);
        page.evaluate("window.scrollTo(0, 0)");
        Browser.screenshot(page, "dashboard-phone");
        page.context().close();
    }

    @Test
    @Order(9)
    void aProjectPageDrawsItsEvidenceCurveBesideATable() {
        Map<ProjectId, EvidenceSeries> evidence = DemoEvidence.generate(server.lab, 42);
        ComputeCurveFitter fitter = new ComputeCurveFitter(0, 1);
        EvidenceSeries fitted = evidence.values().stream()
                .filter(series -> fitter.fit(series).usable())
                .findFirst()
                .orElseThrow();
        dev.allot.application.Application.over(server.store)
                .evidence()
                .store(server.lab.cycle(), fitted.project(), List.of(fitted), dev.allot.store.Actor.system("test"));
        Page page = web.signedIn(Role.DECIDER);

        page.navigate(server.url("/projects/" + fitted.project().value()));

        assertThat(page.getByTestId("fit-message")).containsText("fitted");
        page.getByTestId("evidence").scrollIntoViewIfNeeded();
        assertThat(page.locator("[data-testid=evidence] .chart svg")).hasCount(1);
        Browser.screenshot(page, "evidence");
        page.context().close();
    }

    private static void setSafetyMinimum(Page page, String percent) {
        page.locator("input[name='min.safety']").fill(percent);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save policy and re-solve"))
                .click();
    }

    private void adjust(Page page, ProjectId project, String action, String gpus) {
        page.locator("#adjust-project").fill(project.value());
        server.lab.asksByProject().get(project).gpuTypes().stream()
                .findFirst()
                .ifPresent(type -> page.locator("#adjust-type").selectOption(type.value()));
        page.locator("#adjust-action").selectOption(action);
        page.locator("#adjust-gpus").fill(gpus);
        page.locator("#adjust-reason").fill("portfolio meeting");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save and re-solve"))
                .click();
    }
}
