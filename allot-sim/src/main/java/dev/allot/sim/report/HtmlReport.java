package dev.allot.sim.report;

import dev.allot.core.model.CategoryId;
import dev.allot.sim.CategoryOutcome;
import dev.allot.sim.Distribution;
import dev.allot.sim.ProjectOutcome;
import dev.allot.sim.SimOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML page (inline CSS, SVG and one small inline script that sorts the project table; nothing is
 * fetched): a verdict line per policy, what each figure means, the summary table, a sortable per-project table, then
 * charts of utilisation per GPU type, GPUs waiting per category, queue wait and entitlement met per category. A chart
 * with nothing to show says so in words instead.
 */
public final class HtmlReport {
    private static final String STYLE =
            "body{font-family:system-ui,sans-serif;margin:0 auto;padding:1em;max-width:72em;"
                    + "color:#1a1a1a;line-height:1.4}h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em}"
                    + ".scroll{overflow-x:auto}table{border-collapse:collapse;font-variant-numeric:tabular-nums}"
                    + "td,th{padding:3px 10px;border-bottom:1px solid #ddd;text-align:right;white-space:nowrap}"
                    + "td:first-child,th:first-child,td.text{text-align:left}thead th{background:#f3f3f3;vertical-align:bottom}"
                    + "th button{font:inherit;font-weight:bold;border:0;background:none;padding:0;cursor:pointer;"
                    + "text-align:inherit}th[aria-sort=ascending] button::after{content:' \\25B2'}"
                    + "th[aria-sort=descending] button::after{content:' \\25BC'}"
                    + ".verdict li{margin:.3em 0}dt{font-weight:bold;margin-top:.5em}dd{margin-left:1.5em}"
                    + ".charts{display:flex;flex-wrap:wrap;gap:1em 2em}figure.chart{margin:0;flex:0 1 34em;min-width:0}"
                    + "figure svg{width:100%;height:auto;display:block}figcaption{font-weight:bold}"
                    + ".legend{list-style:none;padding:0;margin:.3em 0;display:flex;flex-wrap:wrap;gap:.3em 1.2em}"
                    + ".swatch{display:inline-block;width:.9em;height:.9em;margin-right:.35em;vertical-align:-.1em}"
                    + ".alt{font-size:.85em;color:#555;margin:.2em 0}.nodata p{color:#555;font-style:italic;"
                    + "border:1px dashed #bbb;padding:1em}";

    /** Sorts a table by the clicked column: numbers by data-value, text by its content. */
    private static final String SORT_SCRIPT = "document.querySelectorAll('table.sortable').forEach(function(t){"
            + "t.querySelectorAll('thead th').forEach(function(th,i){var b=th.querySelector('button');if(!b)return;"
            + "b.addEventListener('click',function(){var up=th.getAttribute('aria-sort')!=='ascending';"
            + "t.querySelectorAll('thead th').forEach(function(o){o.removeAttribute('aria-sort')});"
            + "th.setAttribute('aria-sort',up?'ascending':'descending');var body=t.tBodies[0];"
            + "var rows=Array.prototype.slice.call(body.rows);rows.sort(function(a,c){"
            + "var x=a.cells[i],y=c.cells[i],vx=x.getAttribute('data-value'),vy=y.getAttribute('data-value'),r;"
            + "if(vx!==null&&vy!==null){r=(vx===''?Infinity:+vx)-(vy===''?Infinity:+vy);if(isNaN(r))r=0;}"
            + "else{r=x.textContent.localeCompare(y.textContent);}return up?r:-r;});"
            + "rows.forEach(function(r){body.appendChild(r)});});});});";

    private HtmlReport() {}

    public static String render(List<SimOutcome> outcomes) {
        return render(outcomes, List.of());
    }

    /** As {@link #render(List)}, with the simulator's warnings from before the runs shown under the verdict. */
    public static String render(List<SimOutcome> outcomes, List<String> planWarnings) {
        SimOutcome first = outcomes.get(0);
        StringBuilder html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Allot simulation: ")
                .append(Html.escape(first.lab()))
                .append(' ')
                .append(Html.escape(first.cycle()))
                .append("</title><style>")
                .append(STYLE)
                .append("</style></head><body>");
        html.append("<h1>Simulation of ")
                .append(Html.escape(first.lab()))
                .append(", cycle ")
                .append(Html.escape(first.cycle()))
                .append("</h1><p>Trace <code>")
                .append(Html.escape(first.trace()))
                .append("</code>, seed ")
                .append(first.run().seed())
                .append(".</p>");
        verdict(html, outcomes);
        planWarnings(html, planWarnings);
        definitions(html);
        html.append("<h2 id=\"summary\">All figures side by side</h2><div class=\"scroll\">");
        summaryTable(html, SummaryTable.rows(outcomes));
        html.append("</div>");
        timeline(html, outcomes);
        projectTable(html, outcomes);
        charts(html, outcomes);
        html.append("<h2 id=\"mappings\">How the trace was mapped</h2>");
        if (!first.gpuTypeMapping().isEmpty()) {
            html.append("<p>Lab GPU types ran like trace types: ")
                    .append(Html.escape(first.gpuTypeMapping().toString()))
                    .append("</p>");
        }
        html.append("<p>Trace groups ran as projects: ")
                .append(Html.escape(first.groupMapping().toString()))
                .append("</p>");
        return html.append("<script>")
                .append(SORT_SCRIPT)
                .append("</script></body></html>\n")
                .toString();
    }

