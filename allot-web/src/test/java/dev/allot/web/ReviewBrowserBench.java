package dev.allot.web;

import com.microsoft.playwright.Page;
import dev.allot.application.Application;
import dev.allot.core.model.Lab;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.lab.DemoLab;
import dev.allot.lab.ScaledLab;
import dev.allot.store.Actor;
import dev.allot.store.CycleState;
import dev.allot.store.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cycle review with its draft as a decider's browser sees it: headless Chromium loads the review page of the
 * 300-project demo lab and of a 3,000-project lab, each with a solved draft, at laptop (1440 px) and phone (390 px)
 * width, and reports the load time (Navigation Timing: navigation start to the end of the load event), the HTML size
 * and the DOM nodes, as {@link BoardBrowserBench} does for the board (15 loads after 3 warm-ups). The default page of decisions is set beside
 * the largest page size offered (1,000 rows). Not part of the normal build; run it as docs/benchmarks.md says.
 */
class ReviewBrowserBench {
    @Test
    void reviewLoadsInTheBrowser() {
        Map<String, Lab> labs = new java.util.LinkedHashMap<>();
        labs.put("300 projects", DemoLab.generate(42));
        labs.put("3,000 projects", ScaledLab.ofSize(42, 3000));
        BoardBrowserBench.printHeader();
        try (Browser browser = Browser.launch()) {
            for (Map.Entry<String, Lab> lab : labs.entrySet()) {
                try (UiServer server = new UiServer(lab.getValue())) {
                    solveDraft(server);
                    Page page = browser.signedIn(server, server.tokens.get(Role.DECIDER));
                    for (int width : List.of(1440, 390)) {
                        page.setViewportSize(width, width == 390 ? 844 : 900);
                        for (String query : List.of("", "?size=1000")) {
                            BoardBrowserBench.measure(
                                    page,
                                    server.url("/review" + query),
                                    lab.getKey(),
                                    width,
                                    query,
                                    "table[data-testid=decisions]");
                        }
                    }
                    page.context().close();
                }
            }
        }
    }

    private static void solveDraft(UiServer server) {
        Actor dana = new Actor(server.users.get(Role.DECIDER), Role.DECIDER);
        server.store.cycles().transition(server.lab.cycle(), CycleState.REVIEW, null, dana);
        server.store.cycles().transition(server.lab.cycle(), CycleState.DRAFT, null, dana);
        Application.over(server.store, Planner.create(PlannerOptions.defaults()))
                .drafts()
                .solve(server.lab.cycle(), dana, null);
    }
}
