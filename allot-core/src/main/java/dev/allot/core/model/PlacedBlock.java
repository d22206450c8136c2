package dev.allot.core.model;

import java.time.LocalDate;

/**
 * A reserved block as placed in a plan: {@code gpus} GPUs of {@code gpuType} held for {@code project} on the days
 * {@code [start, end)}, on top of its grant.
 */
public record PlacedBlock(ProjectId project, GpuTypeId gpuType, int gpus, LocalDate start, LocalDate end) {
    public PlacedBlock {
        Checks.present(project, "project");
        Checks.present(gpuType, "gpuType");
        Checks.positive(gpus, "gpus");
        Checks.present(start, "start");
        Checks.present(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a block ends after it starts, was " + start + " .. " + end);
        }
    }

    /** Whether the block holds its GPUs on {@code day}. */
    public boolean holdsOn(LocalDate day) {
        return !day.isBefore(start) && day.isBefore(end);
    }

    /** Whether the block holds its GPUs on some day of {@code [from, until)}. */
    public boolean overlaps(LocalDate from, LocalDate until) {
        return start.isBefore(until) && end.isAfter(from);
    }

    /**
     * Whether this placement can be {@code block}'s: the same project, GPU type and GPUs, held for the block's days
     * within its window.
     */
    public boolean places(Block block) {
        return project.equals(block.project())
                && gpuType.equals(block.gpuType())
                && gpus == block.gpus()
                && start.plusDays(block.days()).equals(end)
                && !start.isBefore(block.earliestStart())
                && !end.isAfter(block.latestEnd());
    }
}
