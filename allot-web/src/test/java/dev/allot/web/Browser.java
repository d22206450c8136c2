package dev.allot.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Debian Chromium driven by Playwright. Without Chromium the browser tests fail under CI (CI=true), where
 * scripts/ci.d/30-chromium.sh installs it, and are skipped with a message elsewhere.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;

    private Browser() {
        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-dev-shm-usage",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync",
                                "--no-first-run",
                                "--disable-quic")));
    }

    static Browser launch() {
        if (!Files.isExecutable(CHROMIUM)) {
            String message = "Chromium is not installed at " + CHROMIUM + "; run scripts/ci.d/30-chromium.sh as root";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.assumeTrue(false, message + " (browser tests skipped outside CI)");
        }
        return new Browser();
    }

    /** A fresh browser profile (its own cookies) with a laptop-sized window, signed in with {@code token}. */
    Page signedIn(UiServer server, String token) {
        return signIn(newPage(), server, token);
    }

    /** Signs {@code page}'s profile in with {@code token}. */
    static Page signIn(Page page, UiServer server, String token) {
        page.navigate(server.url("/login"));
        page.getByLabel("Token").fill(token);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        // Home is the board, or a reviewer's queue.
        page.waitForURL(url -> url.endsWith("/board") || url.endsWith("/queue"));
        return page;
    }

    /** A fresh browser profile (its own cookies) with a laptop-sized window. */
    Page newPage() {
        BrowserContext context =
                browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1400, 900));
        return context.newPage();
    }

    /** A fresh browser profile of {@code width} x {@code height} px, with or without JavaScript. */
    Page newPage(int width, int height, boolean javaScript) {
        return browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                        .setViewportSize(width, height)
                        .setJavaScriptEnabled(javaScript))
                .newPage();
    }

    /**
     * Resizes the window and waits until the page has laid itself out at the new width: Chromium applies a resize
     * asynchronously, and a width measured at once can still be the old one.
     */
    static void resize(Page page, int width, int height) {
        page.setViewportSize(width, height);
        page.waitForFunction("w => window.innerWidth === w", width);
    }

    /** How wide the page's content is, in CSS pixels (wider than the window means it scrolls sideways). */
    static int pageWidth(Page page) {
        return ((Number) page.evaluate("document.documentElement.scrollWidth")).intValue();
    }

    /** Saves a full-page screenshot to the folder named by -Dallot.screenshots (relative to the repository root). */
    static void screenshot(Page page, String name) {
        String folder = System.getProperty("allot.screenshots", "");
        folder = folder.isBlank() ? "allot-web/target/screenshots" : folder;
        Path root = Path.of("").toAbsolutePath();
        if (root.endsWith("allot-web")) {
            root = root.getParent();
        }
        page.waitForTimeout(200);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(root.resolve(folder).resolve(name + ".png"))
                .setFullPage(false));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
