package dev.allot.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.store.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What every request meets before its handler: security headers, the cookie's CSRF and Origin rules for API
 * writes, control characters refused by field, and sign-ins that leave the portfolio cache alone.
 */
class EdgeChecksIT {
    private static TestServer test;

    @BeforeAll
    static void start() {
        test = new TestServer(4);
    }

    @AfterAll
    static void stop() {
        test.close();
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        for (String path : List.of("/health", "/api/me", "/nowhere", "/openapi.json")) {
            ApiClient.Reply reply = test.client.get(path, null);
            assertThat(reply.header("Content-Security-Policy"))
                    .as(path)
                    .contains("script-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-eval");
            assertThat(reply.header("Content-Security-Policy")).doesNotContainPattern("script-src[^;]*unsafe-inline");
            assertThat(reply.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(reply.header("Referrer-Policy")).as(path).isEqualTo("same-origin");
        }
    }

    @Test
    void anApiWriteWithTheSessionCookieNeedsItsCsrfToken() {
        ApiClient.Reply session = test.client.send("POST", "/api/sessions", test.token(Role.DECIDER), null, Map.of());
        String cookie = session.header("Set-Cookie").split(";")[0];
        String csrf = session.json().path("csrfToken").asText();
        assertThat(csrf).isNotBlank();

        ApiClient.Reply forged = test.client.send("POST", "/api/sessions", null, null, Map.of("Cookie", cookie));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.code()).isEqualTo("csrf-token-invalid");
        ApiClient.Reply otherSite = test.client.send(
                "POST",
                "/api/sessions",
                null,
                null,
                Map.of("Cookie", cookie, "X-CSRF-Token", csrf, "Origin", "http://localhost:9999"));
        assertThat(otherSite.status()).isEqualTo(403);
        assertThat(otherSite.code()).isEqualTo("cross-origin-refused");

        ApiClient.Reply own =
                test.client.send("POST", "/api/sessions", null, null, Map.of("Cookie", cookie, "X-CSRF-Token", csrf));
        assertThat(own.status()).isEqualTo(201);
        assertThat(test.client
                        .send("GET", "/api/me", null, null, Map.of("Cookie", cookie))
                        .status())
                .as("reads need no CSRF token")
                .isEqualTo(200);
    }

    @Test
    void aNulCharacterIsRefusedWith422NamingTheField() {
        String body = "{\"id\": \"nul-project\", \"name\": \"a\\u0000b\", \"category\": \"exploratory\","
                + " \"lead\": \"x\\u001bz\"}";

        ApiClient.Reply reply = test.client.send("POST", "/api/projects", test.token(Role.ADMIN), body, Map.of());

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.code()).isEqualTo("control-character");
        assertThat(reply.json().findValuesAsText("field")).containsExactlyInAnyOrder("name", "lead");
        assertThat(reply.json().path("detail").asText()).contains("U+0000");
        assertThat(test.client
                        .get("/api/projects/nul-project", test.token(Role.ADMIN))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void tabsAndLineBreaksStayAllowed() {
        String body = "{\"id\": \"tabbed\", \"name\": \"a\\tb\\nc\", \"category\": \"exploratory\", \"lead\": \"x\"}";

        ApiClient.Reply reply = test.client.send("POST", "/api/projects", test.token(Role.ADMIN), body, Map.of());

        assertThat(reply.code()).isNotEqualTo("control-character");
    }

    @Test
    void signingInLeavesThePortfolioCacheAlone() {
        String path = "/api/cycles/2026-12/portfolio";
        String before = test.client.get(path, test.token(Role.VIEWER)).header("ETag");

        for (Role role : Role.values()) {
            assertThat(test.client
                            .send("POST", "/api/sessions", test.token(role), null, Map.of())
                            .status())
                    .isEqualTo(201);
        }
        test.store.tokens().create("someone", Role.VIEWER, "new", TestServer.ROOT);

        assertThat(test.client.get(path, test.token(Role.VIEWER)).header("ETag"))
                .isEqualTo(before);
    }

    @Test
    void cookiesAreSecureBehindATrustedProxyOnly() {
        String proxied = "https";
        ApiClient.Reply untrusted = test.client.send(
                "POST", "/api/sessions", test.token(Role.VIEWER), null, Map.of("X-Forwarded-Proto", proxied));
        assertThat(untrusted.header("Set-Cookie")).doesNotContainIgnoringCase("secure");

        AllotServer trusting = AllotServer.create(
                        test.store,
                        Planner.create(PlannerOptions.defaults()),
                        config -> {},
                        AllotServer.Settings.defaults().withTrustForwardedProto(true))
                .start("127.0.0.1", 0);
        try {
            ApiClient.Reply trusted = new ApiClient(trusting.port())
                    .send("POST", "/api/sessions", test.token(Role.VIEWER), null, Map.of("X-Forwarded-Proto", proxied));
            assertThat(trusted.header("Set-Cookie")).containsIgnoringCase("; Secure");
            assertThat(trusted.header("Strict-Transport-Security")).startsWith("max-age=");
        } finally {
            trusting.stop();
        }
    }
}
