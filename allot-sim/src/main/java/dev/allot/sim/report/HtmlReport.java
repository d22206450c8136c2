package dev.allot.sim.report;

import dev.allot.core.model.CategoryId;
import dev.allot.sim.CategoryOutcome;
import dev.allot.sim.SimOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A self-contained HTML page (inline CSS and SVG, no scripts or downloads): the summary table, then utilisation over
 * time per GPU type and waiting GPUs per category for each policy, and queueing and entitlement met per category
 * with the policies side by side.
 */
public final class HtmlReport {
    private HtmlReport() {}

    public static String render(List<SimOutcome> outcomes) {
        SimOutcome first = outcomes.get(0);
        StringBuilder html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Allot simulation: ")
                .append(Html.escape(first.lab()))
                .append(' ')
                .append(Html.escape(first.cycle()))
                .append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}")
                .append("td,th{padding:2px 10px;border-bottom:1px solid #ddd;text-align:right}")
                .append("td:first-child,th:first-child{text-align:left}svg{margin:8px 16px 8px 0}")
                .append("</style></head><body>");
        html.append("<h1>Simulation of ")
                .append(Html.escape(first.lab()))
                .append(", cycle ")
                .append(Html.escape(first.cycle()))
                .append("</h1><p>Trace <code>")
                .append(Html.escape(first.trace()))
                .append("</code>, seed ")
                .append(first.run().seed())
                .append(". Policies: ");
        outcomes.forEach(o -> html.append("<b>")
                .append(Html.escape(o.policy()))
                .append("</b> (")
                .append(Html.escape(o.policyDescription()))
                .append(") "));
        html.append("</p>");
        if (!first.gpuTypeMapping().isEmpty()) {
            html.append("<p>Lab GPU types ran like trace types: ")
                    .append(Html.escape(first.gpuTypeMapping().toString()))
                    .append("</p>");
        }
        html.append("<p>Trace groups ran as projects: ")
                .append(Html.escape(first.groupMapping().toString()))
                .append("</p>");
        table(html, SummaryTable.rows(outcomes));
        html.append("<h2>Utilisation over time per GPU type</h2>");
        for (SimOutcome outcome : outcomes) {
            Map<String, double[]> lines = new LinkedHashMap<>();
            outcome.series().utilisationByType().forEach((type, values) -> lines.put(type.value(), percent(values)));
            html.append(SvgChart.lines(
                    outcome.policy() + ": GPUs busy", outcome.series().bucketSeconds(), lines, 100, "%"));
        }
        html.append("<h2>Queueing per category</h2>");
        for (SimOutcome outcome : outcomes) {
            Map<String, double[]> lines = new LinkedHashMap<>();
            outcome.series().pendingGpusByCategory().forEach((category, values) -> {
                if (hasJobs(outcome, category)) {
                    lines.put(category.value(), values);
                }
            });
            html.append(SvgChart.lines(
                    outcome.policy() + ": GPUs waiting", outcome.series().bucketSeconds(), lines, 0, "GPUs"));
        }
        List<CategoryId> categories = first.categories().stream()
                .filter(c -> c.totals().jobs() > 0)
                .map(CategoryOutcome::category)
                .toList();
        List<String> labels = categories.stream().map(CategoryId::value).toList();
        html.append(SvgChart.bars(
                "Queue wait p95 (hours)",
                labels,
                byPolicy(outcomes, categories, c -> c.totals().queueSeconds().p95() / 3600),
                "h"));
        html.append("<h2>Entitlement met while wanted</h2>");
        html.append(SvgChart.bars(
                "Entitlement met (%)",
                labels, byPolicy(outcomes, categories, c -> 100 * c.totals().entitlementMet()), "%"));
        return html.append("</body></html>\n").toString();
    }

    private static boolean hasJobs(SimOutcome outcome, CategoryId category) {
        return outcome.categories().stream()
                .anyMatch(c -> c.category().equals(category) && c.totals().jobs() > 0);
    }

    private static Map<String, double[]> byPolicy(
            List<SimOutcome> outcomes,
            List<CategoryId> categories,
            java.util.function.ToDoubleFunction<CategoryOutcome> metric) {
        Map<String, double[]> series = new LinkedHashMap<>();
        for (SimOutcome outcome : outcomes) {
            double[] values = new double[categories.size()];
            for (int i = 0; i < categories.size(); i++) {
                CategoryId id = categories.get(i);
                values[i] = outcome.categories().stream()
                        .filter(c -> c.category().equals(id))
                        .mapToDouble(metric)
                        .findFirst()
                        .orElse(Double.NaN);
            }
            series.put(outcome.policy(), values);
        }
        return series;
    }

    private static double[] percent(double[] fractions) {
        double[] percent = new double[fractions.length];
        for (int i = 0; i < fractions.length; i++) {
            percent[i] = 100 * fractions[i];
        }
        return percent;
    }

    private static void table(StringBuilder html, List<List<String>> rows) {
        html.append("<table>");
        for (int r = 0; r < rows.size(); r++) {
            html.append("<tr>");
            for (String cell : rows.get(r)) {
                String tag = r == 0 ? "th" : "td";
                html.append('<')
                        .append(tag)
                        .append('>')
                        .append(Html.escape(cell))
                        .append("</")
                        .append(tag)
                        .append('>');
            }
            html.append("</tr>");
        }
        html.append("</table>");
    }
}
