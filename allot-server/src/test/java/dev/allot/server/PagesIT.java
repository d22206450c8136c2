package dev.allot.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.store.Databases;
import dev.allot.store.Role;
import dev.allot.store.Store;
import org.junit.jupiter.api.Test;

/** Web pages mounted beside the API share the server without changing how the API answers. */
class PagesIT {
    @Test
    void pagesAndTheApiLiveOnOneServer() {
        try (Store store = Databases.h2()) {
            String token = store.tokens()
                    .create("val", Role.VIEWER, "test", TestServer.ROOT)
                    .token();
            AllotServer server = AllotServer.create(
                            store,
                            Planner.create(PlannerOptions.defaults()),
                            config -> config.routes.get("/hello", ctx -> ctx.html("<p>hello</p>")))
                    .start("127.0.0.1", 0);
            try {
                ApiClient client = new ApiClient(server.port());
                ApiClient.Reply page = client.get("/hello", null);
                assertThat(page.status()).isEqualTo(200);
                assertThat(page.body()).isEqualTo("<p>hello</p>");
                assertThat(client.get("/api/me", token).json().path("role").asText())
                        .isEqualTo("viewer");
                assertThat(client.get("/api/me", null).code()).isEqualTo("unauthenticated");
                assertThat(client.get("/nowhere", null).code()).isEqualTo("route-not-found");
                assertThat(server.registeredRoutes()).contains("GET /hello", "GET /api/me");
            } finally {
                server.stop();
            }
        }
    }
}
