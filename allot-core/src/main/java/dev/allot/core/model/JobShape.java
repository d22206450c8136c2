package dev.allot.core.model;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a project's work needs to start: its largest job, which runs on one GPU type at a time, and the types its
 * jobs can run on. A grant of a type smaller than the largest job cannot start that job (policy {@link JobShapes}).
 *
 * @param largestJobGpus GPUs of the project's largest job, at least 1
 * @param gpuTypes the GPU types its jobs can run on, in the order written; empty means every type the ask accepts
 */
public record JobShape(int largestJobGpus, Set<GpuTypeId> gpuTypes) {
    public JobShape {
        Checks.positive(largestJobGpus, "largestJobGpus");
        // In the order given (problems name gpuTypes[i] as the person wrote them), so pass an ordered set, never
        // Set.of with two or more types: its order changes from one JVM run to the next.
        gpuTypes = Collections.unmodifiableSet(new LinkedHashSet<>(gpuTypes == null ? Set.of() : gpuTypes));
    }

    /** Whether the project's jobs can run on {@code type}. */
    public boolean runsOn(GpuTypeId type) {
        return gpuTypes.isEmpty() || gpuTypes.contains(type);
    }

    /**
     * What a grant means for the largest job when some type is granted below it, in one sentence without subject
     * ("grants 8 H100 but its largest job needs 32 GPUs: that job will never start"); empty when every granted type
     * the job runs on holds it, or nothing is granted.
     */
    public Optional<String> shortfall(Allocation grant) {
        StringBuilder small = new StringBuilder();
        java.util.List<String> fits = new java.util.ArrayList<>();
        for (var entry : new java.util.TreeMap<>(grant.gpus()).entrySet()) {
            int gpus = entry.getValue();
            if (gpus <= 0 || !runsOn(entry.getKey())) {
                continue;
            }
            if (gpus >= largestJobGpus) {
                fits.add(entry.getKey().value());
            } else {
                small.append(small.isEmpty() ? "" : " and ")
                        .append(gpus)
                        .append(' ')
                        .append(entry.getKey());
            }
        }
        if (small.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("grants " + small + " but its largest job needs " + largestJobGpus + " GPUs: "
                + (fits.isEmpty()
                        ? "that job will never start"
                        : "that job can start only on " + String.join(" or ", fits)));
    }
}
