package dev.allot.web;

import dev.allot.application.Usage;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How the board shows GPU-hour budgets burning down: badges on the projects, a line per category budget. */
final class BoardBudgets {
    private BoardBudgets() {}

    /**
     * Per project, its budgets and its category's that run out in the cycle: "H100 budget runs out 2026-12-24; A100
     * budget spent 2026-12-20; category product H100 budget runs out 2026-12-28". A project's own budget sits on its
     * row unnamed; any other owner is named as {@link dev.allot.core.model.Budget#ownerText} names it.
     */
    static Map<ProjectId, String> badges(List<Usage.BudgetStatus> statuses, List<Project> projects) {
        Map<ProjectId, String> badges = new HashMap<>();
        statuses.stream().filter(Usage.BudgetStatus::runsOut).forEach(status -> {
            var burn = status.burn();
            String text = burn.budget().gpuType().value() + " budget "
                    + (burn.spent() ? "spent " : "runs out ")
                    + burn.exhaustedOn().map(LocalDate::toString).orElse("");
            projects.stream().filter(burn.budget()::covers).forEach(project -> {
                String owner = burn.budget().owner().equals(project.id())
                        ? ""
                        : burn.budget().ownerText() + " ";
                badges.merge(project.id(), owner + text, (first, more) -> first + "; " + more);
            });
        });
        return badges;
    }

    /** A line per category budget, in the order given (see {@link #line}). */
    static List<String> categoryLines(List<Usage.BudgetStatus> statuses) {
        return statuses.stream()
                .filter(status -> status.burn().budget().owner() instanceof dev.allot.core.model.CategoryId)
                .map(BoardBudgets::line)
                .toList();
    }

    /**
     * "category product H100: 12,000 of 20,000 GPU-hours used, runs out 2027-02-19" (or "spent ...", or "not
     * burning").
     */
    private static String line(Usage.BudgetStatus status) {
        var burn = status.burn();
        return String.format(
                java.util.Locale.ROOT,
                "%s %s: %,.0f of %,.0f GPU-hours used, %s",
                burn.budget().ownerText(),
                burn.budget().gpuType().value(),
                burn.usedGpuHours(),
                burn.budget().gpuHours(),
                burn.exhaustedOn()
                        .map(day -> (burn.spent() ? "spent " : "runs out ") + day)
                        .orElse("not burning"));
    }
}