    private static void verdict(StringBuilder html, List<SimOutcome> outcomes) {
        html.append("<h2 id=\"verdict\">Verdict</h2><ul class=\"verdict\">");
        for (SimOutcome outcome : outcomes) {
            html.append("<li><b>")
                    .append(Html.escape(outcome.policy()))
                    .append("</b> (")
                    .append(Html.escape(outcome.policyDescription()))
                    .append("): ")
                    .append(Html.escape(Verdict.line(outcome, Verdict.baseline(outcomes))
                            .substring(outcome.policy().length() + 2)))
                    .append("</li>");
        }
        html.append("</ul>");
    }

    private static void planWarnings(StringBuilder html, List<String> warnings) {
        if (warnings.isEmpty()) {
            return;
        }
        html.append("<h2 id=\"plan-warnings\">Before the run: what the plan cannot start</h2><ul class=\"warnings\">");
        warnings.forEach(
                warning -> html.append("<li>").append(Html.escape(warning)).append("</li>"));
        html.append("</ul>");
    }

    private static void definitions(StringBuilder html) {
        html.append("<details open><summary><h2 id=\"definitions\" style=\"display:inline\">What the figures mean</h2>")
                .append("</summary><dl>");
        definition(
                html,
                "Effective utilisation while jobs arrive (ranked)",
                "GPU-seconds busy, each weighted by its GPU type's relative speed, over the fleet's effective capacity"
                        + " (GPUs x speed x time) from the first to the last job arrival. Keeping slow GPUs busy while"
                        + " fast ones idle scores lower here than in raw utilisation; policies are ranked on it. When"
                        + " every job arrives at once it is the figure over the makespan.");
        definition(
                html,
                "Effective utilisation over the makespan",
                "The same over the whole run, from the trace start to the last job's end. A policy that starts a job"
                        + " on slow borrowed GPUs, where it runs far longer than it would have after waiting for a"
                        + " fast one, stretches the makespan and lowers this figure for every GPU idle in that tail;"
                        + " it is shown beside the ranked figure, not used to rank.");
        definition(
                html,
                "Utilisation while jobs arrive",
                "GPU-seconds busy over capacity from the first to the last arrival, unweighted: the steady state,"
                        + " without the tail in which the last long jobs drain.");
        definition(
                html,
                "Entitlement and received",
                "A project's entitlement is its grant in the plan (GPUs). Received (entitlement met) is, while the"
                        + " project wanted GPUs, the share of its entitlement (capped by what it wanted) that it held."
                        + " The verdict counts projects that received at least "
                        + Math.round(100 * Verdict.ENTITLEMENT_MET) + " %.");
        definition(
                html,
                "Wait p50 / p95",
                "Hours from a job's arrival to its first start: the median job and the 95th percentile. Jobs that"
                        + " never started are not in it.");
        definition(
                html,
                "Never started",
                "Jobs that arrived but never ran: rejected because no grant or pool could ever hold them, or still"
                        + " waiting when the run ended.");
        definition(
                html,
                "Category relation held",
                "For each relation of the lab policy (e.g. exploratory >= product), the share of time buckets in"
                        + " which the effective GPUs in use kept it, among buckets in which either side used GPUs.");
        definition(
                html,
                "Borrowed / lent, preemptions, work lost",
                "GPU-hours held beyond grants and idle grant used by others; jobs stopped so that an owner got its"
                        + " quota back, and the running time those stops threw away.");
        html.append("</dl></details>");
    }

    private static void definition(StringBuilder html, String term, String meaning) {
        html.append("<dt>")
                .append(Html.escape(term))
                .append("</dt><dd>")
                .append(Html.escape(meaning))
                .append("</dd>");
    }

    /** Blocks and capacity events of a plan over time, when it has any. */
    private static void timeline(StringBuilder html, List<SimOutcome> outcomes) {
        if (!TimelineTable.applies(outcomes)) {
            return;
        }
        html.append("<h2 id=\"timeline\">Plan over time</h2><p>Each reserved block runs as a job of its GPUs for its")
                .append(" days, submitted on its first day; a capacity event stops the jobs on the GPUs it takes.</p>")
                .append("<div class=\"scroll\">");
        summaryTable(html, TimelineTable.rows(outcomes));
        html.append("</div>");
        List<String> reasons = TimelineTable.reasons(outcomes);
        if (!reasons.isEmpty()) {
            html.append("<ul>");
            reasons.forEach(
                    line -> html.append("<li>").append(Html.escape(line)).append("</li>"));
            html.append("</ul>");
        }
    }

