package dev.allot.web;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.allot.application.Application;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Lab;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.store.Actor;
import dev.allot.store.CycleState;
import dev.allot.store.Role;
import dev.allot.store.StoredPlan;

/**
 * What every browser test starts from: headless Chromium ({@link Browser}; skipped without it outside CI) and the UI
 * server over {@code lab} ({@link UiServer}), with the sign-in of each role at a chosen width and the moves of the
 * lab's cycle done as a decider, either behind the pages (through the application) or by the page's own buttons.
 */
final class WebFixture implements AutoCloseable {
    final Browser browser;
    final UiServer server;

    private WebFixture(Browser browser, UiServer server) {
        this.browser = browser;
        this.server = server;
    }

    /** Chromium first (so that a machine without it skips before the server starts), then the server over lab. */
    static WebFixture of(Lab lab) {
        return of(lab, Planner.create(PlannerOptions.defaults()));
    }

    /** As above, the server solving drafts with {@code planner}. */
    static WebFixture of(Lab lab, Planner planner) {
        Browser browser = Browser.launch();
        try {
            return new WebFixture(browser, new UiServer(lab, null, planner));
        } catch (RuntimeException e) {
            browser.close();
            throw e;
        }
    }

    CycleId cycle() {
        return server.lab.cycle();
    }

    /** The signed-in user of {@code role} as the application knows them. */
    Actor actor(Role role) {
        return new Actor(server.users.get(role), role);
    }

    /** The application of the server: its store, a default planner and the server's own solve jobs. */
    Application application() {
        return server.application;
    }

    /** A fresh browser profile of a laptop (1400 x 900 px, JavaScript on) signed in as {@code role}. */
    Page signedIn(Role role) {
        return browser.signedIn(server, server.tokens.get(role));
    }

    /** A fresh browser profile {@code width} px wide (a phone's height at 390 px), signed in as {@code role}. */
    Page signedIn(Role role, int width, boolean javaScript) {
        return Browser.signIn(
                browser.newPage(width, width <= 390 ? 844 : 900, javaScript), server, server.tokens.get(role));
    }

    /**
     * Stores the demo's generated evidence curves (one validation-loss series for about 40 % of the projects, as
     * {@code allot demo} does) in the lab's cycle, behind the pages; returns them by project.
     */
    java.util.Map<dev.allot.core.model.ProjectId, dev.allot.evidence.EvidenceSeries> withDemoEvidence() {
        var evidence = dev.allot.evidence.DemoEvidence.generate(server.lab, 42);
        evidence.forEach((project, series) ->
                application().evidence().store(cycle(), project, java.util.List.of(series), Actor.system("test")));
        return evidence;
    }

    /** Moves the cycle to review as the decider, behind the pages. */
    WebFixture inReview() {
        application().cycles().transition(cycle(), CycleState.REVIEW, null, actor(Role.DECIDER));
        return this;
    }

    /** Moves the cycle through review to draft as the decider, behind the pages and without solving. */
    WebFixture inDraft() {
        inReview();
        application().cycles().transition(cycle(), CycleState.DRAFT, null, actor(Role.DECIDER));
        return this;
    }

    /** {@link #inDraft()}, then solves the draft with the default planner. */
    StoredPlan solvedDraft() {
        inDraft();
        return application().drafts().solve(cycle(), actor(Role.DECIDER), null).draft();
    }

    /** Presses the review page's "Move cycle to {@code state}" button (a move to draft also solves the draft). */
    static void moveCycleTo(Page page, String state) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Move cycle to " + state))
                .click();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            browser.close();
        }
    }
}
