package dev.allot.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.store.Role;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A session cookie minted from a token through the API dies with the token, and cannot mint another. */
class SessionRevocationIT {
    @Test
    void revokingATokenEndsItsSessionsAtOnce() {
        try (TestServer test = new TestServer(3)) {
            String token = test.token(Role.DECIDER);
            ApiClient.Reply created = test.client.send("POST", "/api/sessions", token, null, Map.of());
            assertThat(created.status()).isEqualTo(201);
            String cookie = created.header("Set-Cookie").split(";")[0];
            Map<String, String> withCookie = Map.of("Cookie", cookie);
            assertThat(test.client
                            .send("GET", "/api/me", null, null, withCookie)
                            .status())
                    .isEqualTo(200);

            assertThat(test.store.tokens().revoke(token, TestServer.ROOT)).isTrue();

            ApiClient.Reply me = test.client.send("GET", "/api/me", null, null, withCookie);
            assertThat(me.status()).isEqualTo(401);
            ApiClient.Reply another = test.client.send("POST", "/api/sessions", null, null, withCookie);
            assertThat(another.status()).isEqualTo(401);
            assertThat(another.header("Set-Cookie")).isNull();
        }
    }

    @Test
    void revokingAUserEndsTheSessionsOfAllTheirTokens() {
        try (TestServer test = new TestServer(3)) {
            ApiClient.Reply created =
                    test.client.send("POST", "/api/sessions", test.token(Role.REVIEWER), null, Map.of());
            Map<String, String> withCookie =
                    Map.of("Cookie", created.header("Set-Cookie").split(";")[0]);

            test.store.tokens().revokeUser("rev", TestServer.ROOT);

            assertThat(test.client
                            .send("GET", "/api/me", null, null, withCookie)
                            .status())
                    .isEqualTo(401);
            assertThat(test.client.get("/api/me", test.token(Role.DECIDER)).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void anAdminListsTokensWithoutSecretsAndRevokesOneByIdWhileItsSessionIsOpen() {
        try (TestServer test = new TestServer(3)) {
            String token = test.token(Role.VIEWER);
            ApiClient.Reply created = test.client.send("POST", "/api/sessions", token, null, Map.of());
            Map<String, String> withCookie =
                    Map.of("Cookie", created.header("Set-Cookie").split(";")[0]);

            ApiClient.Reply listed = test.client.get("/api/tokens", test.token(Role.ADMIN));
            assertThat(listed.status()).isEqualTo(200);
            assertThat(listed.body()).doesNotContain(token.substring(6));
            var viewer = java.util.stream.StreamSupport.stream(listed.json().spliterator(), false)
                    .filter(t -> t.path("user").asText().equals("val"))
                    .findFirst()
                    .orElseThrow();
            assertThat(viewer.path("liveSessions").asInt()).isEqualTo(1);
            assertThat(viewer.path("lastUsedAt").asText()).isNotEmpty();
            assertThat(viewer.path("expiresAt").asText()).isNotEmpty();
            assertThat(test.client.get("/api/tokens", token).status()).isEqualTo(403);

            String id = viewer.path("id").asText();
            assertThat(test.client
                            .send("DELETE", "/api/tokens/" + id, test.token(Role.ADMIN), null, Map.of())
                            .status())
                    .isEqualTo(204);

            assertThat(test.client.get("/api/me", token).status()).isEqualTo(401);
            assertThat(test.client
                            .send("GET", "/api/me", null, null, withCookie)
                            .status())
                    .isEqualTo(401);
            assertThat(test.client
                            .send("DELETE", "/api/tokens/" + id, test.token(Role.ADMIN), null, Map.of())
                            .code())
                    .isEqualTo("token-not-found");
        }
    }
}
