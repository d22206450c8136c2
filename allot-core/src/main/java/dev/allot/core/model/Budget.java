package dev.allot.core.model;

/**
 * A project's budget of GPU-hours of one type for the cycle: the sum over the plan's periods of the GPUs granted
 * times the period's hours stays within it. A lab with budgets is planned over time, in periods (see
 * {@link CapacityTimeline}), so that a project may run larger for part of the cycle.
 *
 * @param gpuHours GPU-hours of {@code gpuType} over the whole cycle, at least 0
 */
public record Budget(ProjectId project, GpuTypeId gpuType, double gpuHours) {
    public Budget {
        Checks.present(project, "project");
        Checks.present(gpuType, "gpuType");
        if (!(gpuHours >= 0) || Double.isInfinite(gpuHours)) {
            throw new IllegalArgumentException("gpuHours must be a finite number >= 0, was " + gpuHours);
        }
    }
}
