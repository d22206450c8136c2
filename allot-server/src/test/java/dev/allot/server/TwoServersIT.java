package dev.allot.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.store.Databases;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.TestLabs;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Two servers on one PostgreSQL database, each with its own store, connection pool and caches, as two {@code allot
 * serve} processes behind a load balancer: what is written through one is what the other reads next, its caches
 * included; a token and a session made on one work on the other; of two edits with the same ETag sent one to each,
 * exactly one lands.
 */
class TwoServersIT {
    private static final String CYCLE = "/api/cycles/2026-12";

    @Test
    void aWriteThroughOneServerIsTheNextReadOfTheOther() throws Exception {
        try (TwoServers two = new TwoServers()) {
            Store storeA = two.storeA;
            ApiClient onA = two.onA;
            ApiClient onB = two.onB;
            String lead = storeA.tokens()
                    .create("lead0", Role.LEAD, "test", TestServer.ROOT)
                    .token();
            String decider = storeA.tokens()
                    .create("ada", Role.DECIDER, "test", TestServer.ROOT)
                    .token();

            // B renders and caches the portfolio; A changes an ask; B's next read is the new one, not a 304
            ApiClient.Reply cached = onB.get(CYCLE + "/portfolio", lead);
            String ask = "{\"floorGpus\": 8, \"targetGpus\": 24, \"ceilingGpus\": 40, \"justification\": \"x\"}";
            ApiClient.Reply written = onA.send("PUT", CYCLE + "/asks/project-0", lead, ask, Map.of());
            long after = System.nanoTime();
            ApiClient.Reply revalidated =
                    onB.send("GET", CYCLE + "/portfolio", lead, null, Map.of("If-None-Match", cached.header("ETag")));
            ApiClient.Reply askOnB = onB.get(CYCLE + "/asks/project-0", lead);
            long millis = (System.nanoTime() - after) / 1_000_000;

            assertThat(cached.status()).isEqualTo(200);
            assertThat(written.status()).as(written.body()).isEqualTo(200);
            assertThat(revalidated.status())
                    .as("B's cache was invalidated by A's write")
                    .isEqualTo(200);
            assertThat(revalidated.json().at("/projects").findValuesAsText("id"))
                    .contains("project-0");
            assertThat(targetOf(revalidated, "project-0")).isEqualTo(24);
            assertThat(askOnB.header("ETag")).isEqualTo(written.header("ETag"));
            assertThat(millis).as("read on B right after the write on A").isLessThan(1_000);

            // a session started on A is good on B
            ApiClient.Reply session = onA.send("POST", "/api/sessions", lead, null, Map.of());
            String cookie = session.header("Set-Cookie").split(";")[0];
            assertThat(onB.send("GET", "/api/me", null, null, Map.of("Cookie", cookie))
                            .status())
                    .isEqualTo(200);

            // one pin edit to each server with the same ETag: the database lets exactly one through
            onA.send("POST", CYCLE + "/transitions", decider, "{\"to\": \"review\"}", Map.of());
            onA.send("PUT", CYCLE + "/pins/project-1", decider, "{\"gpus\": {\"H100\": 8}}", Map.of());
            String etag = onB.get(CYCLE + "/pins/project-1", decider).header("ETag");
            for (int round = 0; round < 5; round++) {
                String seen = round == 0
                        ? etag
                        : onA.get(CYCLE + "/pins/project-1", decider).header("ETag");
                CompletableFuture<ApiClient.Reply> viaA = pinEdit(onA, decider, "a" + round, seen);
                CompletableFuture<ApiClient.Reply> viaB = pinEdit(onB, decider, "b" + round, seen);
                List<Integer> statuses = List.of(viaA.get().status(), viaB.get().status());
                assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(200, 412);
                String stored = onB.get(CYCLE + "/pins/project-1", decider)
                        .json()
                        .path("reason")
                        .asText();
                assertThat(stored).isEqualTo(viaA.get().status() == 200 ? "a" + round : "b" + round);
            }
        }
    }

