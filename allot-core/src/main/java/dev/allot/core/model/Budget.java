package dev.allot.core.model;

/**
 * A budget of GPU-hours of one type for the cycle, of one project or of one category (summed over all its projects):
 * the sum over the plan's periods of the GPUs granted to the projects it {@linkplain BudgetOwner#covers covers}
 * times the period's hours stays within it. A lab with budgets is planned over time, in periods (see
 * {@link CapacityTimeline}), so that a project may run larger for part of the cycle.
 *
 * @param owner the project or category whose GPU-hours count
 * @param gpuHours GPU-hours of {@code gpuType} over the whole cycle, at least 0
 */
public record Budget(BudgetOwner owner, GpuTypeId gpuType, double gpuHours) {
    public Budget {
        Checks.present(owner, "owner");
        Checks.present(gpuType, "gpuType");
        if (!(gpuHours >= 0) || Double.isInfinite(gpuHours)) {
            throw new IllegalArgumentException("gpuHours must be a finite number >= 0, was " + gpuHours);
        }
    }

    /** Whether {@code project}'s grants and usage count against this budget. */
    public boolean covers(Project project) {
        return owner.covers(project);
    }

    /** "category product" or "project vision-rl": the owner as a message names it. */
    public String ownerText() {
        return owner.kind() + " " + owner.value();
    }

    /** {@link #ownerText} at the start of a sentence: "Category product". */
    public String ownerSentenceText() {
        String text = ownerText();
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
