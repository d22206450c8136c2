package dev.allot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Times one page in headless Chromium as the browser benches do: 3 warm-up loads, then {@code -Dbench.rounds} loads
 * (15 unless told), each timed by the browser's own Navigation Timing. Prints one line per page: the load (navigation
 * start to the end of the load event, p50 and max), the server's part of it (request sent to the first byte of the
 * answer, p50), the DOM nodes and the HTML size.
 */
final class PageTimer {
    static final int ROUNDS = Integer.getInteger("bench.rounds", 15);

    private static final String TIMINGS = "() => { const n = performance.getEntriesByType('navigation')[0];"
            + " return [n.loadEventEnd - n.startTime, n.responseStart - n.requestStart]; }";

    private PageTimer() {}

    /**
     * The labs the browser benches time: the 300-project demo lab and a 3,000-project one; {@code -Dbench.labs=300}
     * or {@code -Dbench.labs=3000} keeps one of them.
     */
    static java.util.Map<String, dev.allot.core.model.Lab> labs() {
        String only = System.getProperty("bench.labs", "");
        java.util.Map<String, dev.allot.core.model.Lab> labs = new java.util.LinkedHashMap<>();
        if (!only.equals("3000")) {
            labs.put("300 projects", dev.allot.lab.DemoLab.generate(42));
        }
        if (!only.equals("300")) {
            labs.put("3,000 projects", dev.allot.lab.ScaledLab.ofSize(42, 3000));
        }
        return labs;
    }

    /** The header line of {@link #measure}'s lines. */
    static void printHeader() {
        System.out.printf(
                Locale.ROOT,
                "%-15s %-6s %-28s %9s %9s %9s %9s %8s%n",
                "lab",
                "width",
                "page",
                "p50 ms",
                "max ms",
                "server ms",
                "DOM nodes",
                "HTML KB");
    }

    /**
     * Loads {@code url} in {@code page} and prints its line; the page must hold at least one element matching
     * {@code selector} (a CSS selector), so that a refused or empty page is not timed as if it were the real one.
     */
    static void measure(Page page, String url, String lab, int width, String label, String selector) {
        // The first load may compute what the page then keeps (a value-model comparison solves two plans): no limit.
        page.navigate(url, new Page.NavigateOptions().setTimeout(0));
        for (int i = 0; i < 2; i++) {
            page.navigate(url);
        }
        double[] load = new double[ROUNDS];
        double[] server = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            page.navigate(url);
            page.waitForLoadState();
            java.util.List<?> timings = (java.util.List<?>) page.evaluate(TIMINGS);
            load[i] = ((Number) timings.get(0)).doubleValue();
            server[i] = ((Number) timings.get(1)).doubleValue();
        }
        int nodes = ((Number) page.evaluate("() => document.getElementsByTagName('*').length")).intValue();
        int html = page.content().getBytes(StandardCharsets.UTF_8).length;
        assertThat(page.locator(selector).count())
                .as("%s at %s shows %s", label, url, selector)
                .isPositive();
        assertThat(page.locator("[data-testid=problem]").count())
                .as("%s at %s is not an error page", label, url)
                .isZero();
        Arrays.sort(load);
        Arrays.sort(server);
        System.out.printf(
                Locale.ROOT,
                "%-15s %-6d %-28s %9.0f %9.0f %9.0f %,9d %,8d%n",
                lab,
                width,
                label,
                load[load.length / 2],
                load[load.length - 1],
                server[server.length / 2],
                nodes,
                html / 1024);
    }
}
