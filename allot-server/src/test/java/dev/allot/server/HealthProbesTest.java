package dev.allot.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The load balancer's probes: liveness answers while the process does, readiness follows the store. */
class HealthProbesTest {
    @Test
    void readinessFollowsTheStoreWhileLivenessStaysUp() {
        try (TestServer server = new TestServer(2)) {
            ApiClient.Reply live = server.client.get("/healthz", null);
            ApiClient.Reply ready = server.client.get("/readyz", null);
            assertThat(live.status()).isEqualTo(200);
            assertThat(live.body()).contains("\"status\":\"up\"");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.body()).contains("\"status\":\"ready\"").contains("\"database\":\"up\"");

            server.store.close();

            ApiClient.Reply notReady = server.client.get("/readyz", null);
            assertThat(notReady.status()).isEqualTo(503);
            assertThat(notReady.body()).contains("\"status\":\"not-ready\"").contains("\"database\":\"down\"");
            assertThat(notReady.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(server.client.get("/healthz", null).status())
                    .as("a database outage is not a reason to restart the process")
                    .isEqualTo(200);
        }
    }
}
