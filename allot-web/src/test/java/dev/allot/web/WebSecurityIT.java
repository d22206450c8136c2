package dev.allot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.store.Role;
import dev.allot.store.TestLabs;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sign-in form's redirect stays on this server; pages and assets carry the security headers. */
class WebSecurityIT {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private static UiServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = new UiServer(TestLabs.shaped(4, 5).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void afterSignInOnlyPathsOnThisServerAreFollowed() throws Exception {
        for (String offSite : List.of(
                "/\\evil.example",
                "//evil.example",
                "/\\/evil.example",
                "https://evil.example",
                "/\t/evil.example",
                "javascript:alert(1)",
                "evil.example")) {
            assertThat(signInWithNext(offSite).headers().firstValue("Location"))
                    .as(offSite)
                    .contains("/board");
        }
        assertThat(signInWithNext("/projects/project-1?cycle=2026-12").headers().firstValue("Location"))
                .contains("/projects/project-1?cycle=2026-12");
    }

    @Test
    void pagesAndAssetsCarryTheSecurityHeaders() throws Exception {
        for (String path : List.of("/login", "/static/allot.css", "/board", "/no-such-page")) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(server.url(path))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .as(path)
                    .hasValueSatisfying(
                            csp -> assertThat(csp).contains("script-src 'self';", "frame-ancestors 'none'"));
            assertThat(response.headers().firstValue("X-Content-Type-Options"))
                    .as(path)
                    .contains("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy"))
                    .as(path)
                    .isPresent();
        }
    }

    @Test
    void templatesHoldNoInlineScript() throws Exception {
        HttpResponse<String> login = http.send(
                HttpRequest.newBuilder(URI.create(server.url("/login"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.body())
                .doesNotContainPattern("<script(?![^>]*\\ssrc=)")
                .doesNotContainPattern("\\son[a-z]+=");
    }

    @Test
    void aFormFieldWithANulCharacterIsRefusedByName() throws Exception {
        HttpResponse<String> reply = signIn("allot_\u0000x", "/board");

        assertThat(reply.statusCode()).isEqualTo(422);
        assertThat(reply.body()).contains("control-character", "\"field\":\"token\"");
    }

    @Test
    void anAdminSeesTokensWithoutSecretsAndRevokesOneOnTheTokensPage() throws Exception {
        String adminSession = sessionCookie(signIn(server.tokens.get(Role.ADMIN), "/admin/tokens"));
        String leadToken = server.tokens.get(Role.LEAD);
        String leadSession = sessionCookie(signIn(leadToken, "/board"));
        HttpResponse<String> page = get("/admin/tokens", adminSession);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(server.users.get(Role.LEAD)).doesNotContain(leadToken.substring(6));
        assertThat(get("/admin/tokens", leadSession).statusCode()).isEqualTo(403);
        String id = server.store.tokens().list().stream()
                .filter(t -> t.role() == Role.LEAD)
                .findFirst()
                .orElseThrow()
                .id();
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).isTrue();

        HttpResponse<String> revoked = http.send(
                HttpRequest.newBuilder(URI.create(server.url("/admin/tokens/revoke")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", adminSession)
                        .POST(HttpRequest.BodyPublishers.ofString("csrf=" + encode(csrf.group(1)) + "&id=" + id))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(revoked.body()).contains("Token " + id + " revoked");
        assertThat(get("/board", leadSession).statusCode())
                .as("the lead's session ended")
                .isEqualTo(302);
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url(path)))
                        .header("Cookie", cookie)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String sessionCookie(HttpResponse<String> signedIn) {
        return signedIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(Sessions.SESSION_COOKIE + "="))
                .findFirst()
                .orElseThrow()
                .split(";")[0];
    }

    private HttpResponse<String> signInWithNext(String next) throws Exception {
        HttpResponse<String> reply = signIn(server.tokens.get(Role.VIEWER), next);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(303);
        return reply;
    }

    private HttpResponse<String> signIn(String token, String next) throws Exception {
        HttpResponse<String> form = http.send(
                HttpRequest.newBuilder(URI.create(server.url("/login"))).build(), HttpResponse.BodyHandlers.ofString());
        String cookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        Matcher csrf = CSRF.matcher(form.body());
        assertThat(csrf.find()).isTrue();
        String body = "csrf=" + encode(csrf.group(1)) + "&token=" + encode(token) + "&next=" + encode(next);
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url("/login")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", cookie)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
