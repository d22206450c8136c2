package dev.allot.evidence;

import dev.allot.core.model.ProjectId;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.commons.csv.CSVRecord;

/** One CSV row turned into a point of its series, or into problems naming the line and column. */
final class CsvRow {
    private final CSVRecord record;
    private final Map<String, Integer> columns;
    private final ImportProblems problems;
    private final String line;
    private boolean bad;

    CsvRow(CSVRecord record, Map<String, Integer> columns, ImportProblems problems) {
        this.record = record;
        this.columns = columns;
        this.problems = problems;
        // The header is line 1 and every record one line (evidence has no multi-line fields).
        this.line = "line " + (record.getRecordNumber() + 1);
    }

    void addTo(Map<String, CsvEvidence.SeriesBuilder> series, ProjectId project, String source) {
        String metricName = text("metric");
        if (metricName.isEmpty()) {
            problem("metric", "", "is empty", "Maybe fill in the metric's name, e.g. validation-loss?");
        }
        ComputeUnit unit = computeUnit();
        double compute = number("compute", true, true);
        double value = number("value", true, false);
        OptionalDouble stderr = optional("stderr", false);
        OptionalDouble parameters = optional("parameters", true);
        OptionalDouble tokens = optional("tokens", true);
        Direction direction = direction(metricName);
        Visibility visibility = visibility();
        if (bad || metricName.isEmpty()) {
            return;
        }
        Metric metric = new Metric(metricName, text("unit"), direction, visibility);
        String key = metricName + "\u0000" + unit;
        CsvEvidence.SeriesBuilder builder =
                series.computeIfAbsent(key, k -> new CsvEvidence.SeriesBuilder(project, metric, unit, source));
        if (!builder.metric.equals(metric)) {
            problem(
                    "metric",
                    metricName,
                    "has direction/visibility/unit " + describe(metric) + " here but " + describe(builder.metric)
                            + " on an earlier line",
                    "Maybe make every row of a metric agree?");
            return;
        }
        builder.points.add(new EvidencePoint(compute, value, stderr, parameters, tokens));
    }

    private static String describe(Metric metric) {
        return metric.direction().word() + "/" + metric.visibility().word() + "/'" + metric.unit() + "'";
    }

    private String text(String column) {
        Integer index = columns.get(column);
        if (index == null || index >= record.size()) {
            return "";
        }
        return record.get(index).trim();
    }

    private ComputeUnit computeUnit() {
        String word = text("compute_unit").toLowerCase(Locale.ROOT);
        return switch (word) {
            case "gpu-hours", "gpu_hours", "gpuhours" -> ComputeUnit.GPU_HOURS;
            case "flop", "flops" -> ComputeUnit.FLOP;
            default -> {
                problem("compute_unit", word, "is not a compute unit", "Maybe gpu-hours or flop?");
                yield ComputeUnit.GPU_HOURS;
            }
        };
    }

    private Direction direction(String metricName) {
        String word = text("direction").toLowerCase(Locale.ROOT);
        return switch (word) {
            case "" -> Direction.fromMetricName(metricName.isEmpty() ? "value" : metricName);
            case "lower" -> Direction.LOWER_IS_BETTER;
            case "higher" -> Direction.HIGHER_IS_BETTER;
            default -> {
                problem("direction", word, "is not a direction", "Maybe lower or higher (which value is better)?");
                yield Direction.LOWER_IS_BETTER;
            }
        };
    }

    private Visibility visibility() {
        String word = text("visibility").toLowerCase(Locale.ROOT);
        return switch (word) {
            case "", "public" -> Visibility.PUBLIC_BENCHMARK;
            case "private" -> Visibility.PRIVATE_HELD_OUT;
            default -> {
                problem("visibility", word, "is not a visibility", "Maybe public or private?");
                yield Visibility.PUBLIC_BENCHMARK;
            }
        };
    }

    private double number(String column, boolean required, boolean positive) {
        String text = text(column);
        if (text.isEmpty()) {
            if (required) {
                problem(column, "", "is empty", "Maybe fill in a number?");
            }
            return Double.NaN;
        }
        try {
            double value = Double.parseDouble(text);
            if (!Double.isFinite(value)) {
                problem(column, text, "is not a finite number", "Maybe a number such as 1.5e3?");
            } else if (positive && !(value > 0)) {
                problem(column, text, "must be greater than 0", "Maybe the unit is wrong?");
            } else if (!positive && column.equals("stderr") && value < 0) {
                problem(column, text, "must not be negative", "Maybe drop the sign?");
            }
            return value;
        } catch (NumberFormatException e) {
            problem(column, text, "is not a number", "Maybe a number such as 1.5e3, with a dot for decimals?");
            return Double.NaN;
        }
    }

    private OptionalDouble optional(String column, boolean positive) {
        if (text(column).isEmpty() || text(column).equalsIgnoreCase("N/A")) {
            return OptionalDouble.empty();
        }
        double value = number(column, false, positive);
        return Double.isFinite(value) && (positive ? value > 0 : value >= 0)
                ? OptionalDouble.of(value)
                : OptionalDouble.empty();
    }

    private void problem(String column, Object value, String reason, String hint) {
        bad = true;
        problems.add(line + ", column " + column, value, reason, hint);
    }
}
