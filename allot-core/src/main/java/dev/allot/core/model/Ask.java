package dev.allot.core.model;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A project's request for one cycle, in GPUs summed over the types it accepts.
 *
 * <p>Invariant: {@code 0 <= floorGpus <= targetGpus <= ceilingGpus}. The floor is all-or-nothing: a project gets at
 * least its floor or nothing. Value grows linearly with effective compute up to the target and with diminishing
 * returns between target and ceiling (see {@code ValueModel}).
 *
 * @param gpuTypes the GPU types the project can use; empty means any type
 * @param speedFactors per-type multipliers on the type's relative speed for this project's workload (missing = 1.0),
 *     e.g. a memory-bound project gains more from H200 than the lab average
 * @param jobShape what its work needs to start (largest job, types it runs on), if the lead said; the planner grants
 *     no type outside it (see {@link #accepts})
 */
public record Ask(
        ProjectId project,
        int floorGpus,
        int targetGpus,
        int ceilingGpus,
        Set<GpuTypeId> gpuTypes,
        Map<GpuTypeId, Double> speedFactors,
        String justification,
        Optional<JobShape> jobShape) {
    /** An ask without a job shape. */
    public Ask(
            ProjectId project,
            int floorGpus,
            int targetGpus,
            int ceilingGpus,
            Set<GpuTypeId> gpuTypes,
            Map<GpuTypeId, Double> speedFactors,
            String justification) {
        this(project, floorGpus, targetGpus, ceilingGpus, gpuTypes, speedFactors, justification, Optional.empty());
    }

    public Ask {
        Checks.present(project, "project");
        Checks.nonNegative(floorGpus, "floorGpus");
        if (floorGpus > targetGpus || targetGpus > ceilingGpus) {
            throw new IllegalArgumentException("need floor <= target <= ceiling, was " + floorGpus + "/" + targetGpus
                    + "/" + ceilingGpus + " for " + project);
        }
        // Sorted, never Set.copyOf/Map.copyOf: their iteration order changes from one JVM run to the next, and
        // whatever iterates these (the demo generator, exporters) must give the same result every run.
        gpuTypes = Collections.unmodifiableSortedSet(new TreeSet<>(gpuTypes == null ? Set.of() : gpuTypes));
        speedFactors = Collections.unmodifiableSortedMap(new TreeMap<>(speedFactors == null ? Map.of() : speedFactors));
        speedFactors.values().forEach(f -> Checks.positive(f, "speedFactor"));
        justification = justification == null ? "" : justification;
        jobShape = jobShape == null ? Optional.empty() : jobShape;
    }

    /** The same ask with another job shape (empty for none). */
    public Ask withJobShape(Optional<JobShape> shape) {
        return new Ask(project, floorGpus, targetGpus, ceilingGpus, gpuTypes, speedFactors, justification, shape);
    }

    /** Whether the project may be granted {@code type}: one of its types, and one its job shape runs on. */
    public boolean accepts(GpuTypeId type) {
        return (gpuTypes.isEmpty() || gpuTypes.contains(type))
                && jobShape.map(shape -> shape.runsOn(type)).orElse(true);
    }

    /** GPUs of the largest job, or 0 without a job shape. */
    public int largestJobGpus() {
        return jobShape.map(JobShape::largestJobGpus).orElse(0);
    }

    public double speedFactor(GpuTypeId type) {
        return speedFactors.getOrDefault(type, 1.0);
    }
}
