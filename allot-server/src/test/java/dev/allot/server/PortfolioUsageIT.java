package dev.allot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.PastCycle;
import dev.allot.core.model.ProjectId;
import dev.allot.store.Role;
import dev.allot.store.TestLabs;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The portfolio carries what each project used of last cycle's grant, null where that is not known. */
class PortfolioUsageIT {
    @Test
    void thePortfolioCarriesLastCyclesUsedFractionAndTheIdleFlag() {
        var lab = TestLabs.shaped(3, 42)
                .history(new PastCycle(
                        CycleId.of("2026-11"),
                        Map.of(
                                ProjectId.of("project-0"), Allocation.of("H100", 16),
                                ProjectId.of("project-1"), Allocation.of("H100", 8)),
                        Map.of(ProjectId.of("project-0"), 0.25)))
                .build();
        try (TestServer server = new TestServer(lab)) {
            JsonNode projects = server.client
                    .get("/api/cycles/2026-12/portfolio", server.token(Role.VIEWER))
                    .json()
                    .path("projects");

            assertThat(projects.at("/0/id").asText()).isEqualTo("project-0");
            assertThat(projects.at("/0/usedFraction").asDouble()).isEqualTo(0.25);
            assertThat(projects.at("/0/idle").asBoolean()).isTrue();
            assertThat(projects.at("/1/usedFraction").isNull()).isTrue();
            assertThat(projects.at("/1/idle").isBoolean()).isTrue();
            assertThat(projects.at("/1/idle").asBoolean()).isFalse();
            assertThat(projects.at("/2/usedFraction").isNull()).isTrue();
        }
    }
}
