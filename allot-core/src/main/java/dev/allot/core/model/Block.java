package dev.allot.core.model;

import java.time.LocalDate;

/**
 * A reserved block for a big run: {@code gpus} GPUs of one type (whole nodes) held together for {@code days}
 * consecutive days, starting no earlier than {@code earliestStart} and ending no later than {@code latestEnd}. The
 * planner places it all or nothing, like a floor, on top of the project's grant. Check values with
 * {@link dev.allot.core.rules.BlockRules} first; the constructor refuses only what no lab could hold.
 *
 * @param latestEnd the first day after the block at the latest (the block ends by then)
 */
public record Block(
        ProjectId project, GpuTypeId gpuType, int gpus, int days, LocalDate earliestStart, LocalDate latestEnd) {
    public Block {
        Checks.present(project, "project");
        Checks.present(gpuType, "gpuType");
        Checks.positive(gpus, "gpus");
        Checks.positive(days, "days");
        Checks.present(earliestStart, "earliestStart");
        Checks.present(latestEnd, "latestEnd");
        if (earliestStart.plusDays(days).isAfter(latestEnd)) {
            throw new IllegalArgumentException(
                    "a block of " + days + " days does not fit between " + earliestStart + " and " + latestEnd);
        }
    }

    /** {@code 1,024 H100 for 10 days}. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%,d %s for %d days", gpus, gpuType.value(), days);
    }
}
