package dev.allot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.allot.store.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Two people edit the same resource at once, both with the ETag they read: exactly one write lands, the other gets
 * 412 naming the version that is current now, and the stored resource is the winner's, whole. Every resource without
 * a version column of its own (scores, pins, overrides, a pool's capacity events, evidence) is raced several times.
 */
class ConcurrentEditsIT {
    private static final String CYCLE = "/api/cycles/2026-12";
    private static final int ROUNDS = 6;

    /**
     * One resource: where to read it and how to write it. Each edit puts its own tag (1 and the round for edit A, 2
     * and the round for B) where the body has {@code #}; {@code probe} with the tag is what a read shows of it.
     */
    private record Case(String name, Role role, String read, String method, String write, String body, String probe) {
        String body(int round, String edit) {
            return body.replace("#", tag(round, edit));
        }

        String probe(int round, String edit) {
            return probe.replace("#", tag(round, edit));
        }

        private static String tag(int round, String edit) {
            return (edit.equals("A") ? "1" : "2") + round;
        }
    }

    @Test
    void ofTwoEditsWithTheSameEtagOneWinsTheOtherGets412AndNothingIsLost() throws Exception {
        try (TestServer server = new TestServer(3);
                ExecutorService pool = Executors.newFixedThreadPool(2)) {
            ApiClient api = server.client;
            List<Case> open = List.of(
                    new Case(
                            "capacity events",
                            Role.ADMIN,
                            "/api/pools/east-h100/events",
                            "POST",
                            "/api/pools/east-h100/events",
                            "{\"kind\": \"outage\", \"gpus\": 8, \"from\": \"2027-01-10\", \"until\": \"2027-02-#\"}",
                            "\"until\":\"2027-02-#\""),
                    new Case(
                            "evidence",
                            Role.ADMIN,
                            "/api/projects/project-0/evidence?cycle=2026-12",
                            "POST",
                            "/api/projects/project-0/evidence",
                            evidence("loss-#"),
                            "loss-#"));
            List<Case> review = List.of(
                    new Case(
                            "pin",
                            Role.DECIDER,
                            CYCLE + "/pins/project-1",
                            "PUT",
                            CYCLE + "/pins/project-1",
                            "{\"gpus\": {\"H100\": 8}, \"reason\": \"edit #\"}",
                            "edit #"),
                    new Case(
                            "override",
                            Role.DECIDER,
                            CYCLE + "/overrides/project-2",
                            "PUT",
                            CYCLE + "/overrides/project-2",
                            "{\"action\": \"fund\", \"reason\": \"edit #\"}",
                            "edit #"),
                    new Case(
                            "score",
                            Role.REVIEWER,
                            CYCLE + "/scores/project-0",
                            "PUT",
                            CYCLE + "/scores/project-0",
                            "{\"score\": 7, \"comment\": \"edit #\"}",
                            "edit #"));
            List<String> failures = new ArrayList<>();
            for (Case c : open) {
                race(server, pool, c, failures);
            }
            ApiClient.Reply toReview = api.send(
                    "POST", CYCLE + "/transitions", server.token(Role.DECIDER), "{\"to\": \"review\"}", Map.of());
            assertThat(toReview.status()).as(toReview.body()).isEqualTo(200);
            for (Case c : review) {
                // the first edit creates the resource; from then on every edit names the version it read
                api.send(c.method(), c.write(), server.token(c.role()), c.body(0, "A"), Map.of());
                race(server, pool, c, failures);
            }
            assertThat(failures).isEmpty();
        }
    }

    @Test
    void ofTwoRemovalsWithTheSameEtagOneRemovesTheOtherGets412() {
        try (TestServer server = new TestServer(3)) {
            ApiClient api = server.client;
            String decider = server.token(Role.DECIDER);
            api.send("POST", CYCLE + "/transitions", decider, "{\"to\": \"review\"}", Map.of());
            api.send("PUT", CYCLE + "/pins/project-1", decider, "{\"gpus\": {\"H100\": 8}}", Map.of());
            String etag = api.get(CYCLE + "/pins/project-1", decider).header("ETag");

            ApiClient.Reply first =
                    api.send("DELETE", CYCLE + "/pins/project-1", decider, null, Map.of("If-Match", etag));
            ApiClient.Reply second =
                    api.send("DELETE", CYCLE + "/pins/project-1", decider, null, Map.of("If-Match", etag));
            ApiClient.Reply repinned = api.send(
                    "PUT", CYCLE + "/pins/project-1", decider, "{\"gpus\": {\"H100\": 16}}", Map.of("If-Match", etag));

            assertThat(first.status()).isEqualTo(204);
            assertThat(second.status()).as(second.body()).isEqualTo(412);
            assertThat(repinned.status())
                    .as("a pin removed since it was read cannot be edited with the old ETag")
                    .isEqualTo(412);
            assertThat(api.get(CYCLE + "/pins/project-1", decider).status()).isEqualTo(404);
        }
    }

    private static void race(TestServer server, ExecutorService pool, Case c, List<String> failures) throws Exception {
        ApiClient api = server.client;
        String token = server.token(c.role());
        for (int round = 1; round <= ROUNDS; round++) {
            ApiClient.Reply before = api.get(c.read(), token);
            String etag = before.header("ETag");
            if (before.status() != 200 || etag == null) {
                failures.add(c.name() + ": GET answered " + before.status() + " with ETag " + etag);
                return;
            }
            CyclicBarrier start = new CyclicBarrier(2);
            int r = round;
            CompletableFuture<ApiClient.Reply> a = CompletableFuture.supplyAsync(
                    () -> {
                        await(start);
                        return api.send(c.method(), c.write(), token, c.body(r, "A"), Map.of("If-Match", etag));
                    },
                    pool);
            CompletableFuture<ApiClient.Reply> b = CompletableFuture.supplyAsync(
                    () -> {
                        await(start);
                        return api.send(c.method(), c.write(), token, c.body(r, "B"), Map.of("If-Match", etag));
                    },
                    pool);
            ApiClient.Reply replyA = a.get();
            ApiClient.Reply replyB = b.get();
            boolean aWon = replyA.status() < 300;
            ApiClient.Reply winner = aWon ? replyA : replyB;
            ApiClient.Reply loser = aWon ? replyB : replyA;
            ApiClient.Reply after = api.get(c.read(), token);
            String where = c.name() + " round " + round + ": ";
            if (winner.status() >= 300 || loser.status() != 412) {
                failures.add(where + "statuses " + replyA.status() + " and " + replyB.status() + " " + loser.body());
                continue;
            }
            JsonNode problem = loser.json();
            String current = after.header("ETag");
            if (!problem.path("code").asText().equals("stale-version")
                    || !problem.at("/problems/0/field").asText().equals("If-Match")
                    || !problem.at("/problems/0/reason").asText().contains(current)) {
                failures.add(where + "the 412 does not name the current version " + current + ": " + loser.body());
            }
            if (!winner.header("ETag").equals(current) || current.equals(etag)) {
                failures.add(where + "ETag after the race " + current + ", winner's " + winner.header("ETag")
                        + ", before " + etag);
            }
            String won = c.probe(r, aWon ? "A" : "B");
            String lost = c.probe(r, aWon ? "B" : "A");
            if (!after.body().contains(won) || after.body().contains(lost)) {
                failures.add(where + "stored state is not the winner's (" + won + "): " + after.body());
            }
        }
    }

    private static String evidence(String metric) {
        return "{\"cycle\": \"2026-12\", \"format\": \"csv\", \"content\": \""
                + "metric,unit,direction,visibility,compute,compute_unit,value,stderr\\n"
                + metric + ",nats,lower,private,100,gpu-hours,3.10,0.01\\n"
                + metric + ",nats,lower,private,200,gpu-hours,2.95,0.01\\n"
                + metric + ",nats,lower,private,400,gpu-hours,2.85,0.01\\n\"}";
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
