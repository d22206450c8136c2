package dev.allot.sim.trace;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the neutral CSV trace format (see docs/simulation.md): RFC 4180 CSV (quoted fields may hold commas, quotes
 * and line breaks) with a header row, then one job per row. Columns are found by their canonical names
 * ({@code submit_seconds}, {@code group} or {@code project}, {@code gpus}, one of {@code duration_seconds} (on a
 * speed-1.0 GPU) or {@code work_gpu_hours}, and optionally {@code gpu_types} (allowed types separated by {@code |}),
 * {@code priority} and {@code id}, any string) or through a column mapping; other columns are ignored. Blank lines and
 * lines starting with {@code #} are skipped. Every problem of the header and of every row is reported at once.
 */
public final class CsvTraceReader {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180
            .builder()
            .setCommentMarker('#')
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true)
            .get();

    private final Map<String, String> columnMapping;

    /** Columns by their canonical names. */
    public CsvTraceReader() {
        this(Map.of());
    }

    /**
     * @param columnMapping canonical column (or its short name: {@code submit}, {@code duration}, {@code work},
     *     {@code types}) to the trace's header name, e.g. {@code submit -> submit_time}
     */
    public CsvTraceReader(Map<String, String> columnMapping) {
        this.columnMapping = Map.copyOf(columnMapping);
    }

    /** Reads the whole trace or throws one {@link AllotException} listing every problem. */
    public Trace read(TraceSource source) {
        TraceProblems problems = new TraceProblems(source.name());
        List<TraceJob> jobs = new ArrayList<>();
        try (CSVParser parser =
                CSVParser.builder().setReader(source.reader()).setFormat(FORMAT).get()) {
            CsvColumns columns = null;
            long lineBefore = 0;
            for (CSVRecord record : parser) {
                long line = lineBefore + 1 + skippedLines(record);
                lineBefore = parser.getCurrentLineNumber();
                List<String> cells = CsvColumns.values(record);
                if (columns == null) {
                    List<Problem> headerProblems = new ArrayList<>();
                    columns = CsvColumns.resolve(source.name() + ":" + line, cells, columnMapping, headerProblems);
                    headerProblems.forEach(problems::add);
                    if (!headerProblems.isEmpty()) {
                        problems.throwIfAny();
                    }
                    continue;
                }
                problems.countRow();
                TraceJob job = row(source.name(), line, cells, columns, problems, jobs.size());
                if (job != null) {
                    jobs.add(job);
                }
            }
            if (columns == null) {
                throw AllotException.invalid(
                        "trace.empty",
                        "Trace " + source.name()
                                + " has no header row. Maybe start it with: submit_seconds,group,gpus,duration_seconds");
            }
        } catch (IOException | UncheckedIOException e) {
            if (e instanceof java.nio.charset.CharacterCodingException
                    || e.getCause() instanceof java.nio.charset.CharacterCodingException) {
                throw AllotException.invalid(
                        "FILE_NOT_TEXT",
                        "Trace " + source.name() + " is not UTF-8 text. Maybe it is a binary or compressed file, or"
                                + " saved in another encoding?");
            }
            throw AllotException.invalid(
                    "trace.csv",
                    "Trace " + source.name() + " is not valid CSV: " + e.getMessage()
                            + ". Maybe a quote is not closed?");
        }
        problems.throwIfAny();
        return new Trace(source.name(), jobs, Map.of());
    }

    /** Comment and blank lines before the record are not part of it; Commons CSV keeps comments on the record. */
    private static long skippedLines(CSVRecord record) {
        String comment = record.getComment();
        return comment == null ? 0 : comment.split("\n", -1).length;
    }

    private static TraceJob row(
            String source, long line, List<String> cells, CsvColumns columns, TraceProblems problems, int index) {
        Row row = new Row(source, line, cells, columns, problems);
        double submit = row.number("submit_seconds", true, 0);
        row.atMost("submit_seconds", submit, TraceJob.MAX_SECONDS, "seconds (ten years)");
        String group = row.text("group");
        if (group.isEmpty()) {
            row.problem("group", "", "is empty", "Maybe name the team or project that ran the job?");
        }
        double gpus = row.number("gpus", true, 1);
        row.atMost("gpus", gpus, TraceJob.MAX_GPUS, "GPUs");
        if (Double.isFinite(gpus) && gpus != Math.rint(gpus)) {
            row.problem("gpus", row.text("gpus"), "must be a whole number", "");
        }
        double priority = row.number("priority", false, Integer.MIN_VALUE);
        double duration = row.number("duration_seconds", false, Double.MIN_VALUE);
        double work = row.number("work_gpu_hours", false, Double.MIN_VALUE);
        boolean hasDuration = !row.text("duration_seconds").isEmpty();
        boolean hasWork = !row.text("work_gpu_hours").isEmpty();
        if (hasDuration == hasWork) {
            row.problem(
                    hasDuration ? "work_gpu_hours" : "duration_seconds",
                    "",
                    hasDuration ? "is given together with duration_seconds" : "is missing (and so is work_gpu_hours)",
                    "Maybe give exactly one of duration_seconds and work_gpu_hours?");
        }
        Set<String> types = new LinkedHashSet<>();
        for (String type : row.text("gpu_types").split("\\|")) {
            if (!type.isBlank()) {
                types.add(type.strip());
            }
        }
        if (row.bad) {
            return null;
        }
        double seconds = hasDuration ? duration : work * 3600.0 / gpus;
        row.atMost(
                hasDuration ? "duration_seconds" : "work_gpu_hours",
                seconds,
                TraceJob.MAX_SECONDS,
                "seconds of running time (ten years)");
        if (row.bad) {
            return null;
        }
        String name = row.text("id").isEmpty() ? String.valueOf(line) : row.text("id");
        return new TraceJob(index, group, "", submit, (int) gpus, (int) priority, seconds, Map.of(), types, name);
    }

    /** One row's cells with checked accessors that record problems instead of throwing. */
    private static final class Row {
        private final String source;
        private final long line;
        private final List<String> cells;
        private final CsvColumns columns;
        private final TraceProblems problems;
        private boolean bad;

        Row(String source, long line, List<String> cells, CsvColumns columns, TraceProblems problems) {
            this.source = source;
            this.line = line;
            this.cells = cells;
            this.columns = columns;
            this.problems = problems;
        }

        String text(String column) {
            return columns.cell(cells, column);
        }

        /** Parses a number; {@code minimum} is inclusive, except {@code Double.MIN_VALUE} which means "> 0". */
        double number(String column, boolean required, double minimum) {
            String text = text(column);
            if (text.isEmpty()) {
                if (required) {
                    problem(column, "", "is missing", "");
                }
                return minimum == Integer.MIN_VALUE ? 0 : Double.NaN;
            }
            double value;
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                problem(column, text, "is not a number", "");
                return Double.NaN;
            }
            if (!Double.isFinite(value) || value < minimum || (minimum == Double.MIN_VALUE && value <= 0)) {
                problem(
                        column,
                        text,
                        minimum == Double.MIN_VALUE
                                ? "must be > 0"
                                : minimum == Integer.MIN_VALUE
                                        ? "must be a finite number"
                                        : "must be >= " + (long) minimum,
                        "");
            }
            return value;
        }

        /** Refuses values beyond a sane maximum, which are unit or typing errors rather than workloads. */
        void atMost(String column, double value, double maximum, String unit) {
            if (value > maximum) {
                problem(
                        column,
                        text(column),
                        "is absurd: more than " + (long) maximum + " " + unit,
                        "Maybe a unit mix-up (milliseconds for seconds) or a stray digit?");
            }
        }

        void problem(String column, String value, String reason, String hint) {
            bad = true;
            problems.add(source, line, column, value, reason, hint);
        }
    }
}
