package dev.allot.sim.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Gavel's Philly-derived traces: one file per Philly virtual cluster (the file name without {@code .trace} is
 * the group), one job per line with seven tab-separated columns (job type, command, steps flag, needs-data-dir flag,
 * total steps, arrival seconds, GPUs). A job's seconds on each GPU type are {@code steps / throughput}.
 */
public final class GavelTraceReader {
    private final GavelThroughputs throughputs;

    public GavelTraceReader(GavelThroughputs throughputs) {
        this.throughputs = throughputs;
    }

    /** Reads all files of a trace (one per group) or throws one exception listing every bad row of all files. */
    public Trace read(String traceName, List<TraceSource> files) {
        TraceProblems problems = new TraceProblems(traceName);
        List<TraceJob> jobs = new ArrayList<>();
        for (TraceSource file : files) {
            String group = file.name().replaceFirst("\\.trace$", "").replaceFirst(".*/", "");
            readFile(file, group, jobs, problems);
        }
        problems.throwIfAny();
        return new Trace(traceName, jobs, throughputs.typeSpeeds());
    }

    private void readFile(TraceSource file, String group, List<TraceJob> jobs, TraceProblems problems) {
        try (BufferedReader in = new BufferedReader(file.reader())) {
            String line;
            long lineNumber = 0;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                problems.countRow();
                TraceJob job = parse(file.name(), lineNumber, line.split("\t", -1), group, jobs.size(), problems);
                if (job != null) {
                    jobs.add(job);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TraceJob parse(String source, long line, String[] cells, String group, long id, TraceProblems problems) {
        if (cells.length != 7) {
            problems.add(
                    source,
                    line,
                    "columns",
                    cells.length,
                    "expected 7 tab-separated columns",
                    "Maybe the file is not a Gavel trace, or tabs became spaces?");
            return null;
        }
        String jobType = cells[0].strip();
        long steps = wholeNumber(source, line, "steps", cells[4], problems);
        double arrival = number(source, line, "arrival", cells[5], problems);
        long gpus = wholeNumber(source, line, "gpus", cells[6], problems);
        if (arrival > TraceJob.MAX_SECONDS) {
            problems.add(source, line, "arrival", cells[5].strip(), "is absurd: more than ten years", "");
            return null;
        }
        if (gpus > TraceJob.MAX_GPUS) {
            problems.add(source, line, "gpus", cells[6].strip(), "is absurd: more than " + TraceJob.MAX_GPUS, "");
            return null;
        }
        if (steps < 1 || gpus < 1 || !(arrival >= 0)) {
            return null;
        }
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String gpuType : throughputs.gpuTypes()) {
            double rate = throughputs.stepsPerSecond(gpuType, jobType, (int) gpus);
            if (rate > 0) {
                seconds.put(gpuType, steps / rate);
            }
        }
        if (!seconds.isEmpty() && java.util.Collections.min(seconds.values()) > TraceJob.MAX_SECONDS) {
            problems.add(
                    source,
                    line,
                    "steps",
                    steps,
                    "is absurd: more than ten years of running time even on the fastest GPU type",
                    "Maybe a stray digit?");
            return null;
        }
        if (seconds.isEmpty()) {
            problems.add(
                    source,
                    line,
                    "job type",
                    jobType,
                    "has no measured throughput on any GPU type",
                    "Maybe the throughputs file does not belong to this trace?");
            return null;
        }
        return new TraceJob(id, group, jobType, arrival, (int) gpus, 0, Double.NaN, seconds, Set.of());
    }

    private static long wholeNumber(String source, long line, String field, String text, TraceProblems problems) {
        try {
            long value = Long.parseLong(text.strip());
            if (value >= 1 && value <= Integer.MAX_VALUE) {
                return value;
            }
            problems.add(source, line, field, text, "must be a whole number >= 1", "");
        } catch (NumberFormatException e) {
            problems.add(source, line, field, text, "is not a whole number", "");
        }
        return -1;
    }

    private static double number(String source, long line, String field, String text, TraceProblems problems) {
        try {
            double value = Double.parseDouble(text.strip());
            if (value >= 0 && Double.isFinite(value)) {
                return value;
            }
            problems.add(source, line, field, text, "must be a number >= 0", "");
        } catch (NumberFormatException e) {
            problems.add(source, line, field, text, "is not a number", "");
        }
        return Double.NaN;
    }
}
