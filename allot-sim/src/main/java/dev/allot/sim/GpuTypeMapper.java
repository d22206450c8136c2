package dev.allot.sim;

import dev.allot.core.AllotException;
import dev.allot.core.model.GpuType;
import dev.allot.sim.trace.Trace;
import dev.allot.sim.trace.TraceJob;
import java.util.List;
import java.util.Map;

/**
 * Turns a trace job's running time into seconds on each lab GPU type.
 *
 * <p>Reference-time jobs: {@code referenceSeconds / relativeSpeed}. Per-type jobs (Gavel): each lab type runs a job
 * like one trace type. Explicitly mapped types use the trace type's seconds unchanged. Otherwise a lab type takes the
 * trace type of the same name, or else the one whose speed relative to the fastest trace type is nearest (on a log
 * scale) to the lab type's speed relative to the fastest lab type, with seconds scaled by the ratio of those two
 * relative speeds; so the lab's speeds hold on average while per-job-type differences are kept.
 */
final class GpuTypeMapper {
    private final List<GpuType> labTypes;
    private final String[] traceTypeOf;
    private final double[] scaleOf;
    /** For traces with per-job allowed types: the trace type name each lab type also answers to (--gpu-map). */
    private final String[] aliasOf;

    GpuTypeMapper(List<GpuType> labTypes, Trace trace, Map<String, String> explicit) {
        this.labTypes = List.copyOf(labTypes);
        this.traceTypeOf = new String[labTypes.size()];
        this.scaleOf = new double[labTypes.size()];
        this.aliasOf = new String[labTypes.size()];
        Map<String, Double> traceSpeeds = trace.traceGpuTypeSpeeds();
        java.util.Set<String> traceTypes = new java.util.TreeSet<>(traceSpeeds.keySet());
        if (traceSpeeds.isEmpty()) {
            trace.jobs().forEach(job -> traceTypes.addAll(job.allowedGpuTypes()));
        }
        double fastestLab =
                labTypes.stream().mapToDouble(GpuType::relativeSpeed).max().orElse(1);
        explicit.forEach((lab, traceType) -> {
            if (labTypes.stream().noneMatch(type -> type.id().value().equals(lab))) {
                throw AllotException.invalid(
                        "sim.gpu-map",
                        "GPU type map names lab type '" + lab
                                + "', which the lab does not have. Maybe one of "
                                + labTypes.stream().map(GpuType::id).toList()
                                + "?");
            }
            if (!traceTypes.contains(traceType)) {
                throw AllotException.invalid(
                        "sim.gpu-map",
                        "GPU type map sends " + lab + " to trace type '" + traceType
                                + "', which the trace does not have. Maybe one of " + traceTypes + "?");
            }
        });
        for (int t = 0; t < labTypes.size(); t++) {
            String name = labTypes.get(t).id().value();
            if (traceSpeeds.isEmpty()) {
                aliasOf[t] = explicit.get(name);
                continue;
            }
            if (explicit.containsKey(name)) {
                traceTypeOf[t] = explicit.get(name);
                scaleOf[t] = 1.0;
                continue;
            }
            String same = traceSpeeds.keySet().stream()
                    .filter(name::equalsIgnoreCase)
                    .findFirst()
                    .orElse(null);
            double labRelative = labTypes.get(t).relativeSpeed() / fastestLab;
            String nearest = same != null ? same : nearest(traceSpeeds, labRelative);
            traceTypeOf[t] = nearest;
            scaleOf[t] = same != null ? 1.0 : traceSpeeds.get(nearest) / labRelative;
        }
    }

    private static String nearest(Map<String, Double> traceSpeeds, double labRelative) {
        String best = null;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (var entry : traceSpeeds.entrySet()) {
            double distance = Math.abs(Math.log(entry.getValue() / labRelative));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = entry.getKey();
            }
        }
        return best;
    }

    /** The trace type each lab type runs like, for reports; empty for reference-time traces. */
    Map<String, String> describe() {
        Map<String, String> mapping = new java.util.LinkedHashMap<>();
        for (int t = 0; t < labTypes.size(); t++) {
            if (aliasOf[t] != null) {
                mapping.put(labTypes.get(t).id().value(), aliasOf[t]);
            }
            if (traceTypeOf[t] != null) {
                mapping.put(
                        labTypes.get(t).id().value(),
                        traceTypeOf[t]
                                + (scaleOf[t] == 1.0
                                        ? ""
                                        : String.format(java.util.Locale.ROOT, " x%.2f time", scaleOf[t])));
            }
        }
        return mapping;
    }

    /** Seconds of the job on lab type {@code t}, or infinity when it cannot run there. */
    double seconds(TraceJob job, int t) {
        if (!job.allowedGpuTypes().isEmpty()
                && !job.allowedGpuTypes().contains(labTypes.get(t).id().value())
                && (aliasOf[t] == null || !job.allowedGpuTypes().contains(aliasOf[t]))) {
            return Double.POSITIVE_INFINITY;
        }
        if (job.secondsByTraceGpuType().isEmpty()) {
            return job.referenceSeconds() / labTypes.get(t).relativeSpeed();
        }
        if (traceTypeOf[t] == null) {
            return Double.POSITIVE_INFINITY;
        }
        Double seconds = job.secondsByTraceGpuType().get(traceTypeOf[t]);
        return seconds == null ? Double.POSITIVE_INFINITY : seconds * scaleOf[t];
    }
}
