package dev.allot.sim.trace;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One job of a trace, as read: when it arrived, how many GPUs it needs at once, and how long it runs.
 *
 * <p>The running time is given either as {@code referenceSeconds} (seconds on a GPU of relative speed 1.0; the
 * simulator divides by the speed of the type it runs on) or as {@code secondsByTraceGpuType} (measured seconds per
 * GPU type of the trace, e.g. {@code v100}), which keeps per-job-type speed differences.
 *
 * @param id unique within the trace
 * @param group the team or project the trace attributes the job to
 * @param jobType the workload kind (e.g. {@code ResNet-50 (batch size 128)}), or empty
 * @param submitSeconds arrival time in seconds from the trace start, {@code >= 0}
 * @param gpus GPUs needed at once, {@code >= 1}
 * @param priority larger runs first within the group (default 0)
 * @param referenceSeconds seconds on a speed-1.0 GPU, or {@code NaN} when {@code secondsByTraceGpuType} is given
 * @param secondsByTraceGpuType seconds per trace GPU type, or empty
 * @param allowedGpuTypes lab GPU type names the job may run on (or trace type names mapped onto lab types); empty
 *     means any
 * @param name the trace's own id of the job (any string), for messages and reports
 */
public record TraceJob(
        long id,
        String group,
        String jobType,
        double submitSeconds,
        int gpus,
        int priority,
        double referenceSeconds,
        Map<String, Double> secondsByTraceGpuType,
        Set<String> allowedGpuTypes,
        String name) {
    /**
     * Longest submit time or running time accepted, in seconds (ten years): larger values are typing or unit errors
     * (milliseconds for seconds), not workloads.
     */
    public static final double MAX_SECONDS = 10 * 365 * 86_400.0;

    /** Most GPUs one job may need at once; larger values are errors, not workloads. */
    public static final int MAX_GPUS = 65_536;

    /** A job whose name is its number. */
    public TraceJob(
            long id,
            String group,
            String jobType,
            double submitSeconds,
            int gpus,
            int priority,
            double referenceSeconds,
            Map<String, Double> secondsByTraceGpuType,
            Set<String> allowedGpuTypes) {
        this(
                id,
                group,
                jobType,
                submitSeconds,
                gpus,
                priority,
                referenceSeconds,
                secondsByTraceGpuType,
                allowedGpuTypes,
                String.valueOf(id));
    }

    public TraceJob {
        name = name == null || name.isBlank() ? String.valueOf(id) : name;
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException("group must not be blank for job " + id);
        }
        jobType = jobType == null ? "" : jobType;
        if (!(submitSeconds >= 0) || submitSeconds > MAX_SECONDS) {
            throw new IllegalArgumentException(
                    "submitSeconds must be in [0, " + MAX_SECONDS + "], was " + submitSeconds + " for job " + id);
        }
        if (gpus < 1 || gpus > MAX_GPUS) {
            throw new IllegalArgumentException("gpus must be in [1, " + MAX_GPUS + "], was " + gpus + " for job " + id);
        }
        secondsByTraceGpuType = secondsByTraceGpuType == null || secondsByTraceGpuType.isEmpty()
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new TreeMap<>(secondsByTraceGpuType));
        if (secondsByTraceGpuType.isEmpty() && !(referenceSeconds > 0 && referenceSeconds <= MAX_SECONDS)) {
            throw new IllegalArgumentException(
                    "referenceSeconds must be in (0, " + MAX_SECONDS + "], was " + referenceSeconds + " for job " + id);
        }
        allowedGpuTypes = allowedGpuTypes == null || allowedGpuTypes.isEmpty()
                ? Set.of()
                : java.util.Collections.unmodifiableSet(new TreeSet<>(allowedGpuTypes));
    }

    /** A job whose running time is given on the reference GPU, runnable on any type. */
    public static TraceJob ofReference(long id, String group, double submitSeconds, int gpus, double referenceSeconds) {
        return new TraceJob(id, group, "", submitSeconds, gpus, 0, referenceSeconds, Map.of(), Set.of());
    }
}
