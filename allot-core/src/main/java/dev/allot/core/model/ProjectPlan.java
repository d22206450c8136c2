package dev.allot.core.model;

import java.time.LocalDate;
import java.util.Optional;

/**
 * One project's line in a plan.
 *
 * @param priority the priority weight used by the planner
 * @param effectiveGpus speed-weighted GPUs of the grant (lab speeds x the project's speed factors)
 * @param value the project's contribution to the plan objective
 * @param yieldBy for a shrink or kill, the date by which the GPUs must be yielded
 */
public record ProjectPlan(
        ProjectId project,
        CategoryId category,
        double priority,
        Allocation previous,
        Allocation grant,
        Decision decision,
        double effectiveGpus,
        double value,
        Optional<LocalDate> yieldBy,
        Explanation explanation) {
    public ProjectPlan {
        Checks.present(project, "project");
        Checks.present(category, "category");
        Checks.present(previous, "previous");
        Checks.present(grant, "grant");
        Checks.present(decision, "decision");
        Checks.present(yieldBy, "yieldBy");
        Checks.present(explanation, "explanation");
    }

    /** Change in total GPUs versus the previous plan. */
    public int changeGpus() {
        return grant.totalGpus() - previous.totalGpus();
    }
}