    @Test
    void twoHundredConcurrentApprovalsAndPublishesOverBothServersPublishExactlyOnce() throws Exception {
        try (TwoServers two = new TwoServers()) {
            Store storeA = two.storeA;
            Store storeB = two.storeB;
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
            try {
                List<ApiClient> servers = List.of(two.onA, two.onB);
                List<String> deciders = List.of("ada", "grace").stream()
                        .map(user -> storeA.tokens()
                                .create(user, Role.DECIDER, "test", TestServer.ROOT)
                                .token())
                        .toList();
                ApiClient onA = servers.get(0);
                onA.send("POST", CYCLE + "/transitions", deciders.get(0), "{\"to\": \"review\"}", Map.of());
                onA.send("POST", CYCLE + "/transitions", deciders.get(0), "{\"to\": \"draft\"}", Map.of());
                assertThat(onA.send("POST", CYCLE + "/draft", deciders.get(0), null, Map.of())
                                .status())
                        .isEqualTo(201);
                String publish = onA.publishBody(CYCLE, deciders.get(0), "agreed");

                // request i: approve (even) or publish (odd), by decider i/2 % 2, through server i/4 % 2
                List<CompletableFuture<ApiClient.Reply>> replies = new java.util.ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    ApiClient server = servers.get(i / 4 % 2);
                    String decider = deciders.get(i / 2 % 2);
                    boolean approve = i % 2 == 0;
                    replies.add(CompletableFuture.supplyAsync(
                            () -> approve
                                    ? server.send("POST", CYCLE + "/approvals", decider, null, Map.of())
                                    : server.send("POST", CYCLE + "/publish", decider, publish, Map.of()),
                            pool));
                }
                List<ApiClient.Reply> all = new java.util.ArrayList<>();
                for (CompletableFuture<ApiClient.Reply> reply : replies) {
                    all.add(reply.get());
                }

                Map<Integer, Long> statuses = all.stream()
                        .collect(java.util.stream.Collectors.groupingBy(
                                ApiClient.Reply::status,
                                java.util.TreeMap::new,
                                java.util.stream.Collectors.counting()));
                assertThat(statuses.keySet()).as("statuses %s", statuses).isSubsetOf(200, 201, 409);
                long published = all.stream()
                        .filter(r -> r.status() == 201 && r.json().has("version"))
                        .count();
                assertThat(published)
                        .as("publishes answered 201 (statuses %s)", statuses)
                        .isEqualTo(1);
                assertThat(onA.get(CYCLE + "/plans", deciders.get(0)).json()).hasSize(1);
                assertThat(servers.get(1).get(CYCLE + "/plans", deciders.get(1)).json())
                        .hasSize(1);
                List<dev.allot.store.AuditLog.Entry> audit = storeB.audit().list("plan", null, 1000);
                assertThat(audit).filteredOn(e -> e.action().equals("publish")).hasSize(1);
                assertThat(storeB.audit().list(null, null, 1000))
                        .filteredOn(e -> e.action().contains("approv"))
                        .extracting(dev.allot.store.AuditLog.Entry::actor)
                        .as("each decider's approval of the one draft, recorded once")
                        .containsExactlyInAnyOrder("ada", "grace");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static CompletableFuture<ApiClient.Reply> pinEdit(
            ApiClient client, String token, String reason, String etag) {
        return CompletableFuture.supplyAsync(() -> client.send(
                "PUT",
                CYCLE + "/pins/project-1",
                token,
                "{\"gpus\": {\"H100\": 8}, \"reason\": \"" + reason + "\"}",
                Map.of("If-Match", etag)));
    }

    private static int targetOf(ApiClient.Reply portfolio, String project) {
        for (var row : portfolio.json().path("projects")) {
            if (row.path("id").asText().equals(project)) {
                return row.at("/ask/targetGpus").asInt();
            }
        }
        return -1;
    }

    /** Two servers, each with its own store (connection pool, caches), on one new PostgreSQL database with a lab. */
    private static final class TwoServers implements AutoCloseable {
        final Store storeA;
        final Store storeB;
        final AllotServer a;
        final AllotServer b;
        final ApiClient onA;
        final ApiClient onB;

        TwoServers() {
            String url = Databases.postgresUrl();
            storeA = Store.open(url, "postgres", "postgres");
            storeB = Store.open(url, "postgres", "postgres");
            storeA.lab().importLab(TestLabs.shaped(3, 42).build(), TestServer.ROOT);
            a = AllotServer.create(storeA, Planner.create(PlannerOptions.defaults()))
                    .start("127.0.0.1", 0);
            b = AllotServer.create(storeB, Planner.create(PlannerOptions.defaults()))
                    .start("127.0.0.1", 0);
            onA = new ApiClient(a.port());
            onB = new ApiClient(b.port());
        }

        @Override
        public void close() {
            a.stop();
            b.stop();
            storeA.close();
            storeB.close();
        }
    }
}
