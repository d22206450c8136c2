package dev.allot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.allot.store.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reviewer assignments over the API: deal round-robin, set by hand, bad bodies named field by field. */
class AssignmentsIT {
    private static final String PATH = "/api/cycles/2026-12/assignments";

    @Test
    void roundRobinThenByHandAndAReviewerSeesOnlyTheirOwn() {
        try (TestServer server = new TestServer(3)) {
            ApiClient api = server.client;
            String decider = server.token(Role.DECIDER);

            ApiClient.Reply dealt = api.send("POST", PATH + "/round-robin", decider, "{\"perProject\": 1}", Map.of());
            assertThat(dealt.status()).as(dealt.body()).isEqualTo(200);
            assertThat(reviewers(dealt.json())).hasSize(3).containsOnly("rev");

            ApiClient.Reply byHand = api.send(
                    "PUT", PATH, decider, "{\"assignments\": {\"project-1\": [\"rev\"], \"project-2\": []}}", Map.of());
            assertThat(byHand.status()).as(byHand.body()).isEqualTo(200);
            JsonNode seen = api.get(PATH, server.token(Role.REVIEWER)).json();
            assertThat(seen.path("assignments")).hasSize(1);
            assertThat(seen.path("assignments").get(0).path("project").asText()).isEqualTo("project-1");
            assertThat(seen.path("progress").get(0).path("assigned").asInt()).isEqualTo(1);
        }
    }

    @Test
    void aBadBodyNamesEveryProblemAndChangesNothing() {
        try (TestServer server = new TestServer(3)) {
            ApiClient api = server.client;
            String decider = server.token(Role.DECIDER);
            api.send("PUT", PATH, decider, "{\"assignments\": {\"project-0\": [\"rev\"]}}", Map.of());

            ApiClient.Reply refused = api.send(
                    "PUT",
                    PATH,
                    decider,
                    "{\"assignments\": {\"no-such\": [\"rev\"], \"project-1\": [\"ada\"]}}",
                    Map.of());

            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.body()).contains("no such project", "is not a reviewer", "ada");
            assertThat(api.get(PATH, decider).json().path("assignments")).hasSize(1);
            ApiClient.Reply tooMany = api.send("POST", PATH + "/round-robin", decider, "{\"perProject\": 0}", Map.of());
            assertThat(tooMany.status()).isEqualTo(422);
            assertThat(tooMany.body()).contains("perProject");
        }
    }

    private static List<String> reviewers(JsonNode body) {
        List<String> names = new ArrayList<>();
        body.path("assignments").forEach(a -> names.add(a.path("reviewer").asText()));
        return names;
    }
}
