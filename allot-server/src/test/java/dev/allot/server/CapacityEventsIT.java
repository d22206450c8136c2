package dev.allot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.allot.store.Role;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A pool's capacity events through the API: added, listed, refused with every problem named, removed. */
class CapacityEventsIT {
    @Test
    void anOperatorAddsListsAndRemovesAPoolsEvents() {
        try (TestServer server = new TestServer(2)) {
            String admin = server.token(Role.ADMIN);
            ApiClient api = server.client;

            ApiClient.Reply added = api.send(
                    "POST",
                    "/api/pools/east-h100/events",
                    admin,
                    "{\"kind\": \"outage\", \"gpus\": 16, \"from\": \"2026-12-20\", \"until\": \"2026-12-22\"}",
                    Map.of());
            assertThat(added.status()).isEqualTo(201);
            api.send(
                    "POST",
                    "/api/pools/east-h100/events",
                    admin,
                    "{\"kind\": \"arrival\", \"gpus\": 64, \"from\": \"2026-12-15\"}",
                    Map.of());

            JsonNode events = api.get("/api/pools/east-h100/events", server.token(Role.VIEWER))
                    .json();
            assertThat(events).hasSize(2);
            assertThat(events.get(0).path("kind").asText()).isEqualTo("arrival");
            assertThat(events.get(1).path("until").asText()).isEqualTo("2026-12-22");
            assertThat(server.store
                            .lab()
                            .export(dev.allot.core.model.CycleId.of("2026-12"))
                            .capacityEvents())
                    .hasSize(2);

            ApiClient.Reply removed = api.send("DELETE", "/api/pools/east-h100/events/0", admin, null, Map.of());
            assertThat(removed.status()).isEqualTo(200);
            assertThat(removed.json()).hasSize(1);
            assertThat(removed.json().get(0).path("kind").asText()).isEqualTo("outage");
        }
    }

    @Test
    void badEventsAreRefusedWithEveryProblemAndNothingIsStored() {
        try (TestServer server = new TestServer(2)) {
            String admin = server.token(Role.ADMIN);
            ApiClient api = server.client;

            ApiClient.Reply wrongNodes = api.send(
                    "POST",
                    "/api/pools/east-h100/events",
                    admin,
                    "{\"kind\": \"retirement\", \"gpus\": 12, \"from\": \"2026-11-01\", \"until\": \"2026-12-22\"}",
                    Map.of());
            ApiClient.Reply tooMany = api.send(
                    "POST",
                    "/api/pools/east-h100/events",
                    admin,
                    "{\"kind\": \"retirement\", \"gpus\": 512, \"from\": \"2026-12-10\"}",
                    Map.of());
            ApiClient.Reply unknownPool = api.send(
                    "POST",
                    "/api/pools/nowhere/events",
                    admin,
                    "{\"kind\": \"arrival\", \"gpus\": 8, \"from\": \"2026-12-10\"}",
                    Map.of());

            assertThat(wrongNodes.status()).isEqualTo(422);
            assertThat(wrongNodes.json().path("problems").findValuesAsText("field"))
                    .containsExactly("gpus", "from", "until");
            assertThat(tooMany.status()).isEqualTo(422);
            assertThat(tooMany.body()).contains("Pool east-h100 would hold");
            assertThat(unknownPool.status()).isEqualTo(404);
            assertThat(api.get("/api/pools/east-h100/events", admin).json()).isEmpty();
        }
    }
}
