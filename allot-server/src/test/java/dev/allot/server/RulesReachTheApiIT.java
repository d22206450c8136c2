package dev.allot.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.store.Role;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The API reaches the rules in core: the bad ask the lab file and the web form refuse, with the same code. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RulesReachTheApiIT {
    private TestServer server;

    @BeforeAll
    void start() {
        server = new TestServer(2);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void aFloorAboveTheTargetIsA422WithTheCoreRuleCodeAndAPointer() {
        String body = "{\"floorGpus\": 24, \"targetGpus\": 16, \"ceilingGpus\": 32, \"justification\": \"why\"}";

        ApiClient.Reply reply = server.client.send(
                "PUT", "/api/cycles/2026-12/asks/project-0", server.token(Role.ADMIN), body, Map.of());

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().at("/problems/0/code").asText()).isEqualTo("ask-floor-above-target");
        assertThat(reply.json().at("/problems/0/pointer").asText()).isEqualTo("/floorGpus");
    }

    @Test
    void aPinOnAGpuTypeTheLabLacksNamesTheKnownTypes() {
        ApiClient.Reply reply = server.client.send(
                "PUT",
                "/api/cycles/2026-12/pins/project-0",
                server.token(Role.DECIDER),
                "{\"gpus\": {\"B200\": 8}}",
                Map.of());

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().at("/problems/0/code").asText()).isEqualTo("unknown-gpu-type");
        assertThat(reply.json().at("/problems/0/pointer").asText()).isEqualTo("/gpus/B200");
        assertThat(reply.json().at("/problems/0/hint").asText()).contains("H100", "A100");
    }

    @Test
    void shareMinimumsAboveAllCapacityAreRefusedAsTheLabFileRefusesThem() {
        String body = "{\"shareBounds\": [{\"category\": \"safety\", \"minShare\": 0.6},"
                + " {\"category\": \"product\", \"minShare\": 0.6}]}";

        ApiClient.Reply reply =
                server.client.send("PUT", "/api/cycles/2026-12/policy", server.token(Role.DECIDER), body, Map.of());

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().at("/problems/0/code").asText()).isEqualTo("share-minimums-above-100");
    }

    @Test
    void aJobShapeIsCheckedAgainstTheAskAndThePoolsWithEveryProblemAtOnce() {
        String body = "{\"floorGpus\": 8, \"targetGpus\": 16, \"ceilingGpus\": 32, \"gpuTypes\": [\"A100\"],"
                + " \"jobShape\": {\"largestJobGpus\": 900000, \"gpuTypes\": [\"H100\", \"B200\", \"A100\"]}}";

        ApiClient.Reply reply = server.client.send(
                "PUT", "/api/cycles/2026-12/asks/project-0", server.token(Role.ADMIN), body, Map.of());

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().at("/problems/0/code").asText()).isEqualTo("job-shape-type-not-asked");
        assertThat(reply.json().at("/problems/0/pointer").asText()).isEqualTo("/jobShape/gpuTypes/0");
        assertThat(reply.json().at("/problems/1/code").asText()).isEqualTo("unknown-gpu-type");
        assertThat(reply.json().at("/problems/1/pointer").asText()).isEqualTo("/jobShape/gpuTypes/1");
        assertThat(reply.json().at("/problems/2/code").asText()).isEqualTo("job-shape-above-pool");
        assertThat(reply.json().at("/problems/2/pointer").asText()).isEqualTo("/jobShape/gpuTypes/2");
    }

    @Test
    void aJobShapeAndTheStrictSettingAreStoredAndReadBack() {
        String body = "{\"floorGpus\": 8, \"targetGpus\": 16, \"ceilingGpus\": 32,"
                + " \"jobShape\": {\"largestJobGpus\": 16, \"gpuTypes\": [\"H100\"]}}";

        ApiClient.Reply put = server.client.send(
                "PUT", "/api/cycles/2026-12/asks/project-1", server.token(Role.ADMIN), body, Map.of());
        ApiClient.Reply policy = server.client.send(
                "PUT",
                "/api/cycles/2026-12/policy",
                server.token(Role.DECIDER),
                "{\"jobShapes\": \"strict\"}",
                Map.of());
        ApiClient.Reply wrong = server.client.send(
                "PUT",
                "/api/cycles/2026-12/policy",
                server.token(Role.DECIDER),
                "{\"jobShapes\": \"strictly\"}",
                Map.of());

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().at("/ask/jobShape/largestJobGpus").asInt()).isEqualTo(16);
        assertThat(put.json().at("/ask/jobShape/gpuTypes/0").asText()).isEqualTo("H100");
        assertThat(policy.status()).isEqualTo(200);
        assertThat(policy.json().toString()).contains("\"jobShapes\":\"strict\"");
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.json().at("/problems/0/code").asText()).isEqualTo("job-shapes-unknown");
    }
}
