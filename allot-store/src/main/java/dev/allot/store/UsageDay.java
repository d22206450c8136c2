package dev.allot.store;

import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.ProjectId;
import java.time.LocalDate;
import java.util.Objects;

/** GPU-hours one project used on one GPU type on one day, as the scheduler reports it. */
public record UsageDay(ProjectId project, GpuTypeId gpuType, LocalDate day, double gpuHours) {
    public UsageDay {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(gpuType, "gpuType");
        Objects.requireNonNull(day, "day");
        if (!(gpuHours >= 0) || Double.isInfinite(gpuHours)) {
            throw new IllegalArgumentException("gpuHours must be >= 0, was " + gpuHours);
        }
    }
}
