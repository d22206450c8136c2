package dev.allot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.lab.DemoLab;
import dev.allot.store.Role;
import dev.allot.store.TestLabs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Draft solves as jobs over HTTP: start (202 + Location), poll, cancel, one at a time per cycle. */
class SolveJobsIT {
    private static final String CYCLE = "/api/cycles/2026-12";

    @Test
    void aStartedSolveAnswers202WithItsLocationAndEndsDoneWithTheDraftsLink() {
        try (TestServer server = new TestServer(6)) {
            String decider = server.token(Role.DECIDER);
            drafting(server, decider, CYCLE);

            ApiClient.Reply started = server.client.send("POST", CYCLE + "/solves", decider, null, Map.of());
            JsonNode done = poll(server, started.header("Location"), server.token(Role.ADMIN));

            assertThat(started.status()).as(started.body()).isEqualTo(202);
            assertThat(started.header("Location")).matches("/api/cycles/2026-12/solves/[0-9a-f]{16}");
            assertThat(started.header("Retry-After")).isEqualTo("1");
            assertThat(started.json().path("state").asText()).isEqualTo("running");
            assertThat(done.path("state").asText()).isEqualTo("done");
            assertThat(done.path("draft").path("href").asText()).isEqualTo(CYCLE + "/draft");
            assertThat(done.path("incumbent").isNumber()).isTrue();
            assertThat(done.path("gap").asDouble()).isBetween(0.0, 0.001);
            ApiClient.Reply draft = server.client.get(CYCLE + "/draft", decider);
            assertThat(draft.json().path("version").asInt())
                    .isEqualTo(done.path("draft").path("version").asInt());
            conformsToTheOpenApiSchema(server, done);
        }
    }

    @Test
    void aSecondStartIsA409NamingTheRunningJobAndACancelledJobStoresNothing() {
        PlannerOptions exact =
                PlannerOptions.defaults().withRelativeGap(0).withExplain(false).withTimeLimit(Duration.ofSeconds(60));
        try (TestServer server = new TestServer(DemoLab.generate(42), Planner.create(exact))) {
            String decider = server.token(Role.DECIDER);
            String cycle = "/api/cycles/" + DemoLab.CYCLE.value();
            drafting(server, decider, cycle);

            ApiClient.Reply started = server.client.send("POST", cycle + "/solves", decider, null, Map.of());
            String job = started.json().path("id").asText();
            ApiClient.Reply second = server.client.send("POST", cycle + "/solves", decider, null, Map.of());
            ApiClient.Reply sync = server.client.send("POST", cycle + "/draft", decider, null, Map.of());
            ApiClient.Reply cancelled =
                    server.client.send("POST", started.header("Location") + "/cancel", decider, null, Map.of());
            ApiClient.Reply again =
                    server.client.send("POST", started.header("Location") + "/cancel", decider, null, Map.of());

            assertThat(second.status()).isEqualTo(409);
            assertThat(second.code()).isEqualTo("solve-running");
            assertThat(second.json().path("detail").asText()).contains("job " + job, "ada");
            assertThat(sync.code()).isEqualTo("solve-running");
            assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
            assertThat(cancelled.json().path("state").asText()).isEqualTo("cancelled");
            assertThat(cancelled.json().path("cancelledBy").asText()).isEqualTo("ada");
            assertThat(cancelled.json().has("draft")).isFalse();
            assertThat(again.json().path("state").asText()).isEqualTo("cancelled");
            assertThat(server.client.get(cycle + "/draft", decider).status()).isEqualTo(404);
            // the slot is free again
            ApiClient.Reply next = server.client.send("POST", cycle + "/solves", decider, null, Map.of());
            assertThat(next.status()).isEqualTo(202);
            server.client.send("POST", next.header("Location") + "/cancel", decider, null, Map.of());
        }
    }

    @Test
    void aFailedSolveCarriesItsProblemAndAFinishedJobCannotBeCancelled() {
        var lab = TestLabs.overPinned();
        try (TestServer server = new TestServer(lab)) {
            String decider = server.token(Role.DECIDER);
            drafting(server, decider, CYCLE);

            ApiClient.Reply started = server.client.send("POST", CYCLE + "/solves", decider, null, Map.of());
            JsonNode failed = poll(server, started.header("Location"), decider);
            ApiClient.Reply late =
                    server.client.send("POST", started.header("Location") + "/cancel", decider, null, Map.of());

            assertThat(failed.path("state").asText()).isEqualTo("failed");
            assertThat(failed.path("problem").path("status").asInt()).isEqualTo(422);
            assertThat(failed.path("problem").path("code").asText()).isEqualTo("POLICY_INFEASIBLE");
            assertThat(failed.path("problem").path("detail").asText()).contains("vision", "speech");
            assertThat(late.status()).isEqualTo(409);
            assertThat(late.code()).isEqualTo("solve-finished");
            conformsToTheOpenApiSchema(server, failed);
        }
    }

    @Test
    void unknownAndMalformedJobIdsAreClearProblems() {
        try (TestServer server = new TestServer(2)) {
            String admin = server.token(Role.ADMIN);

            ApiClient.Reply unknown = server.client.get(CYCLE + "/solves/0123456789abcdef", admin);
            ApiClient.Reply malformed = server.client.get(CYCLE + "/solves/not-a-job", admin);

            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.code()).isEqualTo("solve-job-not-found");
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.json().path("detail").asText()).contains("not-a-job");
        }
    }

    private static JsonNode poll(TestServer server, String location, String token) {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode job = server.client.get(location, token).json();
        while (job.path("state").asText().equals("running") && System.nanoTime() < until) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            job = server.client.get(location, token).json();
        }
        return job;
    }

    private static void conformsToTheOpenApiSchema(TestServer server, JsonNode job) {
        JsonNode document = server.client.get("/openapi.json", null).json();
        List<String> mismatches = new ArrayList<>();
        SchemaConformance.conform(document, document.at("/components/schemas/SolveJob"), job, "SolveJob", mismatches);
        assertThat(mismatches).isEmpty();
    }

    private static void drafting(TestServer server, String decider, String cycle) {
        server.client.send("POST", cycle + "/transitions", decider, "{\"to\": \"review\"}", Map.of());
        server.client.send("POST", cycle + "/transitions", decider, "{\"to\": \"draft\"}", Map.of());
    }
}
