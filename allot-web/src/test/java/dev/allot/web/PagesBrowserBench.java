package dev.allot.web;

import com.microsoft.playwright.Page;
import dev.allot.application.Application;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.store.Actor;
import dev.allot.store.CycleState;
import dev.allot.store.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every page a user reaches besides the board and the cycle review (which {@link BoardBrowserBench} and
 * {@link ReviewBrowserBench} time), as the people who use them see them in headless Chromium: the 300-project demo
 * lab and a 3,000-project lab, each with demo evidence for about 40 % of its projects ({@link WebFixture#withDemoEvidence}),
 * ten reviewers sharing the projects round-robin, at 1440 px and 390 px: the lead's ask form while the cycle is
 * open, the reviewer's queue and score form in review, then, with a solved draft, the decider's pages, the lead's
 * and the admin's. Each page is loaded 3 times to warm up, then 15 times ({@link PageTimer}). {@code -Dbench.labs=300} (or 3000) times one lab only;
 * {@code -Dbench.pages=publish,cluster} only the pages whose names start so. Not part
 * of the normal build; run it as docs/benchmarks.md says.
 */
class PagesBrowserBench {
    /** A page to time: its name in the table, its path and what it must show (a CSS selector). */
    record Target(String label, String path, String selector) {}

    @Test
    void everyOtherPageLoadsInTheBrowser() {
        PageTimer.printHeader();
        for (Map.Entry<String, Lab> lab : PageTimer.labs().entrySet()) {
            try (WebFixture web = WebFixture.of(lab.getValue())) {
                Lab stored = lab.getValue();
                String withEvidence = web.withDemoEvidence().keySet().stream()
                        .map(ProjectId::value)
                        .sorted()
                        .findFirst()
                        .orElseThrow();
                shareAmongReviewers(web, 10);
                Project led = stored.projects().get(0);
                String lead = "/projects/" + led.id().value();
                // Each form is open in one state of the cycle only: asks while open, scores in review.
                measure(
                        web,
                        lab.getKey(),
                        Role.LEAD,
                        List.of(new Target("lead: ask form", lead + "/ask", "main form")));
                web.inReview();
                measure(
                        web,
                        lab.getKey(),
                        Role.REVIEWER,
                        List.of(
                                new Target("reviewer: queue", "/queue", "[data-testid=queue-row]"),
                                new Target("reviewer: score form", lead + "/score", "main form")));
                Actor decider = web.actor(Role.DECIDER);
                web.application().cycles().transition(web.cycle(), CycleState.DRAFT, null, decider);
                web.application().drafts().solve(web.cycle(), decider, null);
                String project = "/projects/" + withEvidence;
                measure(
                        web,
                        lab.getKey(),
                        Role.DECIDER,
                        List.of(
                                new Target("project, with evidence", project, "[data-testid=explanation]"),
                                new Target("add evidence", project + "/evidence", "main form"),
                                new Target(
                                        "evidence beside review", "/review/evidence", "[data-testid=review-evidence]"),
                                new Target("cluster", "/cluster", "[data-testid=types]"),
                                new Target("dashboard", "/dashboard", "[data-testid^=figure-]"),
                                new Target(
                                        "value models", "/review/value-models", "[data-testid=value-models-summary]"),
                                new Target("publish", "/review/publish", "[data-testid=approvals]"),
                                new Target("glossary", "/glossary", "[data-testid=glossary]")));
                measure(
                        web,
                        lab.getKey(),
                        Role.LEAD,
                        List.of(
                                new Target("lead: my projects", "/board?lead=" + led.lead(), "table.board tbody tr"),
                                new Target("lead: project", lead, "[data-testid=explanation]")));
                measure(
                        web,
                        lab.getKey(),
                        Role.ADMIN,
                        List.of(new Target("admin: tokens", "/admin/tokens", "[data-testid=tokens]")));
            }
        }
    }

    /** Times {@code targets} as {@code role} at 1440 px, then at 390 px, each width in a fresh browser profile. */
    private static void measure(WebFixture web, String lab, Role role, List<Target> targets) {
        for (int width : List.of(1440, 390)) {
            Page page = web.signedIn(role, width, true);
            for (Target target : targets) {
                if (!chosen(target)) {
                    continue;
                }
                PageTimer.measure(page, web.server.url(target.path()), lab, width, target.label(), target.selector());
            }
            page.context().close();
        }
    }

    /** Whether {@code -Dbench.pages} (names or their beginnings, comma-separated; all if unset) has the target. */
    private static boolean chosen(Target target) {
        String pages = System.getProperty("bench.pages", "");
        return pages.isBlank()
                || java.util.Arrays.stream(pages.split(","))
                        .anyMatch(name -> target.label().startsWith(name.strip()));
    }

    /** {@code count} reviewers (the fixture's "rui" first), the lab's projects dealt out to them in turn. */
    static void shareAmongReviewers(WebFixture web, int count) {
        List<String> reviewers = new ArrayList<>(List.of(web.server.users.get(Role.REVIEWER)));
        for (int i = 2; i <= count; i++) {
            String name = "reviewer-" + i;
            web.server.store.tokens().create(name, Role.REVIEWER, "bench", Actor.system("bench"));
            reviewers.add(name);
        }
        Map<ProjectId, List<String>> byProject = new LinkedHashMap<>();
        List<Project> projects = web.server.lab.projects();
        for (int i = 0; i < projects.size(); i++) {
            byProject.put(projects.get(i).id(), List.of(reviewers.get(i % count)));
        }
        Application application = web.application();
        application.assignments().assign(web.cycle(), byProject, web.actor(Role.DECIDER));
    }
}
