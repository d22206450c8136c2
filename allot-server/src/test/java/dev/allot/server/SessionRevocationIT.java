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
}
