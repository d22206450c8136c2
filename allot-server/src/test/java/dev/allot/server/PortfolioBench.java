package dev.allot.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.CycleId;
import dev.allot.core.model.Plan;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.store.Actor;
import dev.allot.store.CycleState;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.TestLabs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Read throughput of the API on a 300-project portfolio with a published plan, over an embedded H2 file. Not part
 * of the normal build (its name matches neither *Test nor *IT); run it as docs/benchmarks.md says.
 * {@code -Dbench.db=postgres} runs it on the embedded PostgreSQL instead.
 */
class PortfolioBench {
    private static final CycleId CYCLE = CycleId.of("2026-12");

    @Test
    void readsOfThePortfolio() throws Exception {
        Path folder = Files.createTempDirectory("allot-bench");
        Actor admin = new Actor("root", Role.ADMIN);
        Actor decider = new Actor("ada", Role.DECIDER);
        boolean postgres = "postgres".equals(System.getProperty("bench.db"));
        try (Store store = postgres
                ? dev.allot.store.Databases.postgres()
                : Store.open("jdbc:h2:file:" + folder.resolve("bench"), null, null)) {
            store.lab().importLab(TestLabs.shaped(300, 42).build(), admin);
            store.cycles().transition(CYCLE, CycleState.REVIEW, null, admin);
            store.cycles().transition(CYCLE, CycleState.DRAFT, null, admin);
            Planner planner = Planner.create(PlannerOptions.defaults());
            Plan plan = planner.plan(store.lab().export(CYCLE));
            store.plans().saveDraft(CYCLE, plan, null, decider);
            store.plans().publish(CYCLE, null, "bench", decider);
            String token =
                    store.tokens().create("val", Role.VIEWER, "bench", admin).token();
            AllotServer server = AllotServer.create(store, planner).start("127.0.0.1", 0);
            try {
                int connections = Integer.getInteger("bench.connections", 8);
                double seconds = Double.parseDouble(System.getProperty("bench.seconds", "20"));
                for (String path : new String[] {
                    "/api/cycles/2026-12/portfolio", "/api/projects/project-7", "/api/cycles/2026-12/asks/project-7"
                }) {
                    LoadLoop.run(server.port(), path, token, connections, 5);
                    LoadLoop.Result result = LoadLoop.run(server.port(), path, token, connections, seconds);
                    System.out.printf(
                            "BENCH %-8s %-40s %8.0f req/s  p50 %6d us  p99 %6d us  %d requests, %d errors,"
                                    + " %d connections, %.0f s%n",
                            postgres ? "postgres" : "h2",
                            path,
                            result.perSecond(),
                            result.p50Micros(),
                            result.p99Micros(),
                            result.requests(),
                            result.errors(),
                            connections,
                            result.seconds());
                    assertThat(result.errors()).isZero();
                }
            } finally {
                server.stop();
            }
        }
    }
}
