package dev.allot.web;

import dev.allot.core.model.Lab;
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
        Map<String, Lab> labs = PageTimer.labs();
        PageTimer.printHeader();
        for (Map.Entry<String, Lab> lab : labs.entrySet()) {
            try (WebFixture web = WebFixture.of(lab.getValue())) {
                web.withDemoEvidence();
                web.solvedDraft();
                BoardBrowserBench.measureAtBothWidths(web, lab.getKey(), "/review", "table[data-testid=decisions]");
            }
        }
    }
}
