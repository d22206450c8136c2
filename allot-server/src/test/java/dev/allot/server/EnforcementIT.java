package dev.allot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.allot.lab.PlanDocument;
import dev.allot.store.Role;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /api/cycles/{cycle}/enforcement}: the plan enforcers apply (never a draft) and the record of their runs. */
class EnforcementIT {
    private static final String CYCLE = "/api/cycles/2026-12";

    @Test
    void enforcersGetThePublishedPlanOnlyAndTheirRunsAreListedNewestFirst() {
        try (TestServer server = new TestServer(4)) {
            ApiClient api = server.client;
            String decider = server.token(Role.DECIDER);
            String viewer = server.token(Role.VIEWER);
            api.send("POST", CYCLE + "/transitions", decider, "{\"to\": \"review\"}", Map.of());
            api.send("POST", CYCLE + "/transitions", decider, "{\"to\": \"draft\"}", Map.of());
            api.send("POST", CYCLE + "/draft", decider, null, Map.of());

            ApiClient.Reply draft = api.get(CYCLE + "/enforcement/plan", decider);
            assertThat(draft.status()).isEqualTo(400);
            assertThat(draft.json().path("code").asText()).isEqualTo("plan-not-published");
            assertThat(draft.json().path("detail").asText())
                    .isEqualTo("cycle 2026-12 is a draft; enforcement applies published plans only");

            assertThat(api.approveAndPublish(CYCLE, decider, "v1", null).status())
                    .isEqualTo(201);
            api.send("POST", CYCLE + "/draft", decider, null, Map.of());
            ApiClient.Reply current = api.get("/api/cycles/current/enforcement/plan", viewer);
            assertThat(current.status()).isEqualTo(200);
            assertThat(current.header("Allot-Cycle")).isEqualTo("2026-12");
            assertThat(current.header("Allot-Plan-Version")).isEqualTo("1");
            var published = server.store
                    .plans()
                    .latestPublished(dev.allot.core.model.CycleId.of("2026-12"))
                    .orElseThrow()
                    .plan();
            assertThat(current.body()).isEqualTo(PlanDocument.json(published));
            assertThat(current.body())
                    .isEqualTo(api.get(CYCLE + "/plan", viewer).body());

            ApiClient.Reply applied = api.send(
                    "POST",
                    CYCLE + "/enforcement",
                    decider,
                    "{\"enforcer\": \"slurm\", \"target\": \"cluster-a\", \"mode\": \"apply\", \"planVersion\": 1,"
                            + " \"changes\": 37}",
                    Map.of());
            ApiClient.Reply drift = api.send(
                    "POST",
                    CYCLE + "/enforcement",
                    server.token(Role.ADMIN),
                    "{\"enforcer\": \"slurm\", \"target\": \"cluster-a\", \"mode\": \"drift\", \"drift\": 0}",
                    Map.of());
            ApiClient.Reply bad = api.send(
                    "POST",
                    CYCLE + "/enforcement",
                    decider,
                    "{\"enforcer\": \"lsf\", \"target\": \"x\", \"mode\": \"apply\", \"planVersion\": 9}",
                    Map.of());
            ApiClient.Reply listed = api.get(CYCLE + "/enforcement", viewer);

            assertThat(applied.status()).isEqualTo(201);
            assertThat(applied.json().path("ranBy").asText()).isEqualTo("ada");
            assertThat(drift.status()).isEqualTo(201);
            assertThat(bad.status()).isEqualTo(422);
            assertThat(bad.json().path("problems"))
                    .extracting(problem -> problem.path("field").asText())
                    .containsExactly("enforcer", "planVersion");
            JsonNode runs = listed.json();
            assertThat(runs).hasSize(2);
            assertThat(runs.get(0).path("mode").asText()).isEqualTo("drift");
            assertThat(runs.get(0).path("ranBy").asText()).isEqualTo("root");
            assertThat(runs.get(1).path("changes").asInt()).isEqualTo(37);
            assertThat(runs.get(1).path("planVersion").asInt()).isEqualTo(1);
        }
    }
}
