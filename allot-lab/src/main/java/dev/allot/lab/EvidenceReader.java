package dev.allot.lab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.allot.core.model.ProjectId;
import dev.allot.core.rules.Suggest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Reads the lab file's {@code evidence:} section: per project series of one metric with its points. Every problem is
 * recorded at its path ({@code evidence[2].points[4].compute}); a series with any problem is left out. Projects are
 * checked against the portfolio, so the section is read after the projects.
 */
final class EvidenceReader {
    static final List<String> KEYS =
            List.of("project", "metric", "unit", "direction", "visibility", "computeUnit", "source", "points");
    static final List<String> POINT_KEYS = List.of("compute", "value", "stderr", "parameters", "tokens");

    private final Problems problems;
    private final References references;

    EvidenceReader(Problems problems, References references) {
        this.problems = problems;
        this.references = references;
    }

    List<LabEvidence> read(List<JsonNode> items, String path) {
        List<LabEvidence> series = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        YamlObject.each(items, path, problems, KEYS, item -> {
            int before = problems.size();
            String project = item.text("project", true);
            if (project != null) {
                references.project(project, item.path("project"));
            }
            String metric = item.text("metric", true);
            if (metric != null && metric.isBlank()) {
                problems.add(item.path("metric"), "", "is empty", "Maybe name the metric, e.g. validation-loss?");
            }
            String unit = item.text("unit", false);
            String direction = word(
                    item, "direction", LabEvidence.DIRECTIONS, null, "Maybe lower for a loss, higher for an accuracy?");
            String visibility = word(
                    item,
                    "visibility",
                    LabEvidence.VISIBILITIES,
                    null,
                    "Maybe public for a benchmark, private for the lab's held-out set?");
            String computeUnit = word(item, "computeUnit", LabEvidence.COMPUTE_UNITS, "gpu-hours", "");
            String source = item.text("source", false);
            List<JsonNode> pointItems = item.list("points", true);
            List<LabEvidence.Point> points = points(pointItems, item.path("points"));
            if (item.has("points") && item.value("points").isArray() && pointItems.isEmpty()) {
                problems.add(item.path("points"), "[]", "has no points", "Maybe list at least one measurement?");
            }
            if (project != null
                    && metric != null
                    && computeUnit != null
                    && !seen.add(project + "\n" + metric + "\n" + computeUnit)) {
                problems.add(
                        item.path("metric"),
                        metric,
                        "is a second series of " + metric + " in " + computeUnit + " for project " + project,
                        "Maybe merge the two lists of points?");
            }
            if (problems.size() == before) {
                series.add(new LabEvidence(
                        ProjectId.of(project), metric, unit, direction, visibility, computeUnit, source, points));
            }
        });
        return series;
    }

    private List<LabEvidence.Point> points(List<JsonNode> items, String path) {
        List<LabEvidence.Point> points = new ArrayList<>();
        YamlObject.each(items, path, problems, POINT_KEYS, point -> {
            int before = problems.size();
            Double compute = point.read("compute", true, EvidenceReader::positive);
            Double value = point.read("value", true, EvidenceReader::finite);
            Double stderr = point.read("stderr", false, EvidenceReader::nonNegative);
            Double parameters = point.read("parameters", false, EvidenceReader::positive);
            Double tokens = point.read("tokens", false, EvidenceReader::positive);
            if (problems.size() == before) {
                points.add(new LabEvidence.Point(
                        compute, value, optional(stderr), optional(parameters), optional(tokens)));
            }
        });
        return points;
    }

    /** One of {@code words}; {@code fallback} when absent (a problem when there is none). */
    private String word(YamlObject item, String key, List<String> words, String fallback, String hint) {
        String text = item.text(key, fallback == null);
        if (text == null) {
            return item.has(key) ? null : fallback;
        }
        if (!words.contains(text)) {
            String closest = Suggest.closest(text, words)
                    .map(word -> "Maybe " + word + "?")
                    .orElse(hint);
            problems.add(item.path(key), text, "is not one of " + String.join(", ", words), closest);
            return null;
        }
        return text;
    }

    /**
     * A finite number; a quoted one ("1.44e21") is read too, since YAML 1.1 reads an exponent without a sign as
     * text.
     */
    static Double finite(JsonNode node, String path, Problems problems) {
        double number = Double.NaN;
        if (node.isNumber()) {
            number = node.doubleValue();
        } else if (node.isTextual()) {
            try {
                number = Double.parseDouble(node.textValue().strip());
            } catch (NumberFormatException notANumber) {
                number = Double.NaN;
            }
        }
        if (!Double.isFinite(number)) {
            problems.add(
                    path, node, "is not a finite number", "Maybe a number such as 1.5e3, with a dot for decimals?");
            return null;
        }
        return number;
    }

    static Double positive(JsonNode node, String path, Problems problems) {
        Double value = finite(node, path, problems);
        if (value != null && !(value > 0)) {
            problems.add(path, node, "must be greater than 0", "Maybe the unit is wrong?");
            return null;
        }
        return value;
    }

    static Double nonNegative(JsonNode node, String path, Problems problems) {
        Double value = finite(node, path, problems);
        if (value != null && value < 0) {
            problems.add(path, node, "must not be negative", "Maybe drop the sign?");
            return null;
        }
        return value;
    }

    private static OptionalDouble optional(Double value) {
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
