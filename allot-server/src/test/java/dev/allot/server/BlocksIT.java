package dev.allot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.allot.core.model.CycleId;
import dev.allot.store.Role;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A project's reserved blocks through the API: written by its lead with If-Match, refused with every problem at
 * once, placed by the draft solve, and listed with their placement.
 */
class BlocksIT {
    private static final CycleId CYCLE = CycleId.of("2026-12");
    private static final String OWN = "/api/cycles/2026-12/asks/project-0/blocks";
    private static final String BLOCK = "{\"blocks\": [{\"gpuType\": \"H100\", \"gpus\": 64, \"days\": 10,"
            + " \"earliestStart\": \"2026-12-08\", \"latestEnd\": \"2026-12-29\"}]}";

    @Test
    void theLeadWritesABlockThatTheDraftSolvePlacesAndTheCycleListShows() {
        try (TestServer server = new TestServer(2)) {
            ApiClient api = server.client;
            String lead = server.token(Role.LEAD);
            String decider = server.token(Role.DECIDER);

            ApiClient.Reply before = api.get(OWN, lead);
            ApiClient.Reply put = api.send("PUT", OWN, lead, BLOCK, Map.of("If-Match", before.header("ETag")));
            ApiClient.Reply stale = api.send("PUT", OWN, lead, "{\"blocks\": []}", Map.of("If-Match", "\"0\""));

            assertThat(before.json().path("blocks")).isEmpty();
            assertThat(before.header("ETag")).isEqualTo("\"0\"");
            assertThat(put.status()).as(put.body()).isEqualTo(200);
            assertThat(put.header("ETag")).isEqualTo("\"1\"");
            assertThat(put.json().path("blocks").get(0).path("latestEnd").asText())
                    .isEqualTo("2026-12-29");
            assertThat(stale.status()).isIn(409, 412);
            assertThat(server.store.lab().export(CYCLE).blocks()).hasSize(1);
            JsonNode unplaced = api.get("/api/cycles/2026-12/blocks", server.token(Role.VIEWER))
                    .json();
            assertThat(unplaced.path("blocks").get(0).path("placed").isNull()).isTrue();
            assertThat(unplaced.path("planVersion").isNull()).isTrue();

            api.send("POST", "/api/cycles/2026-12/transitions", decider, "{\"to\": \"review\"}", Map.of());
            api.send("POST", "/api/cycles/2026-12/transitions", decider, "{\"to\": \"draft\"}", Map.of());
            ApiClient.Reply draft = api.send("POST", "/api/cycles/2026-12/draft", decider, "{}", Map.of());
            ApiClient.Reply frozen = api.send("PUT", OWN, lead, "{\"blocks\": []}", Map.of());

            assertThat(draft.status()).as(draft.body()).isEqualTo(201);
            JsonNode placed = draft.json().path("plan").path("blocks");
            assertThat(placed).hasSize(1);
            assertThat(placed.get(0).path("project").asText()).isEqualTo("project-0");
            assertThat(placed.get(0).path("gpus").asInt()).isEqualTo(64);
            assertThat(api.get("/api/cycles/2026-12/plan", decider).body()).contains("\"blocks\"");
            JsonNode listed = api.get("/api/cycles/2026-12/blocks", decider).json();
            JsonNode first = listed.path("blocks").get(0);
            assertThat(first.path("placed").path("start").asText())
                    .isEqualTo(placed.get(0).path("start").asText());
            assertThat(first.path("explanation").asText()).startsWith("Its block of 64 H100 for 10 days is placed");
            assertThat(listed.path("planKind").asText()).isEqualTo("draft");
            assertThat(frozen.status()).isEqualTo(409);
        }
    }

    @Test
    void badBlocksAreRefusedWithEveryProblemAndNothingIsStored() {
        try (TestServer server = new TestServer(2)) {
            ApiClient api = server.client;
            String lead = server.token(Role.LEAD);

            ApiClient.Reply bad = api.send(
                    "PUT",
                    OWN,
                    lead,
                    "{\"blocks\": [{\"gpuType\": \"H1OO\", \"gpus\": 12, \"days\": 10,"
                            + " \"earliestStart\": \"2026-12-01\", \"latestEnd\": \"2026-12-05\"},"
                            + " {\"gpuType\": \"A100\", \"gpus\": 12, \"days\": 3,"
                            + " \"earliestStart\": \"2026-11-30\", \"latestEnd\": \"2027-03-01\"}]}",
                    Map.of());
            ApiClient.Reply unreadable =
                    api.send("PUT", OWN, lead, "{\"blocks\": [{\"gpuType\": \"H100\", \"days\": 0}]}", Map.of());
            ApiClient.Reply missing = api.send("PUT", OWN, lead, "{}", Map.of());

            assertThat(bad.status()).isEqualTo(422);
            assertThat(bad.json().path("problems").findValuesAsText("field"))
                    .containsExactly(
                            "blocks[0].gpuType",
                            "blocks[0].latestEnd",
                            "blocks[1].gpus",
                            "blocks[1].earliestStart",
                            "blocks[1].latestEnd");
            assertThat(bad.body()).contains("Maybe one of H100, A100?").contains("8-GPU nodes");
            assertThat(unreadable.status()).isEqualTo(422);
            assertThat(unreadable.json().path("problems").findValuesAsText("field"))
                    .containsExactly(
                            "blocks[0].gpus", "blocks[0].days", "blocks[0].earliestStart", "blocks[0].latestEnd");
            assertThat(missing.status()).isEqualTo(422);
            assertThat(server.store.lab().export(CYCLE).blocks()).isEmpty();
        }
    }
}
