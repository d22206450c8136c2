package dev.allot.sim.trace;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A job trace ready to replay.
 *
 * @param source where it came from (file or generator name), for reports
 * @param jobs the jobs in file order
 * @param traceGpuTypeSpeeds for traces with per-type durations: each trace GPU type's typical speed relative to the
 *     fastest trace type (fastest = 1.0), used to map trace types onto lab types; empty otherwise
 */
public record Trace(String source, List<TraceJob> jobs, Map<String, Double> traceGpuTypeSpeeds) {
    public Trace {
        if (source == null) {
            throw new IllegalArgumentException("source must not be null");
        }
        jobs = List.copyOf(jobs);
        traceGpuTypeSpeeds = java.util.Collections.unmodifiableMap(
                new TreeMap<>(traceGpuTypeSpeeds == null ? Map.of() : traceGpuTypeSpeeds));
    }

    /** Distinct groups in order of first appearance. */
    public List<String> groups() {
        return jobs.stream().map(TraceJob::group).distinct().toList();
    }
}
