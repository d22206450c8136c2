package dev.allot.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.store.Role;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** One cycle through the API, step by step, as the deciders, a reviewer and a project lead live it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiFlowIT {
    private static final String CYCLE = "/api/cycles/2026-12";
    private TestServer server;
    private ApiClient api;

    @BeforeAll
    void start() {
        server = new TestServer(6);
        api = server.client;
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String token(Role role) {
        return server.token(role);
    }

    @Test
    @Order(1)
    void withoutATokenTheApiAnswers401WithAProblem() {
        ApiClient.Reply reply = api.get("/api/projects", null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.code()).isEqualTo("unauthenticated");
        assertThat(api.get("/health", null).json().path("status").asText()).isEqualTo("up");
    }

    @Test
    @Order(2)
    void aLeadEditsTheirOwnAskWithIfMatchAndNoOneElses() {
        ApiClient.Reply read = api.get(CYCLE + "/asks/project-0", token(Role.LEAD));
        String etag = read.header("ETag");
        String body = "{\"floorGpus\": 8, \"targetGpus\": 16, \"ceilingGpus\": 32, \"justification\": \"scaling\","
                + " \"evidence\": {\"links\": [\"https://wiki/p0\"], \"evalResults\": {\"mmlu\": 0.7}}}";

        ApiClient.Reply written =
                api.send("PUT", CYCLE + "/asks/project-0", token(Role.LEAD), body, Map.of("If-Match", etag));
        ApiClient.Reply stale =
                api.send("PUT", CYCLE + "/asks/project-0", token(Role.LEAD), body, Map.of("If-Match", etag));
        ApiClient.Reply other = api.send("PUT", CYCLE + "/asks/project-1", token(Role.LEAD), body, Map.of());

        assertThat(written.status()).isEqualTo(200);
        assertThat(written.header("ETag")).isNotEqualTo(etag);
        assertThat(written.json().at("/evidence/links/0").asText()).isEqualTo("https://wiki/p0");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.code()).isEqualTo("stale-version");
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json().path("detail").asText())
                .isEqualTo(
                        "User lead0 does not lead project project-1 (its lead is lead1). Maybe ask lead1 to edit it?");
    }

    @Test
    @Order(3)
    void validationListsEveryProblemAtOnce() {
        String body = "{\"floorGpus\": 32, \"targetGpus\": 16, \"ceilingGpus\": \"lots\", \"justification\": 7}";

        ApiClient.Reply reply = api.send("PUT", CYCLE + "/asks/project-0", token(Role.ADMIN), body, Map.of());

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.code()).isEqualTo("validation-failed");
        assertThat(reply.json().path("problems").findValuesAsText("field"))
                .containsExactly("ceilingGpus", "justification");
        assertThat(reply.json().at("/problems/0/reason").asText())
                .isEqualTo("must be a whole number from 0 to 1000000");
    }

    @Test
    @Order(4)
    void theCycleMovesThroughReviewWhereReviewersScore() {
        ApiClient.Reply refused =
                api.send("POST", CYCLE + "/transitions", token(Role.DECIDER), "{\"to\": \"draft\"}", Map.of());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("transition-not-allowed");

        assertThat(api.send("POST", CYCLE + "/transitions", token(Role.DECIDER), "{\"to\": \"review\"}", Map.of())
                        .json()
                        .path("state")
                        .asText())
                .isEqualTo("review");
        ApiClient.Reply score = api.send(
                "PUT",
                CYCLE + "/scores/project-0",
                token(Role.REVIEWER),
                "{\"score\": 9, \"comment\": \"promising\"}",
                Map.of());
        assertThat(score.status()).isEqualTo(200);
        assertThat(score.json().path("reviewer").asText()).isEqualTo("rev");
        assertThat(api.send("POST", CYCLE + "/transitions", token(Role.DECIDER), "{\"to\": \"draft\"}", Map.of())
                        .status())
                .isEqualTo(200);
    }

    @Test
    @Order(5)
    void decidersSolvePinAndResolveAndOnlyOneOfTwoConcurrentPublishesWins() {
        ApiClient.Reply pin = api.send(
                "PUT",
                CYCLE + "/pins/project-2",
                token(Role.DECIDER),
                "{\"gpus\": {\"H100\": 16}, \"reason\": \"milestone\"}",
                Map.of());
        assertThat(pin.status()).isEqualTo(200);
        ApiClient.Reply draft = api.send("POST", CYCLE + "/draft", token(Role.DECIDER), null, Map.of());
        assertThat(draft.status()).isEqualTo(201);
        assertThat(draft.json().at("/plan/projects").findValuesAsText("project"))
                .contains("project-2");
        String etag = draft.header("ETag");

        ApiClient.Reply resolved =
                api.send("POST", CYCLE + "/draft", token(Role.DECIDER), null, Map.of("If-Match", etag));
        ApiClient.Reply first = api.approveAndPublish(CYCLE, token(Role.DECIDER), "v1", resolved.header("ETag"));
        ApiClient.Reply second = api.send(
                "POST", CYCLE + "/publish", token(Role.DECIDER), "{\"note\": \"v1\"}", Map.of("If-Match", etag));

        assertThat(resolved.status()).isEqualTo(201);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().path("version").asInt()).isEqualTo(1);
        assertThat(second.status()).isEqualTo(412);
        assertThat(api.get(CYCLE + "/plans", token(Role.VIEWER)).json()).hasSize(1);
        assertThat(api.get(CYCLE, token(Role.VIEWER)).json().path("state").asText())
                .isEqualTo("published");
    }

    @Test
    @Order(6)
    void thePortfolioIsCachedByETagAndTheDiffNamesEveryProject() {
        ApiClient.Reply portfolio = api.get(CYCLE + "/portfolio", token(Role.VIEWER));
        ApiClient.Reply again = api.send(
                "GET",
                CYCLE + "/portfolio",
                token(Role.VIEWER),
                null,
                Map.of("If-None-Match", portfolio.header("ETag")));

        assertThat(portfolio.json().path("projects")).hasSize(6);
        assertThat(portfolio.json().at("/projects/2/grant/H100").asInt()).isEqualTo(16);
        assertThat(again.status()).isEqualTo(304);
        assertThat(api.get(CYCLE + "/diff", token(Role.DECIDER)).json().path("projects"))
                .hasSize(6);
        assertThat(api.get("/api/projects/project-2/history", token(Role.VIEWER))
                        .json()
                        .at("/cycles/0/granted/gpus/H100")
                        .asInt())
                .isEqualTo(16);
    }

    @Test
    @Order(7)
    void unknownThingsAre404ProblemsNot500s() {
        assertThat(api.get("/api/projects/nope", token(Role.VIEWER)).code()).isEqualTo("project-not-found");
        assertThat(api.get("/api/cycles/1999-01/plans/7", token(Role.VIEWER)).status())
                .isEqualTo(404);
        assertThat(api.get("/api/nothing-here", token(Role.VIEWER)).code()).isEqualTo("route-not-found");
        assertThat(api.get("/api/projects/NOT%20A%20SLUG", token(Role.VIEWER)).code())
                .isEqualTo("invalid-path");
    }

    @Test
    @Order(8)
    void anOversizedBodyIsRefusedWith413() {
        String body = "{\"id\": \"big\", \"name\": \"" + "x".repeat(1_100_000) + "\"}";

        ApiClient.Reply reply = api.send("POST", "/api/projects", token(Role.ADMIN), body, Map.of());
        if (reply.status() == ApiClient.CLOSED) {
            // About one run in twenty the client sees the connection closed instead of the answer (the server answers
            // 413 without reading the body and closes; the fuzz tests accept that too). Asked again, the answer must
            // be the problem: a closed connection twice in a row fails.
            reply = api.send("POST", "/api/projects", token(Role.ADMIN), body, Map.of());
        }

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.code()).isEqualTo("body-too-large");
    }

    @Test
    @Order(9)
    void metricsCountRequestsByRouteTemplate() {
        String metrics = api.get("/metrics", null).body();

        assertThat(metrics)
                .contains("allot_http_requests_seconds_count{method=\"GET\",route=\"/api/cycles/{cycle}/portfolio\"");
        assertThat(metrics).contains("jetty_threads_current");
    }
}
