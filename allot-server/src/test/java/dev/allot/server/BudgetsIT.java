package dev.allot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.allot.core.model.CycleId;
import dev.allot.store.Role;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A cycle's GPU-hour budgets through the API: replaced, listed, audited, planned with, refused with every problem. */
class BudgetsIT {
    private static final CycleId CYCLE = CycleId.of("2026-12");

    @Test
    void aDeciderSetsBudgetsThatTheDraftSolveRespects() {
        try (TestServer server = new TestServer(2)) {
            ApiClient api = server.client;
            String decider = server.token(Role.DECIDER);

            ApiClient.Reply put = api.send(
                    "PUT",
                    "/api/cycles/2026-12/budgets",
                    decider,
                    "{\"budgets\": [{\"project\": \"project-0\", \"gpuType\": \"H100\", \"gpuHours\": 2688}]}",
                    Map.of());

            assertThat(put.status()).isEqualTo(200);
            JsonNode listed = api.get("/api/cycles/2026-12/budgets", server.token(Role.VIEWER))
                    .json()
                    .path("budgets");
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).path("gpuHours").asDouble()).isEqualTo(2688);
            assertThat(server.store.lab().export(CYCLE).budgets()).hasSize(1);
            JsonNode audit = api.get("/api/audit?entity=budgets", server.token(Role.ADMIN))
                    .json();
            assertThat(audit.toString()).contains("2688");

