package dev.allot.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.lab.PlanDocument;
import dev.allot.lab.PlanSchema;
import dev.allot.store.Role;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The API serves the one outward plan format, allot.plan/v1, and its schema; drafts only to deciders. */
class PlanDocumentIT {
    private static final String CYCLE = "/api/cycles/2026-12";

    @Test
    void thePlanIsTheAllotPlanDocumentValidAgainstThePublishedSchemaInJsonAndYaml() {
        try (TestServer server = new TestServer(4)) {
            ApiClient api = server.client;
            String decider = server.token(Role.DECIDER);
            String viewer = server.token(Role.VIEWER);
            api.send("POST", CYCLE + "/transitions", decider, "{\"to\": \"review\"}", Map.of());
            api.send("POST", CYCLE + "/transitions", decider, "{\"to\": \"draft\"}", Map.of());
            api.send("POST", CYCLE + "/draft", decider, null, Map.of());

            assertThat(api.get(CYCLE + "/plan", viewer).status()).isEqualTo(404);
            ApiClient.Reply draft = api.get(CYCLE + "/plan", decider);
            assertThat(draft.status()).isEqualTo(200);

            assertThat(api.approveAndPublish(CYCLE, decider, "v1", null).status())
                    .isEqualTo(201);
            ApiClient.Reply json = api.get(CYCLE + "/plan", viewer);
            ApiClient.Reply yaml = api.send("GET", CYCLE + "/plan", viewer, null, Map.of("Accept", "application/yaml"));
            ApiClient.Reply schema = api.get("/schemas/plan-v1.json", null);

            assertThat(json.status()).isEqualTo(200);
            assertThat(json.header("Content-Type")).startsWith("application/vnd.allot.plan.v1+json");
            assertThat(PlanSchema.validate(json.body())).isEmpty();
            var published = server.store
                    .plans()
                    .latestPublished(dev.allot.core.model.CycleId.of("2026-12"))
                    .orElseThrow()
                    .plan();
            assertThat(json.body()).isEqualTo(PlanDocument.json(published));
            assertThat(yaml.header("Content-Type")).startsWith("application/yaml");
            assertThat(yaml.body()).isEqualTo(PlanDocument.yaml(published));
            assertThat(schema.status()).isEqualTo(200);
            assertThat(schema.body()).isEqualTo(PlanSchema.text());
        }
    }
}
