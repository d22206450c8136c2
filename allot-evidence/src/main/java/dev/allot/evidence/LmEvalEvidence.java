package dev.allot.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.allot.core.model.ProjectId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Reads the results JSON of EleutherAI's lm-evaluation-harness: one evaluated model, so one point per task and
 * metric, at the compute of the run that trained it (which the file does not say; the caller gives it).
 *
 * <p>Two generations of the format: since v0.4 a metric key names its filter ({@code "acc,none"}), its standard
 * error is {@code "acc_stderr,none"} (a number or the string {@code "N/A"}) and {@code higher_is_better} says the
 * direction per task and metric; task groups appear under {@code groups}. Before v0.4 keys had no filter
 * ({@code "acc"}, {@code "acc_stderr"}) and there was no {@code higher_is_better}: the direction comes from the
 * metric's name ({@link Direction#fromMetricName}).
 */
final class LmEvalEvidence {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> NOT_METRICS = Set.of("alias", "name", "sample_len", "sample_count", "samples");

    private LmEvalEvidence() {}

    static ImportedEvidence read(
            String text, String source, ProjectId project, RunCompute run, Set<String> privateTasks) {
        ImportProblems problems = new ImportProblems(source);
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            problems.add(
                    where == null ? "file" : "line " + where.getLineNr() + ", column " + where.getColumnNr(),
                    "",
                    "is not valid JSON: " + e.getOriginalMessage(),
                    "Maybe the file was cut off, or it is not an lm-evaluation-harness results file?");
            problems.throwIfAny();
            return null;
        }
        if (root == null || !root.isObject() || !root.path("results").isObject()) {
            problems.add(
                    "results",
                    "",
                    "is missing: the file has no \"results\" object",
                    "Maybe pass the results_*.json that lm_eval --output_path writes, not a samples file?");
            problems.throwIfAny();
        }
        JsonNode higherIsBetter = root.path("higher_is_better");
        Map<String, JsonNode> tasks = new LinkedHashMap<>();
        root.path("results").properties().forEach(e -> tasks.put(e.getKey(), e.getValue()));
        // Groups are also listed under results by recent versions; the copy under "groups" is the same numbers.
        root.path("groups").properties().forEach(e -> tasks.putIfAbsent(e.getKey(), e.getValue()));
        List<EvidenceSeries> series = new ArrayList<>();
        tasks.forEach((task, values) -> {
            String path = (root.path("results").has(task) ? "results." : "groups.") + task;
            if (!values.isObject()) {
                problems.add(path, values.toString(), "is not an object of metric values", "");
                return;
            }
            Visibility visibility =
                    privateTasks.contains(task) ? Visibility.PRIVATE_HELD_OUT : Visibility.PUBLIC_BENCHMARK;
            values.properties().forEach(field -> {
                MetricKey key = MetricKey.parse(field.getKey());
                if (key == null || key.isStderr() || NOT_METRICS.contains(key.metric())) {
                    return;
                }
                String fieldPath = path + "." + field.getKey();
                if (!field.getValue().isNumber()) {
                    problems.add(fieldPath, field.getValue().toString(), "is not a number", "");
                    return;
                }
                OptionalDouble stderr =
                        standardError(values.get(key.stderrKey()), path + "." + key.stderrKey(), problems);
                JsonNode declared = higherIsBetter.path(task).path(key.metric());
                Direction direction = declared.isBoolean()
                        ? (declared.booleanValue() ? Direction.HIGHER_IS_BETTER : Direction.LOWER_IS_BETTER)
                        : Direction.fromMetricName(key.metric());
                Metric metric = new Metric(task + "/" + key.display(), "", direction, visibility);
                EvidencePoint point = new EvidencePoint(
                        run.compute(), field.getValue().doubleValue(), stderr, run.parameters(), run.tokens());
                series.add(new EvidenceSeries(project, metric, run.unit(), source, List.of(point)));
            });
        });
        if (series.isEmpty() && problems.isEmpty()) {
            problems.add("results", "{}", "holds no metric values", "Maybe the evaluation did not finish?");
        }
        problems.throwIfAny();
        return new ImportedEvidence(series, limitedRuns(root));
    }

    private static OptionalDouble standardError(JsonNode node, String path, ImportProblems problems) {
        if (node == null
                || node.isNull()
                || (node.isTextual() && node.textValue().equals("N/A"))) {
            return OptionalDouble.empty();
        }
        if (!node.isNumber() || !(node.doubleValue() >= 0)) {
            problems.add(path, node.toString(), "is not a standard error (a number >= 0 or \"N/A\")", "");
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(node.doubleValue());
    }

    // A run with --limit evaluates a sample of the benchmark; its numbers are noisier than the stderr suggests
    // when the harness could not compute one, so the import says so.
    private static List<String> limitedRuns(JsonNode root) {
        List<String> notes = new ArrayList<>();
        root.path("n-samples").properties().forEach(e -> {
            long effective = e.getValue().path("effective").asLong(-1);
            long original = e.getValue().path("original").asLong(-1);
            if (effective >= 0 && original > effective) {
                notes.add(e.getKey() + ": " + effective + " of " + original + " examples evaluated (a limited run)");
            }
        });
        return notes;
    }

    /** {@code acc,none} (v0.4+) or {@code acc} (older); {@code acc_stderr[,filter]} is a standard error. */
    record MetricKey(String metric, String filter, boolean isStderr) {
        static MetricKey parse(String key) {
            int comma = key.indexOf(',');
            String name = comma < 0 ? key : key.substring(0, comma);
            String filter = comma < 0 ? "" : key.substring(comma + 1);
            if (name.isBlank()) {
                return null;
            }
            boolean stderr = name.endsWith("_stderr");
            return new MetricKey(stderr ? name.substring(0, name.length() - 7) : name, filter, stderr);
        }

        String stderrKey() {
            return metric + "_stderr" + (filter.isEmpty() ? "" : "," + filter);
        }

        /** {@code acc}, or {@code exact_match[strict-match]} when a filter other than "none" applies. */
        String display() {
            return filter.isEmpty() || filter.equals("none") ? metric : metric + "[" + filter + "]";
        }
    }
}
