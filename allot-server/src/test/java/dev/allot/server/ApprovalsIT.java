package dev.allot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.lab.DemoLab;
import dev.allot.store.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Approvals and guard rails through the API: who may approve, what voids it, what a publish needs. */
class ApprovalsIT {
    private static final String CYCLE = "/api/cycles/2026-12";

    @Test
    void aCycleWithNoDraftCannotBePublished() {
        try (TestServer server = new TestServer(3)) {
            ApiClient api = server.client;
            String decider = server.token(Role.DECIDER);
            drafting(api, decider, CYCLE);

            ApiClient.Reply publish = api.send("POST", CYCLE + "/publish", decider, "{}", Map.of());

            assertThat(publish.status()).isEqualTo(409);
            assertThat(publish.code()).isEqualTo("no-draft");
            assertThat(api.get(CYCLE + "/plans", decider).json()).isEmpty();
        }
    }

    @Test
    void twoDecidersApproveAPinVoidsTheirApprovalsAndThePublishWaitsForBothAgain() {
        try (TestServer server = new TestServer(4)) {
            ApiClient api = server.client;
            String ada = server.token(Role.DECIDER);
            String dmitri = server.store
                    .tokens()
                    .create("dmitri", Role.DECIDER, "test", TestServer.ROOT)
                    .token();
            drafting(api, ada, CYCLE);
            api.send("POST", CYCLE + "/draft", ada, null, Map.of());

            ApiClient.Reply first = api.send("POST", CYCLE + "/approvals", ada, null, Map.of());
            assertThat(first.status()).isEqualTo(201);
            assertThat(first.json().path("requiredApprovals").asInt()).isEqualTo(2);
            assertThat(api.approveAndPublish(CYCLE, ada, "", null).code()).isEqualTo("approvals-missing");

            JsonNode both = api.send("POST", CYCLE + "/approvals", dmitri, null, Map.of())
                    .json();
            assertThat(both.path("approvers").toString()).contains("ada", "dmitri");
            assertThat(both.path("quorumMet").asBoolean()).isTrue();

            api.send("PUT", CYCLE + "/pins/project-1", dmitri, "{\"gpus\": {\"H100\": 8}}", Map.of());
            JsonNode voided = api.get(CYCLE + "/publish-check", ada).json();
            assertThat(voided.path("approvers")).isEmpty();
            assertThat(voided.path("voided").findValuesAsText("voidReason")).containsOnly("pin on project-1 by dmitri");
            ApiClient.Reply blocked = api.approveAndPublish(CYCLE, ada, "", null);
            assertThat(blocked.status()).isEqualTo(409);
            assertThat(blocked.code()).isEqualTo("approvals-missing");

            api.send("POST", CYCLE + "/draft", ada, null, Map.of());
            api.send("POST", CYCLE + "/approvals", dmitri, null, Map.of());
            ApiClient.Reply published = api.approveAndPublish(CYCLE, ada, "both approved", null);
            assertThat(published.status()).as(published.body()).isEqualTo(201);
            assertThat(api.get("/api/audit?entity=plan", server.token(Role.ADMIN))
                            .body())
                    .contains("approve", "contentHash");
        }
    }

    @Test
    void theCatastrophicDemoDraftShowsItsWarningsAndIsNotPublishedWithoutReasons() {
        try (TestServer server =
                new TestServer(DemoLab.generate(PlannerOptions.defaults().seed()))) {
            ApiClient api = server.client;
            String decider = server.token(Role.DECIDER);
            String cycle = "/api/cycles/" + DemoLab.CYCLE;
            drafting(api, decider, cycle);
            JsonNode pins = api.get(cycle + "/pins", decider).json();
            assertThat(pins).isNotEmpty();
            for (JsonNode pin : pins) {
                String project = pin.path("project").isTextual()
                        ? pin.path("project").asText()
                        : pin.path("project").path("value").asText();
                ApiClient.Reply removed = api.send("DELETE", cycle + "/pins/" + project, decider, null, Map.of());
                assertThat(removed.status()).as(removed.body()).isBetween(200, 299);
            }
            ApiClient.Reply policy = api.send(
                    "PUT",
                    cycle + "/policy",
                    decider,
                    "{\"reserveFraction\": 0.99, \"plannerMayKill\": true}",
                    Map.of());
            assertThat(policy.status()).as(policy.body()).isEqualTo(200);
            ApiClient.Reply draft = api.send("POST", cycle + "/draft", decider, null, Map.of());
            assertThat(draft.status()).as(draft.body()).isEqualTo(201);
            api.send("POST", cycle + "/approvals", decider, null, Map.of());

            JsonNode check = api.get(cycle + "/publish-check", decider).json();
            List<String> rules = check.path("warnings").findValuesAsText("rule");
            // Continuity counts effective compute, so some continuing projects stay funded on other GPU types (a type
            // move) instead of all being dropped; the vacuous relation is covered by GuardRailsTest.
            assertThat(rules).contains("mass-kill", "idle-capacity", "gpu-type-change");
            assertThat(api.get(cycle + "/publish-check", server.token(Role.VIEWER))
                            .status())
                    .isEqualTo(403);
            assertThat(api.get(cycle + "/draft", server.token(Role.VIEWER)).status())
                    .isEqualTo(403);

            ApiClient.Reply refused = api.send("POST", cycle + "/publish", decider, "{}", Map.of());
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.code()).isEqualTo("guard-unacknowledged");
            assertThat(refused.body()).contains("acknowledgements.mass-kill");
            assertThat(api.get(cycle + "/plans", decider).json()).isEmpty();

            assertThat(api.approveAndPublish(cycle, decider, "wind-down", null).status())
                    .isEqualTo(201);
        }
    }

    private static void drafting(ApiClient api, String decider, String cycle) {
        api.send("POST", cycle + "/transitions", decider, "{\"to\": \"review\"}", Map.of());
        api.send("POST", cycle + "/transitions", decider, "{\"to\": \"draft\"}", Map.of());
    }
}
