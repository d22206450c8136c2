package dev.allot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.application.Application;
import dev.allot.application.Dashboard;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.PastCycle;
import dev.allot.core.model.ProjectId;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.StoredPlan;
import dev.allot.store.TestLabs;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dashboard page: a table beside every chart, and the same figures as CSV. */
class DashboardPageTest {
    private static final Page VIEWER = new Page(new Rights("vera", Role.VIEWER), "token", "dashboard", null);

    private final Store store =
            Store.open("jdbc:h2:mem:dashboard-page-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null);
    private final Application application = Application.over(store, Planner.create(PlannerOptions.defaults()));

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void withoutAPublishedCycleTheDashboardSaysWhenItFillsIn() {
        String html = Templates.render(
                "dashboard.jte",
                DashboardPage.view(VIEWER, application.dashboard().overview(LocalDate.now())));
        assertThat(html).contains("No cycle has a published plan yet").doesNotContain("<table");
    }

    @Test
    void everyChartHasATableWithThousandsSeparatorsAndTheCsvHoldsTheSameFigures() {
        Lab lab = TestLabs.shaped(30, 7)
                .history(new PastCycle(
                        CycleId.of("2026-11"),
                        Map.of(ProjectId.of("project-0"), Allocation.of("H100", 1200)),
                        Map.of(ProjectId.of("project-0"), 0.4)))
                .build();
        StoredPlan december = UsageOnPagesTest.published(application, lab);
        Dashboard.Overview overview = application.dashboard().overview(LocalDate.of(2026, 12, 5));

        String html = Templates.render("dashboard.jte", DashboardPage.view(VIEWER, overview));
        String csv = DashboardPage.csv(DashboardPage.figures(overview));

        for (String figure : List.of("shares", "gpus", "decisions", "used", "kills", "swings")) {
            String section = section(html, figure);
            assertThat(section).as(figure).contains("<table", "<th scope=\"row\">");
        }
        assertThat(section(html, "gpus")).contains("<th scope=\"row\">2026-11</th>", "1,200");
        assertThat(section(html, "used")).contains("40.0 %", "—");
        assertThat(section(html, "decisions")).contains("2026-12 (published v1)");
        int granted = december.plan().projects().stream()
                .mapToInt(line -> line.grant().totalGpus())
                .sum();
        long kills = december.plan().projects().stream()
                .filter(line -> line.decision() == dev.allot.core.model.Decision.KILL)
                .count();
        assertThat(csv)
                .startsWith("figure,row,column,value\n")
                .contains(
                        "gpus,2026-11,H100,1200\n",
                        "gpus,2026-12,Total," + granted + "\n",
                        "decisions,2026-12,kill," + kills + "\n",
                        "used,2026-11,Used,40.0\n",
                        "used,2026-12,Used,\n");
    }

    @Test
    void shrinksAndKillsAreNeverGreenAndAxesTickAtRoundValues() {
        String decisions = DashboardCharts.stacked(
                List.of("2026-11"),
                Dashboard.DECISIONS.stream()
                        .map(d -> new DashboardCharts.Series(d.label(), List.of((Object) 1), DashboardCharts.color(d)))
                        .toList(),
                DashboardCharts.COUNT);
        for (var decision : List.of(dev.allot.core.model.Decision.SHRINK, dev.allot.core.model.Decision.KILL)) {
            double hue = hue(DashboardCharts.color(decision));
            assertThat(hue < 75 || hue > 165)
                    .as(decision.label() + " hue " + hue)
                    .isTrue();
        }
        assertThat(hue(DashboardCharts.color(dev.allot.core.model.Decision.GROW)))
                .isBetween(75.0, 165.0);
        assertThat(decisions).contains("\"minInterval\":1", "\"type\":\"scroll\"");
        assertThat(DashboardCharts.PERCENT).containsEntry("interval", 25).containsEntry("max", 100);
    }

    /** The hue of a #rrggbb colour in degrees; green lies roughly between 75 and 165. */
    private static double hue(String hex) {
        float[] hsb = java.awt.Color.RGBtoHSB(
                Integer.parseInt(hex.substring(1, 3), 16),
                Integer.parseInt(hex.substring(3, 5), 16),
                Integer.parseInt(hex.substring(5, 7), 16),
                null);
        return hsb[0] * 360.0;
    }

    private static String section(String html, String figure) {
        int start = html.indexOf("data-testid=\"figure-" + figure + "\"");
        assertThat(start).as(figure).isPositive();
        return html.substring(start, html.indexOf("</section>", start));
    }
}
