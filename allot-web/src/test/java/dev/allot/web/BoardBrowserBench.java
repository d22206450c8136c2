package dev.allot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.allot.core.model.Lab;
import dev.allot.lab.DemoLab;
import dev.allot.lab.ScaledLab;
import dev.allot.store.Role;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 15);

    /** The header line of {@link #measure}'s table. */
    static void printHeader() {
        System.out.printf(
                Locale.ROOT,
                "%-15s %-6s %-10s %9s %9s %9s %10s%n",
                "lab",
                "width",
                "rows",
                "p50 ms",
                "max ms",
                "DOM nodes",
                "HTML KB");
    }

    @Test
    void boardLoadsInTheBrowser() {
        Map<String, Lab> labs = new java.util.LinkedHashMap<>();
        labs.put("300 projects", DemoLab.generate(42));
        labs.put("3,000 projects", ScaledLab.ofSize(42, 3000));
        printHeader();
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
                measure(page, web.server.url(path + query), lab, width, query, table);
            }
        }
        page.context().close();
    }

    /**
     * Loads {@code url} 3 times to warm up, then {@link #ROUNDS} times, and prints one line: load time (p50, max), DOM
     * nodes and HTML size; the page must show rows in the {@code table} (a CSS selector).
     */
    static void measure(Page page, String url, String lab, int width, String query, String table) {
        for (int i = 0; i < 3; i++) {
            page.navigate(url);
        }
        double[] millis = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            page.navigate(url);
            page.waitForLoadState();
            millis[i] = ((Number) page.evaluate("() => { const n = performance.getEntriesByType('navigation')[0];"
                            + " return n.loadEventEnd - n.startTime; }"))
                    .doubleValue();
        }
        int nodes = ((Number) page.evaluate("() => document.getElementsByTagName('*').length")).intValue();
        int html = page.content().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        assertThat(page.locator(table + " tbody tr").count()).isPositive();
        Arrays.sort(millis);
        System.out.printf(
                Locale.ROOT,
                "%-15s %-6d %-10s %9.0f %9.0f %,9d %,10d%n",
                lab,
                width,
                query.isEmpty() ? "page (100)" : "1,000",
                millis[millis.length / 2],
                millis[millis.length - 1],
                nodes,
                html / 1024);
    }
}
