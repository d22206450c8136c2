package dev.allot.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Policy;
import dev.allot.core.model.TestPolicies;
import dev.allot.core.model.ValuePolicy;
import dev.allot.store.Json;
import dev.allot.store.Role;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code PUT /api/cycles/{id}/policy} keeps every policy field: those it names and those it leaves out. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyEditIT {
    private static final String CYCLE = "/api/cycles/2026-12";
    private TestServer server;

    @BeforeAll
    void start() {
        server = new TestServer(4);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void everyPolicyFieldSurvivesAPutAndAPartialEditKeepsTheRest() {
        Policy wanted = TestPolicies.everyFieldChanged();
        String token = server.token(Role.DECIDER);

        ApiClient.Reply put = server.client.send("PUT", CYCLE + "/policy", token, Json.write(wanted), Map.of());
        Policy afterPut = policy(token);
        ApiClient.Reply edit =
                server.client.send("PUT", CYCLE + "/policy", token, "{\"yieldNoticeDays\": 30}", Map.of());
        Policy afterEdit = policy(token);

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(afterPut).isEqualTo(wanted);
        assertThat(edit.status()).as(edit.body()).isEqualTo(200);
        assertThat(afterEdit).isEqualTo(wanted.edit().yieldNoticeDays(30).build());
    }

    @Test
    void everyBadFieldOfTheUsageRuleIsAFieldProblemAndNothingIsStored() {
        String token = server.token(Role.DECIDER);
        Policy before = policy(token);

        ApiClient.Reply bad = server.client.send(
                "PUT",
                CYCLE + "/policy",
                token,
                "{\"usage\": {\"idleBelow\": 1.5, \"action\": \"cap\", \"headroom\": -1}}",
                Map.of());
        ApiClient.Reply partial = server.client.send(
                "PUT", CYCLE + "/policy", token, "{\"usage\": {\"action\": \"capAtUsedPlusHeadroom\"}}", Map.of());

        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().findValuesAsText("field"))
                .containsExactly("usage.idleBelow", "usage.action", "usage.headroom");
        assertThat(partial.status()).as(partial.body()).isEqualTo(200);
        assertThat(policy(token))
                .isEqualTo(before.edit()
                        .usage(before.usage()
                                .withAction(dev.allot.core.model.UsagePolicy.Action.CAP_AT_USED_PLUS_HEADROOM))
                        .build());
    }

    @Test
    void aPolicyNamingWhatTheLabLacksIsRefusedByTheSameRuleAsTheWebFormAndNothingIsStored() {
        String token = server.token(Role.DECIDER);
        Policy before = policy(token);

        ApiClient.Reply bad = server.client.send(
                "PUT",
                CYCLE + "/policy",
                token,
                "{\"relations\": [{\"left\": \"exploratory\", \"factor\": 2, \"right\": \"prodcut\"}],"
                        + " \"reserveGpus\": {\"H100\": 1000000},"
                        + " \"value\": {\"worthPerProject\": {\"no-such-project\": 5}}}",
                Map.of());

        assertThat(bad.status()).as(bad.body()).isEqualTo(422);
        assertThat(bad.json().findValuesAsText("field"))
                .containsExactly("relations[0]", "reserveGpus.H100", "value.worthPerProject.no-such-project");
        assertThat(bad.body()).contains("Maybe product?");
        assertThat(policy(token)).isEqualTo(before);
    }

    @Test
    void aPlannerMayKillThatIsNotABooleanIsAFieldProblem() {
        ApiClient.Reply reply = server.client.send(
                "PUT", CYCLE + "/policy", server.token(Role.DECIDER), "{\"plannerMayKill\": \"yes\"}", Map.of());

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().at("/problems/0/field").asText()).isEqualTo("plannerMayKill");
    }

    @Test
    void theValueShortFormChangesOnlyTheBasisAndBadSettingsAreFieldProblems() {
        String token = server.token(Role.DECIDER);
        Policy before = policy(token);

        ApiClient.Reply shortForm =
                server.client.send("PUT", CYCLE + "/policy", token, "{\"value\": \"evidence\"}", Map.of());
        Policy after = policy(token);
        ApiClient.Reply bad = server.client.send(
                "PUT",
                CYCLE + "/policy",
                token,
                "{\"value\": {\"cycleHours\": 0, \"worthPerCategory\": {\"exploratory\": -2}}}",
                Map.of());

        assertThat(shortForm.status()).as(shortForm.body()).isEqualTo(200);
        assertThat(after)
                .isEqualTo(before.edit()
                        .value(before.value().withBasis(ValuePolicy.ValueBasis.EVIDENCE))
                        .build());
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().findValuesAsText("field"))
                .containsExactly("value.cycleHours", "value.worthPerCategory.exploratory");
        assertThat(policy(token)).isEqualTo(after);
    }

    private Policy policy(String token) {
        try {
            return Json.mapper()
                    .treeToValue(server.client.get(CYCLE, token).json().path("policy"), Policy.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