            // 2,688 GPU-hours over the cycle's 56 days: at most 2 H100 on average
            assertThat(api.send("POST", "/api/cycles/2026-12/transitions", decider, "{\"to\": \"review\"}", Map.of())
                            .status())
                    .isEqualTo(200);
            api.send("POST", "/api/cycles/2026-12/transitions", decider, "{\"to\": \"draft\"}", Map.of());
            ApiClient.Reply draft = api.send("POST", "/api/cycles/2026-12/draft", decider, "{}", Map.of());
            assertThat(draft.status()).as(draft.body()).isEqualTo(201);
            assertThat(draft.body()).contains("budgets").contains("2688");
        }
    }

    @Test
    void thePortfolioCarriesEachBudgetsBurnDownAndFlagsOneThatRunsOut() {
        try (TestServer server = new TestServer(2)) {
            ApiClient api = server.client;
            String admin = server.token(Role.ADMIN);
            api.send(
                    "PUT",
                    "/api/cycles/2026-12/budgets",
                    admin,
                    "{\"budgets\": [{\"project\": \"project-0\", \"gpuType\": \"H100\", \"gpuHours\": 1000},"
                            + " {\"project\": \"project-1\", \"gpuType\": \"A100\", \"gpuHours\": 500}]}",
                    Map.of());
            java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
            String usage = "{\"days\": [{\"project\": \"project-0\", \"gpuType\": \"H100\", \"day\": \"%s\","
                    + " \"gpuHours\": 600}, {\"project\": \"project-0\", \"gpuType\": \"H100\", \"day\": \"%s\","
                    + " \"gpuHours\": 600}]}";
            ApiClient.Reply recorded =
                    api.send("POST", "/api/usage", admin, String.format(usage, today.minusDays(1), today), Map.of());
            assertThat(recorded.status()).as(recorded.body()).isLessThan(300);

            JsonNode projects = api.get("/api/cycles/2026-12/portfolio", server.token(Role.VIEWER))
                    .json()
                    .path("projects");

            JsonNode spent = projects.get(0).path("budgets").get(0);
            assertThat(spent.path("gpuType").asText()).isEqualTo("H100");
            assertThat(spent.path("usedGpuHours").asDouble()).isEqualTo(1200);
            assertThat(spent.path("remainingGpuHours").asDouble()).isZero();
            assertThat(spent.path("spent").asBoolean()).isTrue();
            assertThat(spent.path("runsOut").asBoolean()).isTrue();
            assertThat(spent.path("exhaustedOn").asText()).isEqualTo(today.toString());
            JsonNode idle = projects.get(1).path("budgets").get(0);
            assertThat(idle.path("usedGpuHours").asDouble()).isZero();
            assertThat(idle.path("runsOut").asBoolean()).isFalse();
            assertThat(idle.path("exhaustedOn").isNull()).isTrue();
        }
    }

    @Test
    void badBudgetsAreRefusedWithEveryProblemAndNothingIsStored() {
        try (TestServer server = new TestServer(2)) {
            ApiClient api = server.client;
            String admin = server.token(Role.ADMIN);

            ApiClient.Reply bad = api.send(
                    "PUT",
                    "/api/cycles/2026-12/budgets",
                    admin,
                    "{\"budgets\": [{\"project\": \"project-9\", \"gpuType\": \"H1OO\", \"gpuHours\": -5},"
                            + " {\"project\": \"project-1\", \"gpuType\": \"A100\", \"gpuHours\": 10},"
                            + " {\"project\": \"project-1\", \"gpuType\": \"A100\", \"gpuHours\": 20}]}",
                    Map.of());
            ApiClient.Reply lead = api.send(
                    "PUT", "/api/cycles/2026-12/budgets", server.token(Role.LEAD), "{\"budgets\": []}", Map.of());
            ApiClient.Reply missing = api.send(
                    "PUT",
                    "/api/cycles/2026-12/budgets",
                    admin,
                    "{\"budgets\": [{\"project\": \"project-1\"}]}",
                    Map.of());

            assertThat(bad.status()).isEqualTo(422);
            assertThat(bad.json().path("problems").findValuesAsText("field"))
                    .containsExactly(
                            "budgets[0].project", "budgets[0].gpuType", "budgets[0].gpuHours", "budgets[2].project");
            assertThat(bad.body()).contains("H100").contains("has two budgets of A100");
            assertThat(lead.status()).isEqualTo(403);
            assertThat(missing.status()).isEqualTo(422);
            assertThat(missing.json().path("problems").findValuesAsText("field"))
                    .containsExactly("budgets[0].gpuType", "budgets[0].gpuHours");
            assertThat(server.store.lab().export(CYCLE).budgets()).isEmpty();
        }
    }

    @Test
    void aCategoryBudgetIsStoredListedAndBurnsDownOverItsProjectsInThePortfolio() {
        try (TestServer server = new TestServer(2)) {
            ApiClient api = server.client;
            String admin = server.token(Role.ADMIN);
            String category = server.store
                    .lab()
                    .export(CYCLE)
                    .projects()
                    .get(0)
                    .category()
                    .value();

            ApiClient.Reply put = api.send(
                    "PUT",
                    "/api/cycles/2026-12/budgets",
                    admin,
                    "{\"budgets\": [{\"category\": \"" + category + "\", \"gpuType\": \"H100\", \"gpuHours\": 1000},"
                            + " {\"project\": \"project-1\", \"gpuType\": \"A100\", \"gpuHours\": 500}]}",
                    Map.of());
            assertThat(put.status()).as(put.body()).isEqualTo(200);
            JsonNode listed = api.get("/api/cycles/2026-12/budgets", server.token(Role.VIEWER))
                    .json()
                    .path("budgets");
            assertThat(listed.get(0).path("category").asText()).isEqualTo(category);
            assertThat(listed.get(0).has("project")).isFalse();
            assertThat(listed.get(1).path("project").asText()).isEqualTo("project-1");
            java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
            String usage = "{\"days\": [{\"project\": \"project-0\", \"gpuType\": \"H100\", \"day\": \"%s\","
                    + " \"gpuHours\": 300}]}";
            api.send("POST", "/api/usage", admin, String.format(usage, today), Map.of());

            JsonNode portfolio = api.get("/api/cycles/2026-12/portfolio", server.token(Role.VIEWER))
                    .json();

            JsonNode burn = portfolio.path("categoryBudgets").get(0);
            assertThat(burn.path("category").asText()).isEqualTo(category);
            assertThat(burn.path("usedGpuHours").asDouble()).isEqualTo(300);
            assertThat(burn.path("remainingGpuHours").asDouble()).isEqualTo(700);
            assertThat(burn.path("exhaustedOn").asText()).isNotEmpty();
            assertThat(portfolio.path("projects").get(0).path("budgets")).isEmpty();
        }
    }

    @Test
    void badCategoryBudgetsAreRefusedWithAPointerToEachField() {
        try (TestServer server = new TestServer(2)) {
            ApiClient.Reply bad = server.client.send(
                    "PUT",
                    "/api/cycles/2026-12/budgets",
                    server.token(Role.ADMIN),
                    "{\"budgets\": [{\"category\": \"prodcut\", \"gpuType\": \"H100\", \"gpuHours\": 5},"
                            + " {\"category\": \"product\", \"project\": \"project-1\", \"gpuType\": \"H100\","
                            + " \"gpuHours\": -1}]}",
                    Map.of());

            assertThat(bad.status()).isEqualTo(422);
            assertThat(bad.json().path("problems").findValuesAsText("pointer"))
                    .containsExactly("/budgets/0/category", "/budgets/1/category", "/budgets/1/gpuHours");
            assertThat(bad.body()).contains("Maybe product?");
            assertThat(server.store.lab().export(CYCLE).budgets()).isEmpty();
        }
    }
}
