package dev.allot.slurm.usage;

import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.ProjectId;
import java.time.LocalDate;
import java.util.Objects;

/**
 * GPU-hours one project used of one GPU type on one day. The key is (project, gpuType, day); writing a record
 * again replaces it, so re-importing a period is idempotent.
 */
public record UsageRecord(ProjectId project, GpuTypeId gpuType, LocalDate day, double gpuHours) {
    public UsageRecord {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(gpuType, "gpuType");
        Objects.requireNonNull(day, "day");
        if (!(gpuHours >= 0) || Double.isInfinite(gpuHours)) {
            throw new IllegalArgumentException("gpuHours must be >= 0, was " + gpuHours);
        }
    }

    /** The idempotency key. */
    public Key key() {
        return new Key(project, gpuType, day);
    }

    /** Project, GPU type and day. */
    public record Key(ProjectId project, GpuTypeId gpuType, LocalDate day) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byDay = day.compareTo(other.day);
            if (byDay != 0) {
                return byDay;
            }
            int byProject = project.compareTo(other.project);
            return byProject != 0 ? byProject : gpuType.compareTo(other.gpuType);
        }
    }
}