    private static void summaryTable(StringBuilder html, List<List<String>> rows) {
        html.append("<table><thead><tr>");
        for (String cell : rows.get(0)) {
            html.append("<th scope=\"col\">").append(Html.escape(cell)).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        for (List<String> row : rows.subList(1, rows.size())) {
            html.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                html.append(c == 0 ? "<th scope=\"row\">" : "<td>")
                        .append(Html.escape(row.get(c)))
                        .append(c == 0 ? "</th>" : "</td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table>");
    }

    private static void projectTable(StringBuilder html, List<SimOutcome> outcomes) {
        html.append("<h2 id=\"projects\">Per project</h2><p>Select a column heading to sort by it.</p>")
                .append("<div class=\"scroll\"><table class=\"sortable\"><thead><tr>");
        header(html, "Project");
        header(html, "Category");
        header(html, "Entitlement (GPUs)");
        for (SimOutcome outcome : outcomes) {
            String policy = outcome.policy();
            header(html, policy + ": received");
            header(html, policy + ": wait p50 (h)");
            header(html, policy + ": wait p95 (h)");
            header(html, policy + ": never started");
        }
        html.append("</tr></thead><tbody>");
        List<ProjectOutcome> projects = outcomes.get(0).projects();
        for (int p = 0; p < projects.size(); p++) {
            ProjectOutcome project = projects.get(p);
            html.append("<tr><th scope=\"row\">")
                    .append(Html.escape(project.project().value()))
                    .append("</th><td class=\"text\">")
                    .append(Html.escape(project.category().value()))
                    .append("</td>");
            int entitlement = project.grant().totalGpus();
            cell(html, entitlement, String.valueOf(entitlement));
            for (SimOutcome outcome : outcomes) {
                ProjectOutcome same = outcome.projects().get(p);
                double received = same.totals().entitlementMet();
                cell(html, received, SummaryTable.percent(received));
                Distribution waits = same.totals().queueSeconds();
                cell(html, waits.p50() / 3600, hours(waits.p50()));
                cell(html, waits.p95() / 3600, hours(waits.p95()));
                long never = Verdict.neverStarted(same);
                cell(html, never, String.valueOf(never));
            }
            html.append("</tr>");
        }
        html.append("</tbody></table></div>");
    }

    private static void header(StringBuilder html, String label) {
        html.append("<th scope=\"col\"><button type=\"button\">")
                .append(Html.escape(label))
                .append("</button></th>");
    }

    private static void cell(StringBuilder html, double sortValue, String text) {
        html.append("<td data-value=\"")
                .append(sortKey(sortValue))
                .append("\">")
                .append(Html.escape(text))
                .append("</td>");
    }

    /** A number for sorting, without trailing zeros; empty when undefined (sorted last). */
    static String sortKey(double value) {
        if (!Double.isFinite(value)) {
            return "";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.6g", value))
                .stripTrailingZeros()
                .toPlainString();
    }

    private static String hours(double seconds) {
        return Double.isNaN(seconds) ? "-" : SummaryTable.number(seconds / 3600);
    }

    private static void charts(StringBuilder html, List<SimOutcome> outcomes) {
        html.append("<h2 id=\"utilisation\">Utilisation over time per GPU type</h2><div class=\"charts\">");
        for (SimOutcome outcome : outcomes) {
            Map<String, double[]> lines = new LinkedHashMap<>();
            outcome.series().utilisationByType().forEach((type, values) -> lines.put(type.value(), percent(values)));
            html.append(SvgChart.lines(
                    outcome.policy() + ": GPUs busy",
                    outcome.series().bucketSeconds(),
                    lines,
                    100,
                    "%",
                    "no GPU was busy under " + outcome.policy() + "."));
        }
        html.append("</div><h2 id=\"queueing\">GPUs waiting per category</h2><div class=\"charts\">");
        for (SimOutcome outcome : outcomes) {
            Map<String, double[]> lines = new LinkedHashMap<>();
            outcome.series().pendingGpusByCategory().forEach((category, values) -> {
                if (hasJobs(outcome, category)) {
                    lines.put(category.value(), values);
                }
            });
            html.append(SvgChart.lines(
                    outcome.policy() + ": GPUs waiting",
                    outcome.series().bucketSeconds(),
                    lines,
                    0,
                    "GPUs",
                    "no job waited for GPUs under " + outcome.policy() + "."));
        }
        List<CategoryId> categories = outcomes.get(0).categories().stream()
                .filter(c -> c.totals().jobs() > 0)
                .map(CategoryOutcome::category)
                .toList();
        List<String> labels = categories.stream().map(CategoryId::value).toList();
        html.append("</div><h2 id=\"categories\">Per category, policies side by side</h2><div class=\"charts\">");
        html.append(SvgChart.bars(
                "Queue wait p95 (hours)",
                labels,
                byPolicy(outcomes, categories, c -> c.totals().queueSeconds().p95() / 3600),
                "h",
                "no job of any category waited."));
        html.append(SvgChart.bars(
                "Entitlement met while wanted (%)",
                labels,
                byPolicy(outcomes, categories, c -> 100 * c.totals().entitlementMet()),
                "%",
                "no category with a grant wanted GPUs."));
        html.append("</div>");
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
}
