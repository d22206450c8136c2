package dev.allot.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.lab.LabYaml;
import dev.allot.store.Json;
import dev.allot.store.Role;
import dev.allot.store.TestLabs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/lab}: only an admin may import a lab file; any other role gets 403 and the portfolio is the one it
 * was, to the byte; a bad file is a 422 listing its problems and stores nothing.
 */
class LabImportIT {
    private static final String PORTFOLIO = "/api/cycles/2026-12/portfolio";

    @Test
    void onlyAnAdminImportsAndNoOtherRoleOverwritesThePortfolio() {
        try (TestServer server = new TestServer(3)) {
            ApiClient api = server.client;
            // another lab for the same cycle: other projects, asks and scores
            String other = LabYaml.write(TestLabs.shaped(5, 7).build());
            String body = Json.write(Map.of("content", other, "source", "other.yaml"));
            String before = api.get(PORTFOLIO, server.token(Role.ADMIN)).body();
            long highWater = server.store.audit().highWater();

            List<String> failures = new ArrayList<>();
            for (Role role : List.of(Role.DECIDER, Role.REVIEWER, Role.LEAD, Role.VIEWER)) {
                ApiClient.Reply reply = api.send("POST", "/api/lab", server.token(role), body, Map.of());
                if (reply.status() != 403) {
                    failures.add(role.label() + ": " + reply.status() + " " + reply.body());
                }
            }
            assertThat(failures).isEmpty();
            assertThat(api.get(PORTFOLIO, server.token(Role.ADMIN)).body()).isEqualTo(before);
            assertThat(server.store.audit().highWater()).isEqualTo(highWater);

            ApiClient.Reply imported = api.send("POST", "/api/lab", server.token(Role.ADMIN), body, Map.of());
            assertThat(imported.status()).as(imported.body()).isEqualTo(200);
            assertThat(imported.json().path("cycle").asText()).isEqualTo("2026-12");
            assertThat(imported.json().path("created").asInt()).isPositive();
            assertThat(api.get(PORTFOLIO, server.token(Role.ADMIN)).json().path("projects"))
                    .hasSize(5);
        }
    }

    @Test
    void aBadFileIsA422ListingItsProblemsAndStoresNothing() {
        try (TestServer server = new TestServer(2)) {
            long highWater = server.store.audit().highWater();
            String bad =
                    "name: broken\ncycle: 2026-12\ncycleStart: 2026-12-01\ngpuTypes:\n  - {name: H100, speed: -1}\n";

            ApiClient.Reply reply = server.client.send(
                    "POST", "/api/lab", server.token(Role.ADMIN), Json.write(Map.of("content", bad)), Map.of());

            assertThat(reply.status()).as(reply.body()).isEqualTo(422);
            assertThat(reply.json().path("problems")).isNotEmpty();
            assertThat(server.store.audit().highWater()).isEqualTo(highWater);
        }
    }
}
