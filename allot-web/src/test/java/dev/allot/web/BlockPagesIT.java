package dev.allot.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.allot.core.model.Block;
import dev.allot.core.model.CapacityEvent;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.ProjectId;
import dev.allot.core.rules.BlockRules;
import dev.allot.store.Actor;
import dev.allot.store.Role;
import dev.allot.store.TestLabs;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Reserved blocks in the browser: a lead adds one on the ask form (a bad one is refused row by row, nothing saved),
 * and after the draft solve the cluster page draws every block over the cycle beside capacity, with its table, at
 * laptop and phone width.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BlockPagesIT {
    private static final Actor DANA = new Actor("dana", Role.DECIDER);

    private WebFixture web;
    private UiServer server;
    private String led;

    @BeforeAll
    void start() {
        Lab plain = TestLabs.shaped(12, 2).build();
        LocalDate start = plain.cycleStart();
        Lab lab = plain.withCapacityEvents(
                List.of(CapacityEvent.arrival(plain.pools().get(0).name(), 128, start.plusDays(21))));
        led = lab.projects().get(0).id().value();
        web = WebFixture.of(lab.withBlocks(List.of(
                block(led, "H100", 256, 10, start.plusDays(7), start.plusDays(35)),
                block(lab.projects().get(1).id().value(), "A100", 64, 14, start, start.plusDays(28)),
                block(lab.projects().get(2).id().value(), "H100", 2048, 7, start, start.plusDays(56)))));
        server = web.server;
    }

    @AfterAll
    void stop() {
        if (web != null) {
            web.close();
        }
    }

    @Test
    @Order(1)
    void aLeadAddsABlockOnTheAskFormAfterABadOneIsRefusedAtItsRow() {
        Page page = web.signedIn(Role.LEAD);
        Browser.resize(page, 1440, 900);
        page.navigate(server.url("/projects/" + led + "/ask"));
        Locator rows = page.locator("[data-testid=block-rows] fieldset.block-row");
        assertThat(rows).hasCount(2);
        assertThat(rows.nth(0).locator("input[name=blockGpus]")).hasValue("256");

        Locator added = rows.nth(1);
        added.locator("select[name=blockGpuType]").selectOption("H100");
        added.locator("input[name=blockGpus]").fill("12");
        added.locator("input[name=blockDays]").fill("5");
        added.locator("input[name=blockEarliestStart]").fill("2026-12-01");
        added.locator("input[name=blockLatestEnd]").fill("2026-12-03");
        page.getByText("Save the ask").click();

        assertThat(page.getByTestId("form-errors")).isVisible();
        Locator refused =
                page.locator("[data-testid=block-rows] fieldset.block-row").nth(1);
        assertThat(refused.locator("small.error")).hasCount(2);
        assertThat(refused.locator("small.error").first()).containsText("blocks[1].gpus: is not a whole number");
        assertThat(refused.locator("input[name=blockGpus]")).hasValue("12");
        assertThat(server.store.blocks().list(server.lab.cycle())).hasSize(3);
        refused.scrollIntoViewIfNeeded();
        Browser.screenshot(page, "ask-blocks-errors");

        refused.locator("input[name=blockGpus]").fill("16");
        refused.locator("input[name=blockLatestEnd]").fill("2026-12-17");
        page.getByText("Save the ask").click();
        page.waitForURL(url -> url.contains("/projects/" + led) && !url.contains("/ask"));

        assertThat(page.locator("[data-testid=project-blocks] tbody tr")).hasCount(2);
        assertThat(server.store
                        .blocks()
                        .of(server.lab.cycle(), ProjectId.of(led))
                        .value())
                .hasSize(2)
                .last()
                .isEqualTo(block(led, "H100", 16, 5, LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 17)));

        Browser.resize(page, 390, 844);
        page.navigate(server.url("/projects/" + led + "/ask"));
        assertThat(Browser.pageWidth(page)).isLessThanOrEqualTo(390);
        page.locator("[data-testid=block-rows]").scrollIntoViewIfNeeded();
        Browser.screenshot(page, "ask-blocks-phone");
        page.context().close();
    }

    @Test
    @Order(2)
    void aSaveWhoseBlocksWereChangedMeanwhileIsRefusedWholeAndLeavesTheAskAsItWas() {
        Page page = web.signedIn(Role.LEAD);
        page.navigate(server.url("/projects/" + led + "/ask"));
        ProjectId project = ProjectId.of(led);
        var askBefore = server.store.reviews().ask(server.lab.cycle(), project).orElseThrow();
        // Someone else saves the project's blocks while this form is open: the form's blocks version is now stale.
        Actor lead = web.actor(Role.LEAD);
        var blocksMeanwhile = server.store.blocks().of(server.lab.cycle(), project);
        web.application()
                .blocks()
                .replace(
                        server.lab.cycle(),
                        project,
                        List.of(new BlockRules.Entry(
                                "H100",
                                8,
                                3,
                                server.lab.cycleStart(),
                                server.lab.cycleStart().plusDays(10))),
                        blocksMeanwhile.version(),
                        lead);

        try {
            page.getByLabel("Justification").fill("A changed plan of work that must not be half saved.");
            page.getByText("Save the ask").click();

            assertThat(page.locator("body")).containsText("blocks of " + led);
            assertThat(server.store.reviews().ask(server.lab.cycle(), project).orElseThrow())
                    .isEqualTo(askBefore);
        } finally {
            page.context().close();
            // put the blocks back as they were, for the cluster page below
            server.store.blocks().replace(server.lab.cycle(), project, blocksMeanwhile.value(), null, lead);
        }
    }

    @Test
    @Order(3)
    void afterTheDraftSolveTheClusterPageDrawsEveryBlockBesideCapacityWithItsTable() {
        web.solvedDraft();

        Page page = web.signedIn(Role.DECIDER);
        Browser.resize(page, 1440, 900);
        page.navigate(server.url("/cluster"));
        Locator gantt = page.getByTestId("gantt");
        assertThat(gantt).isVisible();
        assertThat(gantt.locator("rect.window")).hasCount(4 + 1);
        assertThat(gantt.locator("text.unplaced")).hasCount(1);
        Locator rows = page.locator("[data-testid=blocks] tbody tr");
        assertThat(rows).hasCount(4);
        int placed = rows.filter(new Locator.FilterOptions().setHasText("is placed from"))
                .count();
        assertThat(placed).isEqualTo(3);
        // one more in the legend
        assertThat(gantt.locator("rect.placed")).hasCount(placed + 1);
        assertThat(rows.nth(3)).containsText("not placed");
        assertThat(rows.nth(3)).containsText("could not be placed");
        assertThat(rows.nth(0)).containsText("is placed from");
        page.evaluate("document.getElementById('blocks').scrollIntoView()");
        Browser.screenshot(page, "blocks-gantt");

        Browser.resize(page, 390, 844);
        page.reload();
        assertThat(Browser.pageWidth(page)).isLessThanOrEqualTo(390);
        page.evaluate("document.getElementById('blocks').scrollIntoView()");
        Browser.screenshot(page, "blocks-gantt-phone");
        page.context().close();
    }

    private static Block block(String project, String type, int gpus, int days, LocalDate from, LocalDate until) {
        return new Block(ProjectId.of(project), GpuTypeId.of(type), gpus, days, from, until);
    }
}
