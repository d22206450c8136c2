package dev.allot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.allot.core.model.Policy;
import dev.allot.core.model.TestPolicies;
import dev.allot.store.Json;
import dev.allot.store.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cycle created through the API starts from the previous cycle: its whole policy, its asks carried over; leads
 * confirm them, and {@code GET .../asks?state=} lists who has not.
 */
class AskCarryOverIT {
    private static final String NEXT = "/api/cycles/2027-01";
    private TestServer server;

    @BeforeEach
    void start() {
        server = new TestServer(dev.allot.store.TestLabs.shaped(4, 42)
                .project("silent", "exploratory", "lead9")
                .build());
        String decider = server.token(Role.DECIDER);
        server.client.send(
                "PUT", "/api/cycles/2026-12/policy", decider, Json.write(TestPolicies.everyFieldChanged()), Map.of());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ApiClient.Reply createNext(String extra) {
        return server.client.send(
                "POST",
                "/api/cycles",
                server.token(Role.ADMIN),
                "{\"id\": \"2027-01\", \"start\": \"2027-01-01\"" + extra + "}",
                Map.of());
    }

    @Test
    void aCreatedCycleHasThePreviousPolicyTheDeadlineAndCarriedAsks() {
        ApiClient.Reply created = createNext(", \"askDeadline\": \"2026-12-20\"");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(Json.read(created.json().path("policy").toString(), Policy.class))
                .isEqualTo(TestPolicies.everyFieldChanged());
        assertThat(created.json().path("policy").path("noAsk").asText()).isEqualTo("release");
        assertThat(created.json().path("askDeadline").asText()).isEqualTo("2026-12-20");
        JsonNode asks =
                server.client.get(NEXT + "/asks", server.token(Role.VIEWER)).json();
        assertThat(asks).isNotEmpty();
        assertThat(asks.findValuesAsText("state")).containsOnly("carried");
        assertThat(server.client
                        .get(NEXT + "/asks?state=confirmed", server.token(Role.VIEWER))
                        .json())
                .isEmpty();
    }

    @Test
    void aPolicyInTheCreateBodyEditsThePreviousPolicy() {
        ApiClient.Reply created = createNext(", \"policy\": {\"noAsk\": \"floorOnly\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(Json.read(created.json().path("policy").toString(), Policy.class))
                .isEqualTo(TestPolicies.everyFieldChanged()
                        .edit()
                        .noAsk(dev.allot.core.model.NoAsk.FLOOR_ONLY)
                        .build());
    }

    @Test
    void theLeadConfirmsItsCarriedAskAndItLeavesTheUnconfirmedList() {
        createNext("");
        String lead = server.token(Role.LEAD);

        ApiClient.Reply confirmed = server.client.send("POST", NEXT + "/asks/project-0/confirm", lead, null, Map.of());
        ApiClient.Reply again = server.client.send("POST", NEXT + "/asks/project-0/confirm", lead, null, Map.of());
        ApiClient.Reply notTheirs = server.client.send("POST", NEXT + "/asks/project-1/confirm", lead, null, Map.of());

        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().path("state").asText()).isEqualTo("confirmed");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("ask-not-carried-over");
        assertThat(notTheirs.status()).isEqualTo(403);
        assertThat(projects(NEXT + "/asks?state=confirmed")).containsExactly("project-0");
        assertThat(projects(NEXT + "/asks?state=carried"))
                .doesNotContain("project-0")
                .isNotEmpty();
    }

    @Test
    void aProjectWithoutAnAskIsListedAsMissingWithItsLead() {
        createNext("");

        JsonNode missing = server.client
                .get(NEXT + "/asks?state=missing", server.token(Role.VIEWER))
                .json();

        assertThat(missing).hasSize(1);
        assertThat(missing.get(0).path("project").asText()).isEqualTo("silent");
        assertThat(missing.get(0).path("lead").asText()).isEqualTo("lead9");
        assertThat(missing.get(0).path("ask").isNull()).isTrue();
        assertThat(projects(NEXT + "/asks")).doesNotContain("silent");
    }

    @Test
    void aStateThatIsNoAskStateIsA422NamingTheParameter() {
        createNext("");

        ApiClient.Reply reply = server.client.get(NEXT + "/asks?state=late", server.token(Role.VIEWER));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.code()).isEqualTo("ask-state");
        assertThat(reply.json().at("/problems/0/field").asText()).isEqualTo("state");
        assertThat(reply.json().at("/problems/0/value").asText()).isEqualTo("late");
    }

    @Test
    void theAskDeadlineCanBeSetAndCleared() {
        createNext("");
        String decider = server.token(Role.DECIDER);

        ApiClient.Reply set = server.client.send(
                "PUT", NEXT + "/ask-deadline", decider, "{\"askDeadline\": \"2026-12-24\"}", Map.of());
        ApiClient.Reply bad =
                server.client.send("PUT", NEXT + "/ask-deadline", decider, "{\"askDeadline\": \"soon\"}", Map.of());
        ApiClient.Reply cleared = server.client.send("PUT", NEXT + "/ask-deadline", decider, "{}", Map.of());

        assertThat(set.json().path("askDeadline").asText()).isEqualTo("2026-12-24");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().at("/problems/0/field").asText()).isEqualTo("askDeadline");
        assertThat(cleared.json().path("askDeadline").isNull()).isTrue();
    }

    private List<String> projects(String path) {
        List<String> projects = new ArrayList<>();
        server.client
                .get(path, server.token(Role.VIEWER))
                .json()
                .forEach(s -> projects.add(s.path("project").asText()));
        return projects;
    }
}
