package dev.allot.web;

import com.microsoft.playwright.Page;
import dev.allot.core.model.Lab;
import dev.allot.store.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The portfolio board as a decider's browser sees it: headless Chromium loads the board of the 300-project demo lab
 * and of a 3,000-project lab at laptop (1440 px) and phone (390 px) width, and reports the time from navigation to
 * the load event (the browser's own Navigation Timing), the page's HTML size and its DOM nodes. The default page of
 * rows is set beside the largest page size offered (1,000 rows), which stands for the board before it was paged. Not
 * part of the normal build (its name matches neither *Test nor *IT); run it as docs/benchmarks.md says.
 */
class BoardBrowserBench {
    @Test
    void boardLoadsInTheBrowser() {
        Map<String, Lab> labs = PageTimer.labs();
        PageTimer.printHeader();
        for (Map.Entry<String, Lab> lab : labs.entrySet()) {
            try (WebFixture web = WebFixture.of(lab.getValue())) {
                measureAtBothWidths(web, lab.getKey(), "/board", "table.board");
            }
        }
    }

    /**
     * Measures {@code path} as a signed-in decider at 1440 px and 390 px, each at the default page and at the largest
     * page size offered ({@code ?size=1000}).
     */
    static void measureAtBothWidths(WebFixture web, String lab, String path, String table) {
        Page page = web.signedIn(Role.DECIDER);
        for (int width : List.of(1440, 390)) {
            page.setViewportSize(width, width == 390 ? 844 : 900);
            for (String query : List.of("", "?size=1000")) {
                PageTimer.measure(
                        page,
                        web.server.url(path + query),
                        lab,
                        width,
                        path + (query.isEmpty() ? ", page (100)" : ", 1,000 rows"),
                        table + " tbody tr");
            }
        }
        page.context().close();
    }
}
