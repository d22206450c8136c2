package dev.allot.core.rules;

import dev.allot.core.ErrorCode;
import dev.allot.core.Problem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of GPU-hour budgets: each names a project and a GPU type of the lab, holds a finite number of GPU-hours
 * of at least zero, and a project has at most one budget per type. Problems name the fields {@code project},
 * {@code gpuType} and {@code gpuHours} of one budget; the entry point places them under the budget's index.
 */
public final class BudgetRules {
    /** The largest budget the rules accept: a billion GPU-hours, far beyond any fleet's cycle. */
    public static final double MAX_GPU_HOURS = 1e9;

    private BudgetRules() {}

    /** One budget as written. */
    public record Entry(String project, String gpuType, double gpuHours) {}

    /**
     * Every problem of {@code budgets} at once, each at {@code budgets[i].field} under {@code prefix} (empty for a
     * top-level list named {@code budgets}).
     */
    public static List<Problem> check(List<Entry> budgets, Collection<String> projects, Fleet fleet, String prefix) {
        List<Problem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < budgets.size(); i++) {
            String at = prefix + "budgets[" + i + "].";
            Entry budget = budgets.get(i);
            boolean known = true;
            if (!projects.contains(budget.project())) {
                known = false;
                String hint = Suggest.hint(budget.project() == null ? "" : budget.project(), projects);
                problems.add(new Problem(
                        ErrorCode.BUDGET_UNKNOWN_PROJECT.code(),
                        at + "project",
                        budget.project(),
                        "is not a project of the lab",
                        hint.isEmpty() ? "Maybe list the projects with GET /api/projects?" : hint));
            }
            for (Problem problem : FleetRules.gpuType(budget.gpuType(), fleet)) {
                known = false;
                problems.add(problem.at(at + "gpuType"));
            }
            problems.addAll(hours(budget.gpuHours(), at + "gpuHours"));
            if (known && !seen.add(budget.project() + " " + budget.gpuType())) {
                problems.add(new Problem(
                        ErrorCode.BUDGET_DUPLICATE.code(),
                        at + "project",
                        budget.project(),
                        "has two budgets of " + budget.gpuType(),
                        "Maybe add them up into one?"));
            }
        }
        return problems;
    }

    /** GPU-hours of one budget: a finite number from 0 to {@link #MAX_GPU_HOURS}. */
    public static List<Problem> hours(double gpuHours, String path) {
        if (Double.isFinite(gpuHours) && gpuHours >= 0 && gpuHours <= MAX_GPU_HOURS) {
            return List.of();
        }
        return List.of(new Problem(
                ErrorCode.BUDGET_HOURS.code(),
                path,
                String.valueOf(gpuHours),
                "must be a number of GPU-hours from 0 to " + (long) MAX_GPU_HOURS,
                gpuHours < 0 ? "Maybe 0, or remove the budget?" : "Maybe a smaller number?"));
    }
}
