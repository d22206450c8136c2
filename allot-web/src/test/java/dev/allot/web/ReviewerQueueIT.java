package dev.allot.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.allot.application.Application;
import dev.allot.application.PublishCheck;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Pin;
import dev.allot.core.model.Project;
import dev.allot.lab.DemoLab;
import dev.allot.store.Actor;
import dev.allot.store.CycleState;
import dev.allot.store.Role;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The reviewer's queue and the lead's page in a real browser: a decider deals the projects out round-robin, the
 * reviewer lands on their queue and scores one, the progress bars follow; after a re-solve the review page lists what
 * changed; after publishing, the lead of a shrinking project reads the decision in plain words, the yield date and
 * (the policy sharing them) the reviewer's comment. Both pages at 1440 and 390 px.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReviewerQueueIT {
    private static final String COMMENT = "Strong scaling evidence; the shrink is a pity.";

    private WebFixture web;
    private UiServer server;
    private Application application;
    private CycleId cycle;
    private Actor decider;
    private Project shrinking;
    private GpuTypeId type;
    private int previousGpus;
    private int pinnedGpus;

    @BeforeAll
    void start() {
        web = WebFixture.of(DemoLab.generate(42));
        server = web.server;
        application = web.application();
        cycle = web.cycle();
        decider = web.actor(Role.DECIDER);
        application
                .cycles()
                .editPolicy(cycle, p -> p.edit().commentsShared(true).build(), null, decider);
        web.inReview();
        shrinking = server.lab.projects().stream()
                .filter(p -> server.lab.asksByProject().containsKey(p.id()))
                .filter(p -> !server.lab.pinsByProject().containsKey(p.id()))
                .filter(p -> !server.lab.overridesByProject().containsKey(p.id()))
                .filter(p -> {
                    Allocation was = server.lab.previousGrant(p.id());
                    return was.gpus().size() == 1 && was.totalGpus() >= 32 && was.totalGpus() % 16 == 0;
                })
                .findFirst()
                .orElseThrow();
        Allocation was = server.lab.previousGrant(shrinking.id());
        type = was.gpus().keySet().iterator().next();
        previousGpus = was.totalGpus();
    }

    @AfterAll
    void stop() {
        if (web != null) {
            web.close();
        }
    }

    @Test
    @Order(1)
    void deciderDealsTheProjectsOutRoundRobin() {
        Page page = web.signedIn(Role.DECIDER);
        page.navigate(server.url("/review"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Assign round-robin by category"))
                .click();
        assertThat(page.getByTestId("notice")).hasText("Saved the reviewer assignments.");
        assertThat(page.getByTestId("progress-row")).containsText("rui");
        assertThat(page.getByTestId("progress-row")).containsText("0.0%");
        page.context().close();
    }

    @Test
    @Order(2)
    void reviewerLandsOnTheQueueScoresAndSeesTheProgress() {
        Page page = web.signedIn(Role.REVIEWER);
        assertThat(page).hasURL(server.url("/queue"));
        int assigned = page.getByTestId("queue-row").count();
        assertThat(assigned)
                .isEqualTo(application.assignments().assignedTo(cycle, "rui").size())
                .isPositive();
        assertThat(page.getByTestId("my-progress")).containsText("Scored 0 of " + assigned);

        page.navigate(server.url("/projects/" + shrinking.id().value() + "/score"));
        page.getByLabel("Score (1").fill("8");
        page.getByLabel("Comment").fill(COMMENT);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the score"))
                .click();
        page.navigate(server.url("/queue"));
        assertThat(page.getByTestId("my-progress")).containsText("Scored 1 of " + assigned);
        assertThat(page.getByTestId("scored")).hasText("8/10");
        // Scored projects go last; the first row is one still to score.
        assertThat(page.getByTestId("queue-row").first().getByTestId("not-scored"))
                .isVisible();
        assertThat(page.getByTestId("queue-row").first()).containsText("evidence series");
        atBothWidths(page, "reviewer-queue");
        page.context().close();
    }

    @Test
    @Order(3)
    void theReviewPageListsWhatTheReSolveChanged() {
        application.cycles().transition(cycle, CycleState.DRAFT, null, decider);
        int first = application
                .drafts()
                .solve(cycle, decider, null)
                .plan()
                .project(shrinking.id())
                .orElseThrow()
                .grant()
                .totalGpus();
        // A shrink the first draft did not already make, so the re-solve changes this project.
        pinnedGpus = first == previousGpus / 2 ? previousGpus / 2 + 8 : previousGpus / 2;
        application
                .reviews()
                .pin(
                        cycle,
                        new Pin(shrinking.id(), new Allocation(Map.of(type, pinnedGpus)), "hand back some"),
                        decider);
        application.drafts().solve(cycle, decider, null);

        Page page = web.signedIn(Role.DECIDER);
        page.navigate(server.url("/review"));
        assertThat(page.getByTestId("resolve-changes")).containsText("changed against the previous draft");
        assertThat(page.getByTestId("resolve-row")
                        .filter(new com.microsoft.playwright.Locator.FilterOptions()
                                .setHasText(shrinking.id().value())))
                .containsText(type.value() + ":" + pinnedGpus);
        assertThat(page.getByTestId("progress-row")).containsText("rui");
        page.context().close();
    }

    @Test
    @Order(4)
    void theLeadReadsTheDecisionInPlainWordsWithTheYieldDateAndTheComment() {
        PublishCheck check = application.approvals().approve(cycle, null, decider);
        Map<String, String> reasons = new LinkedHashMap<>();
        check.warnings().forEach(w -> reasons.put(w.rule().code(), "Seen in the portfolio meeting"));
        application.approvals().publish(cycle, check.draftVersion(), reasons, "", decider);
        String lead = shrinking.lead();
        String token = server.store
                .tokens()
                .create(lead, Role.LEAD, "test", Actor.system("test"))
                .token();

        Page page = web.browser.signedIn(server, token);
        page.navigate(server.url("/projects/" + shrinking.id().value()));
        assertThat(page.getByTestId("decision-words"))
                .containsText(shrinking.name() + " shrinks from " + previousGpus + " to " + pinnedGpus + " "
                        + type.value() + " by ");
        assertThat(page.getByTestId("yield-date")).containsText("must fit in " + pinnedGpus + " " + type.value());
        assertThat(page.getByTestId("shared-comments")).containsText("8/10: " + COMMENT);
        assertThat(page.getByTestId("shared-comments")).not().containsText("rui");
        atBothWidths(page, "lead-page");
        page.context().close();
    }

    /** Screenshots at 1440 and 390 px; at 390 px the page must not scroll sideways. */
    private static void atBothWidths(Page page, String name) {
        Browser.resize(page, 1440, 900);
        Browser.screenshot(page, name);
        Browser.resize(page, 390, 844);
        assertThat(Browser.pageWidth(page)).isLessThanOrEqualTo(390);
        Browser.screenshot(page, name + "-phone");
    }
}
