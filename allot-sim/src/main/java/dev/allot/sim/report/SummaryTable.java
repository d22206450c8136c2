package dev.allot.sim.report;

import dev.allot.core.model.GpuTypeId;
import dev.allot.sim.CategoryOutcome;
import dev.allot.sim.Distribution;
import dev.allot.sim.RelationCheck;
import dev.allot.sim.SimOutcome;
import dev.allot.sim.Totals;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The outcomes of one or more policies side by side as rows of metrics, one column per policy. */
public final class SummaryTable {
    private SummaryTable() {}

    /** Rows of cells: the header row first, then one row per metric. */
    public static List<List<String>> rows(List<SimOutcome> outcomes) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("metric"));
        outcomes.forEach(outcome -> header.add(outcome.policy()));
        rows.add(header);
        SimOutcome first = outcomes.get(0);
        add(
                rows,
                outcomes,
                "effective utilisation while jobs arrive (ranked)",
                o -> percent(o.cluster().effectiveUtilisationWhileArriving()));
        add(
                rows,
                outcomes,
                "effective utilisation over the makespan",
                o -> percent(o.cluster().effectiveUtilisation()));
        add(
                rows,
                outcomes,
                "GPU utilisation while jobs arrive",
                o -> percent(o.cluster().utilisationWhileArriving()));
        add(
                rows,
                outcomes,
                "GPU utilisation over the whole run",
                o -> percent(o.cluster().utilisation()));
        for (GpuTypeId type : first.cluster().capacityGpus().keySet()) {
            add(
                    rows,
                    outcomes,
                    "  " + type + " (" + first.cluster().capacityGpus().get(type) + " GPUs)",
                    o -> percent(o.cluster().utilisationByType().get(type)));
        }
        add(
                rows,
                outcomes,
                "jobs completed",
                o -> String.valueOf(o.cluster().totals().completed()));
        add(
                rows,
                outcomes,
                "jobs rejected by policy or size",
                o -> String.valueOf(o.cluster().totals().rejected()));
        add(
                rows,
                outcomes,
                "jobs unfinished at horizon (GPU-h left)",
                o -> o.cluster().unfinished() + " (" + number(o.cluster().unfinishedGpuHours()) + ")");
        add(
                rows,
                outcomes,
                "jobs arriving after the horizon",
                o -> String.valueOf(o.cluster().notArrived()));
        totals(rows, outcomes, "all", o -> o.cluster().totals());
        for (CategoryOutcome category : first.categories()) {
            if (category.totals().jobs() > 0) {
                totals(rows, outcomes, category.category().value(), o -> categoryTotals(o, category));
            }
        }
        for (int r = 0; r < first.relations().size(); r++) {
            int index = r;
            add(
                    rows,
                    outcomes,
                    first.relations().get(r).relation() + " held",
                    o -> relation(o.relations().get(index)));
        }
        add(rows, outcomes, "makespan (days)", o -> number(o.cluster().makespanSeconds() / 86_400));
        add(
                rows,
                outcomes,
                "events per second (wall)",
                o -> String.format(Locale.ROOT, "%,.0f", o.run().eventsPerSecond()));
        return rows;
    }

    /**
     * The policies best first by effective utilisation while jobs arrive (not over the makespan, which one long job on
     * slow GPUs can stretch), e.g. {@code lending 81.2%, fairshare 80.9%, strict 61.0%}.
     */
    public static String ranking(List<SimOutcome> outcomes) {
        List<SimOutcome> ranked = new ArrayList<>(outcomes);
        ranked.sort(java.util.Comparator.comparingDouble(
                        (SimOutcome o) -> Double.isNaN(o.cluster().effectiveUtilisationWhileArriving())
                                ? Double.NEGATIVE_INFINITY
                                : o.cluster().effectiveUtilisationWhileArriving())
                .reversed());
        List<String> parts = new ArrayList<>();
        ranked.forEach(o -> parts.add(o.policy() + " " + percent(o.cluster().effectiveUtilisationWhileArriving())));
        return String.join(", ", parts);
    }

    /** Plain-text table with aligned columns, then the ranking on effective utilisation when there are several. */
    public static String render(List<SimOutcome> outcomes) {
        StringBuilder text = new StringBuilder(align(rows(outcomes)));
        if (outcomes.size() > 1) {
            text.append("Ranked by effective utilisation while jobs arrive: ")
                    .append(ranking(outcomes))
                    .append('\n');
        }
        return text.toString();
    }

    /** Rows as plain text: the first column left-aligned, the others right-aligned. */
    static String align(List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        rows.forEach(row -> {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        });
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                text.append(
                        c == 0
                                ? cell + " ".repeat(widths[c] - cell.length())
                                : "  " + " ".repeat(widths[c] - cell.length()) + cell);
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static Totals categoryTotals(SimOutcome outcome, CategoryOutcome like) {
        return outcome.categories().stream()
                .filter(c -> c.category().equals(like.category()))
                .findFirst()
                .orElseThrow()
                .totals();
    }

    private static void totals(
            List<List<String>> rows, List<SimOutcome> outcomes, String scope, Function<SimOutcome, Totals> totals) {
        add(
                rows,
                outcomes,
                scope + ": queue p50 / p95 (h)",
                o -> hours(totals.apply(o).queueSeconds()));
        add(
                rows,
                outcomes,
                scope + ": completion p50 / p95 (h)",
                o -> hours(totals.apply(o).completionSeconds()));
        add(
                rows,
                outcomes,
                scope + ": entitlement met",
                o -> percent(totals.apply(o).entitlementMet()));
        add(
                rows,
                outcomes,
                scope + ": borrowed / lent GPU-h",
                o -> number(totals.apply(o).borrowedGpuHours()) + " / "
                        + number(totals.apply(o).lentGpuHours()));
        add(
                rows,
                outcomes,
                scope + ": preemptions / work lost GPU-h",
                o -> totals.apply(o).preemptions() + " / "
                        + number(totals.apply(o).workLostGpuHours()));
    }

    private static void add(
            List<List<String>> rows, List<SimOutcome> outcomes, String metric, Function<SimOutcome, String> cell) {
        List<String> row = new ArrayList<>(List.of(metric));
        outcomes.forEach(outcome -> row.add(cell.apply(outcome)));
        rows.add(row);
    }

    private static String relation(RelationCheck check) {
        if (check.buckets() == 0) {
            return "-";
        }
        return percent((double) check.bucketsHeld() / check.buckets())
                + (check.bucketsBrokenWhileWanted() > 0 ? " (" + check.bucketsBrokenWhileWanted() + " broken)" : "");
    }

    static String hours(Distribution distribution) {
        return distribution.count() == 0
                ? "-"
                : number(distribution.p50() / 3600) + " / " + number(distribution.p95() / 3600);
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return Math.abs(value) >= 100
                ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }
}
