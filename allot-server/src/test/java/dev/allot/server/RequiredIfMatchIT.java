package dev.allot.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.store.Role;
import dev.allot.store.TestLabs;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A server run with {@code --require-if-match} refuses writes that send no {@code If-Match}, and writes nothing. */
class RequiredIfMatchIT {
    private static final String CYCLE = "/api/cycles/2026-12";

    private static TestServer server(boolean require) {
        return new TestServer(
                TestLabs.shaped(3, 42).build(),
                Planner.create(PlannerOptions.defaults()),
                AllotServer.Settings.defaults().withRequireIfMatch(require));
    }

    @Test
    void aWriteWithoutIfMatchIsRefusedWith428AndNothingIsWritten() {
        try (TestServer server = server(true)) {
            ApiClient api = server.client;
            String decider = server.token(Role.DECIDER);
            String cycleEtag = api.get(CYCLE, decider).header("ETag");
            assertThat(api.send("POST", CYCLE + "/transitions", decider, "{\"to\": \"review\"}", Map.of())
                            .status())
                    .isEqualTo(428);
            assertThat(api.get(CYCLE, decider).json().path("state").asText()).isEqualTo("open");

            assertThat(api.send(
                                    "POST",
                                    CYCLE + "/transitions",
                                    decider,
                                    "{\"to\": \"review\"}",
                                    Map.of("If-Match", cycleEtag))
                            .status())
                    .isEqualTo(200);

            ApiClient.Reply refused =
                    api.send("PUT", CYCLE + "/pins/project-1", decider, "{\"gpus\": {\"H100\": 8}}", Map.of());
            assertThat(refused.status()).as(refused.body()).isEqualTo(428);
            assertThat(refused.code()).isEqualTo("if-match-required");
            assertThat(refused.json().at("/problems/0/field").asText()).isEqualTo("If-Match");
            assertThat(refused.json().path("detail").asText()).contains("PUT " + CYCLE + "/pins/project-1");
            assertThat(api.get(CYCLE + "/pins/project-1", decider).status())
                    .as("the refused pin was not stored")
                    .isEqualTo(404);

            assertThat(api.send(
                                    "PUT",
                                    CYCLE + "/pins/project-1",
                                    decider,
                                    "{\"gpus\": {\"H100\": 8}}",
                                    Map.of("If-Match", "*"))
                            .status())
                    .as("If-Match: * says on purpose: whatever is current")
                    .isBetween(200, 201);
            String pinEtag = api.get(CYCLE + "/pins/project-1", decider).header("ETag");
            assertThat(api.send(
                                    "PUT",
                                    CYCLE + "/pins/project-1",
                                    decider,
                                    "{\"gpus\": {\"H100\": 16}}",
                                    Map.of("If-Match", pinEtag))
                            .status())
                    .isEqualTo(200);
            assertThat(api.get(CYCLE + "/pins/project-1", decider).status()).isEqualTo(200);
        }
    }

    @Test
    void byDefaultIfMatchStaysOptional() {
        try (TestServer server = server(false)) {
            ApiClient api = server.client;
            String decider = server.token(Role.DECIDER);
            assertThat(api.send("POST", CYCLE + "/transitions", decider, "{\"to\": \"review\"}", Map.of())
                            .status())
                    .isEqualTo(200);
            assertThat(api.send("PUT", CYCLE + "/pins/project-1", decider, "{\"gpus\": {\"H100\": 8}}", Map.of())
                            .status())
                    .isBetween(200, 201);
        }
    }
}
