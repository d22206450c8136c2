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
                        "<meta name=\"viewport\"",
                        "Entitlement met while wanted (%)",
                        "<th scope=\"row\">jobs completed</th>");
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://", "https://", " src=");
        assertThat(html).containsOnlyOnce("<script>");
    }

    @Test
    void theHtmlPageOpensWithAVerdictPerPolicyAndDefinesItsFigures() {
        String html = HtmlReport.render(outcomes());

        String verdict = between(html, "<ul class=\"verdict\">", "</ul>");
        assertThat(verdict.split("<li>", -1)).hasSize(3);
        assertThat(verdict)
                .contains("<b>strict</b>", "<b>lending</b>")
                .containsPattern(
                        "<b>lending</b> \\(.*\\): \\d\\.\\d\\dx strict effective utilisation while jobs arrive \\(\\d")
                .contains("of 2 projects got &gt;= 95 % of their entitlement")
                .contains("exploratory &gt;= product held 100 % of the time");
        assertThat(html.indexOf("id=\"verdict\"")).isLessThan(html.indexOf("id=\"summary\""));
        for (String term : List.of(
                "Effective utilisation while jobs arrive (ranked)",
                "Effective utilisation over the makespan",
                "Entitlement and received",
                "Wait p50 / p95",
                "Never started",
                "Category relation held")) {
            assertThat(html).contains("<dt>" + term + "</dt><dd>");
        }
    }

    @Test
    void theProjectTableHasARowPerProjectAndSortableColumnsPerPolicy() {
        String html = HtmlReport.render(outcomes());

        String table = between(html, "<table class=\"sortable\">", "</table>");
        assertThat(table)
                .contains(
                        "<button type=\"button\">Entitlement (GPUs)</button>",
                        "<button type=\"button\">lending: wait p95 (h)</button>",
                        "<button type=\"button\">strict: never started</button>");
        String body = between(table, "<tbody>", "</tbody>");
        assertThat(body.split("<tr>", -1)).hasSize(4);
        // p1: grant 4, two 4-GPU jobs of 100 s: under strict the second waits 100 s
        assertThat(between(body, "<th scope=\"row\">p1</th>", "</tr>"))
                .startsWith("<td class=\"text\">exploratory</td><td data-value=\"4\">4</td>")
                .contains("<td data-value=\"0.0277778\">0.03</td><td data-value=\"0\">0</td>");
        // p3 has no grant and no jobs: undefined figures sort last and show a dash
        assertThat(between(body, "<th scope=\"row\">p3</th>", "</tr>")).contains("<td data-value=\"\">-</td>");
    }

    @Test
    void aChartWithNothingToShowSaysSoInsteadOfDrawingEmptyAxes() {
        Trace oneJob = TestTrace.trace().job("p1", 0, 1, 100).build();
        List<SimOutcome> outcomes = Simulator.create(SimOptions.defaults().withGroupToProject(Map.of("p1", "p1")))
                .compare(LAB.buildLab(), LAB.buildPlan(), oneJob, List.of(SharingPolicies.byName("strict")), null);

        String html = HtmlReport.render(outcomes);

        assertThat(html)
                .contains(
                        "<figcaption>strict: GPUs waiting</figcaption><p>No data: no job waited for GPUs under strict.")
                .contains("<figcaption>Queue wait p95 (hours)</figcaption><p>No data:");
        for (String figure : html.split("<figure")) {
            if (figure.contains("<svg")) {
                assertThat(figure).as("a drawn chart has a line or a bar").containsPattern("<path [^>]*d=\"M|<rect x=");
                assertThat(figure).contains("<ul class=\"legend\"><li>", "<p class=\"alt\">");
            }
        }
    }

    @Test
    void axesTickAtRoundNumbers() {
        assertThat(SvgChart.niceStep(100)).isEqualTo(20);
        assertThat(SvgChart.niceStep(83)).isEqualTo(20);
        assertThat(SvgChart.niceStep(7)).isEqualTo(2);
        assertThat(SvgChart.niceStep(0.37)).isEqualTo(0.1, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(SvgChart.niceStep(2300)).isEqualTo(500);
        assertThat(SvgChart.tick(2.5, 0.5)).isEqualTo("2.5");
        assertThat(SvgChart.tick(1500, 500)).isEqualTo("1,500");

        String html = HtmlReport.render(outcomes());
        java.util.regex.Matcher ticks =
                java.util.regex.Pattern.compile("class=\"[xy]tick\">([^<]+)<").matcher(html);
        int count = 0;
        while (ticks.find()) {
            String label = ticks.group(1).replace(",", "");
            assertThat(label).as("tick label").matches("\\d+(\\.\\d{1,2})?");
            double mantissa = Double.parseDouble(label);
            while (mantissa >= 10) {
                mantissa /= 10;
            }
            while (mantissa > 0 && mantissa < 1) {
                mantissa *= 10;
            }
            double leading = mantissa;
            assertThat(List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 1.5, 2.5, 7.5))
                    .as("tick %s is a multiple of a round step", label)
                    .anySatisfy(m -> assertThat(leading).isCloseTo(m, org.assertj.core.api.Assertions.within(1e-9)));
            count++;
        }
        assertThat(count).isGreaterThan(10);
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        assertThat(start).as("%s present", from).isNotNegative();
        int end = text.indexOf(to, start + from.length());
        return text.substring(start + from.length(), end);
    }

    @Test
    void thePlanWarningsGoIntoTheJsonAndHtmlReports() throws Exception {
        List<String> warnings = new java.util.ArrayList<>();
        Trace tooLarge =
                TestTrace.trace().job("p1", 0, 8, 100).job("p1", 0, 4, 100).build();
        List<SimOutcome> outcomes = Simulator.create(SimOptions.defaults().withGroupToProject(Map.of("p1", "p1")))
                .compare(
                        LAB.buildLab(),
                        LAB.buildPlan(),
                        tooLarge,
                        List.of(SharingPolicies.byName("strict")),
                        null,
                        warnings::add);

        JsonNode json = new ObjectMapper().readTree(JsonReport.write(outcomes, warnings));
        String html = HtmlReport.render(outcomes, warnings);

        assertThat(json.get("planWarnings").get(0).asText())
                .isEqualTo("The plan can never start 1 of 2 trace jobs (50.0 %) under strict quotas, in 1 project:"
                        + " p1 1.");
        assertThat(json.get("planWarnings")).hasSize(2);
        assertThat(html)
                .contains("Before the run: what the plan cannot start")
                .contains("<li>Project p1: 1 of 2 jobs need more GPUs than its grant of any type they can use");
    }
}
