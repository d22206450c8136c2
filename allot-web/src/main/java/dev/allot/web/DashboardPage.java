package dev.allot.web;

import dev.allot.application.Dashboard;
import dev.allot.application.Dashboard.CycleFigures;
import dev.allot.application.Dashboard.Overview;
import dev.allot.application.Dashboard.Swing;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.Decision;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.ProjectId;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The leaders' dashboard: one figure per question (category shares, GPUs per type, decisions, use, kills and new
 * projects, largest swings), each a chart with the same figures in a table, and all tables as one CSV.
 */
final class DashboardPage {
    /** A table cell: what the page shows (thousands separators, "—" when unknown) and what the CSV holds. */
    record Cell(String text, String raw) {
        /** Whether the cell holds a figure (right-aligned) rather than words. */
        boolean numeric() {
            return text.equals("—") || raw.matches("-?[0-9]+(\\.[0-9]+)?");
        }
    }

    /** One figure: a chart (empty when there is nothing to draw) and the table that is its text alternative. */
    record Figure(String id, String title, String chart, List<String> columns, List<List<Cell>> rows) {}

    record View(Page page, List<Figure> figures, int cycles) {}

    private final Dashboard dashboard;

    DashboardPage(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    String render(Page page) {
        return Templates.render("dashboard.jte", view(page, dashboard.overview(today())));
    }

    /** Every table of the dashboard in one long CSV: {@code figure,row,column,value}, raw numbers. */
    String csv() {
        return csv(figures(dashboard.overview(today())));
    }

    static View view(Page page, Overview overview) {
        return new View(page, figures(overview), overview.cycles().size());
    }

    static List<Figure> figures(Overview overview) {
        List<String> cycles =
                overview.cycles().stream().map(c -> c.cycle().value()).toList();
        List<Figure> figures = new ArrayList<>();
        figures.add(categoryShares(overview, cycles));
        figures.add(gpusByType(overview, cycles));
        figures.add(decisions(overview, cycles));
        figures.add(used(overview, cycles));
        figures.add(killsAndNew(overview, cycles));
        figures.add(swings(overview));
        return figures;
    }

    private static Figure categoryShares(Overview overview, List<String> cycles) {
        List<DashboardCharts.Series> series = new ArrayList<>();
        for (CategoryId category : overview.categories()) {
            series.add(new DashboardCharts.Series(
                    category.value(),
                    overview.cycles().stream()
                            .map(c -> (Object) percent(c.categoryShares().getOrDefault(category, 0.0)))
                            .toList(),
                    null));
        }
        List<List<Cell>> rows = new ArrayList<>();
        for (CycleFigures cycle : overview.cycles()) {
            List<Cell> row = new ArrayList<>(List.of(text(cycle.cycle().value())));
            overview.categories()
                    .forEach(category ->
                            row.add(percentCell(cycle.categoryShares().getOrDefault(category, 0.0))));
            rows.add(row);
        }
        return new Figure(
                "shares",
                "Share of granted effective compute by category (%)",
                DashboardCharts.stacked(cycles, series, DashboardCharts.PERCENT),
                columns("Cycle", overview.categories().stream().map(CategoryId::value)),
                rows);
    }

    private static Figure gpusByType(Overview overview, List<String> cycles) {
        List<DashboardCharts.Series> series = new ArrayList<>();
        for (GpuTypeId type : overview.gpuTypes()) {
            series.add(new DashboardCharts.Series(
                    type.value(),
                    overview.cycles().stream()
                            .map(c -> (Object) c.gpusByType().getOrDefault(type, 0))
                            .toList(),
                    null));
        }
        List<List<Cell>> rows = new ArrayList<>();
        for (CycleFigures cycle : overview.cycles()) {
            List<Cell> row = new ArrayList<>(List.of(text(cycle.cycle().value())));
            overview.gpuTypes()
                    .forEach(type -> row.add(number(cycle.gpusByType().getOrDefault(type, 0))));
            row.add(number(cycle.grantedGpus()));
            rows.add(row);
        }
        List<String> columns =
                new ArrayList<>(columns("Cycle", overview.gpuTypes().stream().map(GpuTypeId::value)));
        columns.add("Total");
        return new Figure(
                "gpus",
                "GPUs granted per GPU type",
                DashboardCharts.stacked(cycles, series, DashboardCharts.COUNT),
                columns,
                rows);
    }

    private static Figure decisions(Overview overview, List<String> cycles) {
        List<DashboardCharts.Series> series = new ArrayList<>();
        for (Decision decision : Dashboard.DECISIONS) {
            series.add(new DashboardCharts.Series(
                    decision.label(),
                    overview.cycles().stream()
                            .map(c -> (Object) c.decisions().get(decision))
                            .toList(),
                    DashboardCharts.color(decision)));
        }
        List<List<Cell>> rows = new ArrayList<>();
        for (CycleFigures cycle : overview.cycles()) {
            List<Cell> row = new ArrayList<>(List.of(new Cell(
                    cycle.cycle().value() + " (" + cycle.source() + ")",
                    cycle.cycle().value())));
            Dashboard.DECISIONS.forEach(
                    decision -> row.add(count(cycle.decisions().get(decision))));
            rows.add(row);
        }
        return new Figure(
                "decisions",
                "Decisions per cycle (projects)",
                DashboardCharts.stacked(cycles, series, DashboardCharts.COUNT),
                columns("Cycle", Dashboard.DECISIONS.stream().map(Decision::label)),
                rows);
    }

    private static Figure used(Overview overview, List<String> cycles) {
        boolean any = overview.cycles().stream().anyMatch(c -> c.usedFraction() != null);
        List<Object> values = overview.cycles().stream()
                .map(c -> c.usedFraction() == null ? null : (Object) percent(c.usedFraction()))
                .toList();
        List<List<Cell>> rows = new ArrayList<>();
        for (CycleFigures cycle : overview.cycles()) {
            rows.add(List.of(
                    text(cycle.cycle().value()),
                    cycle.usedFraction() == null ? new Cell("—", "") : percentCell(cycle.usedFraction())));
        }
        return new Figure(
                "used",
                "Used share of granted GPU-hours (%)",
                any
                        ? DashboardCharts.line(
                                cycles, new DashboardCharts.Series("used", values, "#1a73e8"), DashboardCharts.USED)
                        : "",
                List.of("Cycle", "Used"),
                rows);
    }

    private static Figure killsAndNew(Overview overview, List<String> cycles) {
        List<DashboardCharts.Series> series = List.of(
                new DashboardCharts.Series(
                        "killed",
                        overview.cycles().stream()
                                .map(c -> (Object) c.killed().size())
                                .toList(),
                        DashboardCharts.color(Decision.KILL)),
                new DashboardCharts.Series(
                        "new",
                        overview.cycles().stream()
                                .map(c -> (Object) c.started().size())
                                .toList(),
                        DashboardCharts.color(Decision.NEW)));
        List<List<Cell>> rows = new ArrayList<>();
        for (CycleFigures cycle : overview.cycles()) {
            rows.add(List.of(
                    text(cycle.cycle().value()),
                    number(cycle.killed().size()),
                    text(names(cycle.killed())),
                    number(cycle.started().size()),
                    text(names(cycle.started()))));
        }
        return new Figure(
                "kills",
                "Projects killed and new per cycle",
                DashboardCharts.grouped(cycles, series),
                List.of("Cycle", "Killed", "Killed projects", "New", "New projects"),
                rows);
    }

    private static Figure swings(Overview overview) {
        List<List<Cell>> rows = new ArrayList<>();
        for (Swing swing : overview.swings()) {
            rows.add(List.of(
                    text(swing.project().value()),
                    text(swing.category().value()),
                    text(swing.from().value() + " → " + swing.to().value()),
                    number(swing.fromGpus()),
                    number(swing.toGpus()),
                    new Cell(signed(swing.changeGpus()), String.valueOf(swing.changeGpus()))));
        }
        return new Figure(
                "swings",
                "Largest swings between two cycles (GPUs)",
                overview.swings().isEmpty() ? "" : DashboardCharts.swings(overview.swings()),
                List.of("Project", "Category", "Cycles", "Before", "After", "Change"),
                rows);
    }

    static String csv(List<Figure> figures) {
        StringBuilder out = new StringBuilder("figure,row,column,value\n");
        for (Figure figure : figures) {
            for (List<Cell> row : figure.rows()) {
                for (int i = 1; i < row.size(); i++) {
                    out.append(String.join(
                                    ",",
                                    quoted(figure.id()),
                                    quoted(row.get(0).raw()),
                                    quoted(figure.columns().get(i)),
                                    quoted(row.get(i).raw())))
                            .append('\n');
                }
            }
        }
        return out.toString();
    }

    private static String quoted(String value) {
        boolean plain = value.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        // A leading = + - @ would make a spreadsheet run the cell as a formula; a number is safe as it is.
        boolean formula = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 && !value.matches("-?[0-9.]+");
        String safe = formula ? "'" + value : value;
        return plain && !formula ? safe : "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    private static List<String> columns(String first, java.util.stream.Stream<String> rest) {
        List<String> columns = new ArrayList<>(List.of(first));
        rest.forEach(columns::add);
        return columns;
    }

    private static String names(List<ProjectId> projects) {
        int shown = 8;
        String head = String.join(
                ", ", projects.stream().limit(shown).map(ProjectId::value).toList());
        return projects.size() > shown ? head + " and " + (projects.size() - shown) + " more" : head;
    }

    private static Cell text(String value) {
        return new Cell(value, value);
    }

    private static Cell number(long value) {
        return new Cell(Format.thousands(value), String.valueOf(value));
    }

    private static Cell count(Integer value) {
        return value == null ? new Cell("—", "") : number(value);
    }

    private static Cell percentCell(double fraction) {
        double value = percent(fraction);
        return new Cell(String.format(Locale.ROOT, "%,.1f %%", value), String.valueOf(value));
    }

    private static double percent(double fraction) {
        return Math.round(fraction * 1000) / 10.0;
    }

    private static String signed(int value) {
        return (value > 0 ? "+" : value < 0 ? "−" : "") + Format.thousands(Math.abs(value));
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    static String filename() {
        return "allot-dashboard-" + today() + ".csv";
    }
}
