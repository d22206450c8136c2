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
}
