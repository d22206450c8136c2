package dev.allot.sim.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.allot.sim.SimOptions;
import dev.allot.sim.SimOutcome;
import dev.allot.sim.Simulator;
import dev.allot.sim.TestLab;
import dev.allot.sim.TestTrace;
import dev.allot.sim.policy.SharingPolicies;
import dev.allot.sim.trace.Trace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportsTest {
    private static final TestLab LAB = TestLab.lab()
            .type("A100", 1.0)
            .pool("A100", 8, 8)
            .project("p1", "exploratory", "A100:4")
            .project("p2", "product", "A100:4")
            .project("p3", "product", "");
    private static final Trace TRACE = TestTrace.trace()
            .job("p1", 0, 4, 100)
            .job("p1", 0, 4, 100)
            .job("p2", 10, 2, 50)
            .build();

    private static List<SimOutcome> outcomes() {
        return Simulator.create(SimOptions.defaults().withSeed(42).withGroupToProject(Map.of("p1", "p1", "p2", "p2")))
                .compare(
                        LAB.buildLab(),
                        LAB.buildPlan(),
                        TRACE,
                        List.of(SharingPolicies.byName("strict"), SharingPolicies.byName("lending")),
                        null);
    }

    @Test
    void theSummaryTableShowsThePoliciesSideBySide() {
        String table = SummaryTable.render(outcomes());

        assertThat(table.lines().findFirst().orElseThrow()).matches("metric +strict +lending");
        assertThat(table).containsPattern("jobs completed +3 +3");
        assertThat(table).containsPattern("all: preemptions / work lost GPU-h +0 / 0.00 +1 / ");
        assertThat(table).containsPattern("exploratory >= product held +100\\.0% +100\\.0%");
        assertThat(table).containsPattern("all: borrowed / lent GPU-h +0\\.00 / 0\\.00 +0\\.06 / 0\\.06");
    }

    @Test
    void theJsonReportHasStringIdsGrantMapsAndNullForUndefinedNumbers() throws Exception {
        JsonNode json = new ObjectMapper().readTree(JsonReport.write(outcomes()));

        assertThat(json.get("format").asText()).isEqualTo("allot-sim/1");
        JsonNode strict = json.get("outcomes").get(0);
        assertThat(strict.get("policy").asText()).isEqualTo("strict");
        assertThat(strict.get("run").get("seed").asLong()).isEqualTo(42);
        JsonNode p3 = strict.get("projects").get(2);
        assertThat(p3.get("project").asText()).isEqualTo("p3");
        assertThat(p3.get("grant").size()).isZero();
        assertThat(p3.get("totals").get("queueSeconds").get("p50").isNull()).isTrue();
        assertThat(strict.get("projects").get(0).get("grant").get("A100").asInt())
                .isEqualTo(4);
        assertThat(strict.get("series").get("utilisationByType").get("A100").isArray())
                .isTrue();
    }

    @Test
    void theHtmlPageIsSelfContained() {
        String html = HtmlReport.render(outcomes());

        assertThat(html)
                .startsWith("<!doctype html>")
                .contains(
                        "<svg",
                        "strict: GPUs busy",
                        "lending: GPUs waiting",
                        "Entitlement met (%)",
                        "<td>jobs completed</td>");
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://", "https://", "<script");
    }
}
