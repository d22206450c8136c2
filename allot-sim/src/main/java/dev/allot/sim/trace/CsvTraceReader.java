package dev.allot.sim.trace;

import dev.allot.core.AllotException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the neutral CSV trace format (see docs/simulation.md): a header row naming the columns, then one job per
 * row. Columns, in any order: {@code submit_seconds}, {@code group} (or {@code project}), {@code gpus}, one of
 * {@code duration_seconds} (on a speed-1.0 GPU) or {@code work_gpu_hours} (speed-1.0 GPU-hours), and optionally
 * {@code gpu_types} (allowed lab types separated by {@code |}), {@code priority} (integer, larger first) and
 * {@code id}. Blank lines and lines starting with {@code #} are skipped. Every bad row is reported, with its line.
 */
public final class CsvTraceReader {
    private static final Set<String> KNOWN = Set.of(
            "submit_seconds",
            "group",
            "project",
            "gpus",
            "duration_seconds",
            "work_gpu_hours",
            "gpu_types",
            "priority",
            "id");

    /** Reads the whole trace or throws one {@link AllotException} listing every problem. */
    public Trace read(TraceSource source) {
        TraceProblems problems = new TraceProblems(source.name());
        List<TraceJob> jobs = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(source.reader())) {
            Map<String, Integer> columns = null;
            String line;
            long lineNumber = 0;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                if (columns == null) {
                    columns = header(source.name(), lineNumber, trimmed);
                    continue;
                }
                problems.countRow();
                TraceJob job = row(source.name(), lineNumber, trimmed.split(",", -1), columns, problems);
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        problems.throwIfAny();
        return new Trace(source.name(), jobs, Map.of());
    }

    private static Map<String, Integer> header(String source, long line, String text) {
        Map<String, Integer> columns = new HashMap<>();
        String[] names = text.split(",", -1);
        for (int i = 0; i < names.length; i++) {
            String name = names[i].strip().toLowerCase(Locale.ROOT);
            if (!KNOWN.contains(name)) {
                throw AllotException.invalid(
                        "trace.column",
                        source + ":" + line + " header: unknown column '" + names[i].strip() + "'. Maybe one of "
                                + new java.util.TreeSet<>(KNOWN) + "?");
            }
            columns.put(name.equals("project") ? "group" : name, i);
        }
        for (String required : List.of("submit_seconds", "group", "gpus")) {
            if (!columns.containsKey(required)) {
                throw AllotException.invalid(
                        "trace.column",
                        source + ":" + line + " header: column '" + required
                                + "' is missing. Maybe add it to the header row?");
            }
        }
        if (!columns.containsKey("duration_seconds") && !columns.containsKey("work_gpu_hours")) {
            throw AllotException.invalid(
                    "trace.column",
                    source + ":" + line
                            + " header: needs a duration_seconds or a work_gpu_hours column. Maybe add one?");
        }
        return columns;
    }

    private static TraceJob row(
            String source, long line, String[] cells, Map<String, Integer> columns, TraceProblems problems) {
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
        long id = row.text("id").isEmpty() ? line : (long) row.number("id", true, 0);
        return new TraceJob(id, group, "", submit, (int) gpus, (int) priority, seconds, Map.of(), types);
    }

    /** One row's cells with checked accessors that record problems instead of throwing. */
    private static final class Row {
        private final String source;
        private final long line;
        private final String[] cells;
        private final Map<String, Integer> columns;
        private final TraceProblems problems;
        private boolean bad;

        Row(String source, long line, String[] cells, Map<String, Integer> columns, TraceProblems problems) {
            this.source = source;
            this.line = line;
            this.cells = cells;
            this.columns = columns;
            this.problems = problems;
        }

        String text(String column) {
            Integer index = columns.get(column);
            return index == null || index >= cells.length ? "" : cells[index].strip();
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
