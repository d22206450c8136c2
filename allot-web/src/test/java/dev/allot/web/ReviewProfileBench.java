package dev.allot.web;

import com.microsoft.playwright.Page;
import dev.allot.store.Role;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where the browser spends a load of a page (the cycle review unless {@code -Dbench.path} says otherwise), for
 * finding what to make cheaper rather than for timing it: headless Chromium records a performance trace of one load
 * at 1440 px and one at 390 px (after 3 warm-up loads), and this prints each long task of the renderer's main thread
 * (over 3 ms) with its start after navigation, its length and what it spent the time in (style, layout, paint,
 * parsing, which script and event), then the Navigation Timing phases of the load. One load is noisy on a shared
 * machine; run it a few times. Not part of the normal build.
 */
class ReviewProfileBench {
    /** Sums a Chromium trace (JSON text) into long main-thread tasks and what each spent its time in. */
    private static final String SUMMARY = """
            text => {
              const events = JSON.parse(text).traceEvents;
              const main = events.find(e => e.name === 'thread_name' && e.args.name === 'CrRendererMain');
              const start = events.find(e => e.name === 'navigationStart'
                  && e.args && e.args.data && e.args.data.isLoadingMainFrame);
              const mine = events.filter(e => main && e.tid === main.tid && e.ph === 'X');
              const kinds = ['Layout', 'UpdateLayoutTree', 'ParseHTML', 'PrePaint', 'Paint', 'EvaluateScript',
                  'FunctionCall', 'ParseAuthorStyleSheet', 'EventDispatch', 'TimerFire', 'MajorGC', 'MinorGC'];
              const origin = start ? start.ts : 0;
              return mine.filter(t => t.name === 'ThreadControllerImpl::RunTask' && t.dur > 3000 && t.ts >= origin)
                .map(t => {
                  const inside = {};
                  mine.filter(e => e.ts >= t.ts && e.ts < t.ts + t.dur && kinds.includes(e.name)).forEach(e => {
                    const d = (e.args && e.args.data) || {};
                    const name = e.name === 'EventDispatch' ? e.name + ':' + d.type
                        : (e.name === 'FunctionCall' || e.name === 'EvaluateScript')
                            ? e.name + ':' + (d.url || '').split('/').pop() : e.name;
                    inside[name] = (inside[name] || 0) + e.dur / 1000;
                  });
                  const top = Object.entries(inside).sort((a, b) => b[1] - a[1]).slice(0, 6)
                      .map(([k, v]) => '[' + k + ' ' + v.toFixed(1) + ']').join(' ');
                  return '  @' + Math.round((t.ts - origin) / 1000) + ' ms ' + (t.dur / 1000).toFixed(1) + ' ms ' + top;
                }).join('\\n');
            }""";

    private static final String PHASES = "() => { const n = performance.getEntriesByType('navigation')[0];"
            + " return ['firstByte', n.responseStart, 'lastByte', n.responseEnd, 'domInteractive', n.domInteractive,"
            + " 'DOMContentLoaded', n.domContentLoadedEventStart, 'handlers done', n.domContentLoadedEventEnd,"
            + " 'load', n.loadEventEnd].map(v => typeof v === 'number' ? Math.round(v) : v).join(' '); }";

    @Test
    void whereTheBrowserSpendsALoad() {
        String path = System.getProperty("bench.path", "/review");
        for (var lab : PageTimer.labs().entrySet()) {
            try (WebFixture web = WebFixture.of(lab.getValue())) {
                web.withDemoEvidence();
                web.solvedDraft();
                Page page = web.signedIn(Role.DECIDER);
                for (int width : List.of(1440, 390)) {
                    page.setViewportSize(width, width == 390 ? 844 : 900);
                    profile(page, web.server.url(path), lab.getKey(), width);
                }
                page.context().close();
            }
        }
    }

    private static void profile(Page page, String url, String lab, int width) {
        page.navigate(url, new Page.NavigateOptions().setTimeout(0));
        page.navigate(url);
        page.navigate(url);
        var browser = page.context().browser();
        browser.startTracing(page, new com.microsoft.playwright.Browser.StartTracingOptions().setScreenshots(false));
        page.navigate(url);
        page.waitForLoadState();
        String phases = (String) page.evaluate(PHASES);
        String trace = new String(browser.stopTracing(), StandardCharsets.UTF_8);
        Page blank = page.context().newPage();
        System.out.printf("%s %d px, %s: %s%n%s%n", lab, width, url, phases, blank.evaluate(SUMMARY, trace));
        blank.close();
    }
}
