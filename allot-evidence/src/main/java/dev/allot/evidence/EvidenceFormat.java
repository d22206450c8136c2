package dev.allot.evidence;

import dev.allot.core.AllotException;
import dev.allot.core.model.ProjectId;
import java.util.Locale;
import java.util.Set;

/** The file formats evidence is imported from; {@link #read} is the one door for every caller (CLI, API). */
public enum EvidenceFormat {
    /** Columns described in {@code CsvEvidence}; see docs/evidence.md. */
    CSV,
    /** The results JSON of EleutherAI's lm-evaluation-harness, before and since v0.4. */
    LM_EVAL;

    /** {@code csv} or {@code lm-eval}. */
    public static EvidenceFormat named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "csv" -> CSV;
            case "lm-eval", "lm_eval", "lmeval" -> LM_EVAL;
            default ->
                throw AllotException.invalid(
                        "EVIDENCE_FORMAT", "Evidence format '" + name + "' is not known. Maybe csv or lm-eval?");
        };
    }

    /** The format a file name suggests: {@code .json} is lm-eval, anything else CSV. */
    public static EvidenceFormat guess(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".json") ? LM_EVAL : CSV;
    }

    /**
     * Reads and validates a whole file, or throws one {@link AllotException} (code {@code EVIDENCE_INVALID}) listing
     * every problem with its line or field; nothing is returned half-read.
     *
     * @param run the compute of the evaluated model; required for {@link #LM_EVAL}, ignored for CSV (whose rows
     *     carry it)
     * @param privateTasks lm-eval tasks that are the lab's private held-out sets (the rest are public benchmarks)
     */
    public ImportedEvidence read(
            String text, String source, ProjectId project, RunCompute run, Set<String> privateTasks) {
        return switch (this) {
            case CSV -> new ImportedEvidence(CsvEvidence.read(text, source, project), java.util.List.of());
            case LM_EVAL -> {
                if (run == null) {
                    throw AllotException.invalid(
                            "EVIDENCE_COMPUTE_MISSING",
                            "Evidence file " + source + " (lm-eval) does not say how much compute trained the model."
                                    + " Maybe pass --compute with --compute-unit gpu-hours or flop?");
                }
                yield LmEvalEvidence.read(text, source, project, run, privateTasks);
            }
        };
    }

    /**
     * Series written as evidence CSV (the columns {@link #CSV} reads), so that results imported from several files
     * (one lm-eval file per checkpoint) accumulate into one curve.
     *
     * @param header whether to start with the header line
     */
    public static String toCsv(java.util.List<EvidenceSeries> series, boolean header) {
        StringBuilder text = new StringBuilder();
        if (header) {
            text.append(String.join(",", CsvEvidence.KNOWN)).append('\n');
        }
        for (EvidenceSeries one : series) {
            Metric metric = one.metric();
            for (EvidencePoint point : one.points()) {
                text.append(quoted(metric.name()))
                        .append(',')
                        .append(point.compute())
                        .append(',')
                        .append(one.computeUnit().word())
                        .append(',')
                        .append(point.value())
                        .append(',')
                        .append(metric.direction().word())
                        .append(',')
                        .append(metric.visibility().word())
                        .append(',')
                        .append(quoted(metric.unit()))
                        .append(',')
                        .append(optional(point.standardError()))
                        .append(',')
                        .append(optional(point.parameters()))
                        .append(',')
                        .append(optional(point.tokens()))
                        .append('\n');
            }
        }
        return text.toString();
    }

    private static String optional(java.util.OptionalDouble value) {
        return value.isPresent() ? String.valueOf(value.getAsDouble()) : "";
    }

    private static String quoted(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
