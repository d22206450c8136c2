package dev.allot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.allot.store.Role;
import dev.allot.store.TestLabs;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Single sign-on against a real Keycloak, started by {@code scripts/keycloak-test-server.sh} (CI runs it from
 * {@code scripts/ci.d/40-keycloak.sh}) with the test realm: Chromium signs a decider and a viewer in through
 * Keycloak's own login form, and the API takes Keycloak's access tokens with the mapped roles while refusing a
 * token of another realm and a tampered one. Skipped with a message when the script did not start Keycloak; it
 * waits for Keycloak to answer, since CI starts it in the background.
 */
class SignOnKeycloakIT {
    private static final Duration READY_WITHIN = Duration.ofSeconds(Long.getLong("allot.keycloak.waitSeconds", 300));
    private static final String SECRET = "allot-test-secret";
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    @TempDir
    static Path dir;

    private static String issuer;
    private static UiServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    /** Why the tests are skipped (Keycloak was not started), or null. */
    private static String notStarted;

    @BeforeAll
    static void start() throws Exception {
        issuer = keycloakIssuer();
        if (issuer == null) {
            return;
        }
        server = new UiServer(TestLabs.shaped(3, 11).build(), UiServer.signOn(issuer, SECRET, dir));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void requireKeycloak() {
        Assumptions.assumeTrue(notStarted == null, notStarted);
    }

    @Test
    void aDeciderAndAViewerSignInThroughKeycloaksLoginFormInChromium() {
        try (Browser browser = Browser.launch()) {
            Page dana = signInThroughKeycloak(browser, "dana", "dana-pass", "/review");
            assertThat(dana.url()).endsWith("/review");
            assertThat(dana.getByTestId("who").textContent()).contains("dana").contains("decider");
            assertThat(dana.locator("nav").textContent()).contains("Cycle review");

            Page vic = signInThroughKeycloak(browser, "vic", "vic-pass", "/board");
            assertThat(vic.url()).endsWith("/board");
            assertThat(vic.getByTestId("who").textContent()).contains("vic").contains("viewer");
            assertThat(vic.locator("nav").textContent()).doesNotContain("Cycle review");
        }
    }

    @Test
    void theApiTakesKeycloaksAccessTokensWithTheMappedRoles() throws Exception {
        String dana = passwordGrant("allot", "dana", "dana-pass", "allot", SECRET);
        assertThat(api("/api/me", dana).body()).contains("\"user\":\"dana\"").contains("\"role\":\"decider\"");
        assertThat(api("/api/audit", dana).statusCode())
                .as("only admins read the audit log")
                .isEqualTo(403);
        String vic = passwordGrant("allot", "vic", "vic-pass", "allot", SECRET);
        assertThat(api("/api/me", vic).body()).contains("\"role\":\"viewer\"");
        assertThat(api("/api/me", server.tokens.get(Role.DECIDER)).statusCode())
                .as("local tokens keep working")
                .isEqualTo(200);
    }

    @Test
    void aTokenFromAnotherRealmOrTamperedWithIsRefused() throws Exception {
        String master = passwordGrant("master", "admin", "admin", "admin-cli", null);
        HttpResponse<String> otherRealm = api("/api/me", master);
        assertThat(otherRealm.statusCode()).as(otherRealm.body()).isEqualTo(401);

        String[] parts =
                passwordGrant("allot", "vic", "vic-pass", "allot", SECRET).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"preferred_username\":\"vic\"", "\"preferred_username\":\"dana\"");
        String tampered = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        HttpResponse<String> refused = api("/api/me", tampered);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        assertThat(refused.body()).contains("access token was not accepted");
    }

    private static Page signInThroughKeycloak(Browser browser, String user, String password, String next) {
        Page page = browser.newPage();
        page.navigate(server.url("/login?next=" + next));
        page.getByTestId("sso").click();
        page.waitForURL(issuer + "/**");
        page.locator("#username").fill(user);
        page.locator("#password").fill(password);
        page.locator("#kc-login").click();
        page.waitForURL(server.url(next));
        return page;
    }

    private String passwordGrant(String realm, String user, String password, String client, String secret)
            throws Exception {
        String base = issuer.substring(0, issuer.lastIndexOf("/realms/") + "/realms/".length()) + realm;
        String form = "grant_type=password&scope=openid&client_id=" + client + "&username=" + user + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + (secret == null ? "" : "&client_secret=" + secret);
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = ACCESS_TOKEN.matcher(response.body());
        assertThat(token.find())
                .as("token for %s in %s: %s", user, realm, response.body())
                .isTrue();
        return token.group(1);
    }

    private HttpResponse<String> api(String path, String bearer) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url(path)))
                        .header("Authorization", "Bearer " + bearer)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The issuer the start script wrote, once Keycloak answers: null (the tests are skipped) when the script did not
     * start it; failed when it started it but Keycloak does not answer in time.
     */
    private static String keycloakIssuer() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        if (root.endsWith("allot-web")) {
            root = root.getParent();
        }
        String property = System.getProperty("allot.keycloak.issuer", "");
        Path file = root.resolve("target/keycloak/issuer");
        if (property.isBlank() && !Files.isRegularFile(file)) {
            notStarted = "Keycloak was not started (" + file + " is absent): run scripts/keycloak-test-server.sh"
                    + " start; it needs the test realm of ../shared/recipes. Single sign-on tests skipped.";
            System.out.println(notStarted);
            return null;
        }
        String issuer = property.isBlank() ? Files.readString(file).strip() : property;
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        long started = System.nanoTime();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> response = client.send(
                        HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    System.out.printf(
                            "Keycloak answered at %s after waiting %d s%n",
                            issuer, (System.nanoTime() - started) / 1_000_000_000L);
                    return issuer;
                }
            } catch (java.io.IOException e) {
                // not up yet
            }
            Thread.sleep(1_000);
        }
        return Assertions.fail("Keycloak did not answer at " + issuer + " within " + READY_WITHIN.toSeconds()
                + " s; see target/keycloak/keycloak.log");
    }
}
