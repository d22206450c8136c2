package dev.allot.core.rules;

import dev.allot.core.ErrorCode;
import dev.allot.core.Problem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of GPU-hour budgets: each names either a project or a category of the lab (not both), and a GPU type of
 * the lab, holds a finite number of GPU-hours of at least zero, and a project or category has at most one budget per
 * type. Problems name the fields {@code project}, {@code category}, {@code gpuType} and {@code gpuHours} of one
 * budget; the entry point places them under the budget's index.
 */
public final class BudgetRules {
    /** The largest budget the rules accept: a billion GPU-hours, far beyond any fleet's cycle. */
    public static final double MAX_GPU_HOURS = 1e9;

    private BudgetRules() {}

    /**
     * One budget as written: of a project or, summed over its projects, of a category.
     *
     * @param project the project's id, or null for a category's budget
     * @param category the category's id, or null for a project's budget
     */
    public record Entry(String project, String category, String gpuType, double gpuHours) {
        /** A project's budget. */
        public Entry(String project, String gpuType, double gpuHours) {
            this(project, null, gpuType, gpuHours);
        }
    }

    /**
     * Every problem of {@code budgets} at once, each at {@code budgets[i].field} under {@code prefix} (empty for a
     * top-level list named {@code budgets}).
     */
    public static List<Problem> check(
            List<Entry> budgets,
            Collection<String> projects,
            Collection<String> categories,
            Fleet fleet,
            String prefix) {
        List<List<Problem>> each = checkEach(budgets, projects, categories, fleet);
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < each.size(); i++) {
            String at = prefix + "budgets[" + i + "]";
            each.get(i).forEach(problem -> problems.add(problem.under(at)));
        }
        return problems;
    }

    /**
     * The problems of each budget, in the order of {@code budgets}, each naming its field ({@code project},
     * {@code category}, {@code gpuType} or {@code gpuHours}) for the caller to place under the budget's own path.
     */
    public static List<List<Problem>> checkEach(
            List<Entry> budgets, Collection<String> projects, Collection<String> categories, Fleet fleet) {
        Checker checker = new Checker(projects, categories, fleet);
        return budgets.stream().map(checker::check).toList();
    }

    /**
     * Checks the budgets of one list one after the other, as a reader meets them, remembering the earlier ones for
     * duplicates.
     */
    public static final class Checker {
        private final Collection<String> projects;
        private final Collection<String> categories;
        private final Fleet fleet;
        private final Set<String> seen = new HashSet<>();

        public Checker(Collection<String> projects, Collection<String> categories, Fleet fleet) {
            this.projects = projects;
            this.categories = categories;
            this.fleet = fleet;
        }

        /** The problems of the next budget of the list, each naming its field. */
        public List<Problem> check(Entry budget) {
            List<Problem> problems = new ArrayList<>();
            String owner = budget.category() == null ? "project" : "category";
            boolean known = owner(budget, projects, categories, problems);
            for (Problem problem : FleetRules.gpuType(budget.gpuType(), fleet)) {
                known = false;
                problems.add(problem.at("gpuType"));
            }
            problems.addAll(hours(budget.gpuHours(), "gpuHours"));
            String id = owner.equals("project") ? budget.project() : budget.category();
            if (known && !seen.add(owner + " " + id + " " + budget.gpuType())) {
                problems.add(new Problem(
                        ErrorCode.BUDGET_DUPLICATE.code(),
                        owner,
                        id,
                        "has two budgets of " + budget.gpuType(),
                        "Maybe add them up into one?"));
            }
            return problems;
        }
    }

    /** Whether the budget names exactly one owner that the lab has; records the problem otherwise. */
    private static boolean owner(
            Entry budget, Collection<String> projects, Collection<String> categories, List<Problem> problems) {
        if (budget.project() != null && budget.category() != null) {
            problems.add(new Problem(
                    ErrorCode.BUDGET_OWNER.code(),
                    "category",
                    budget.category(),
                    "is given together with project " + budget.project() + "; a budget is of one or the other",
                    "Maybe two budgets, one of the project and one of the category?"));
            return false;
        }
        if (budget.category() != null) {
            if (categories.contains(budget.category())) {
                return true;
            }
            String hint = Suggest.hint(budget.category(), categories);
            problems.add(new Problem(
                    ErrorCode.BUDGET_UNKNOWN_CATEGORY.code(),
                    "category",
                    budget.category(),
                    "is not a category of the lab",
                    hint.isEmpty() ? "Maybe one of " + String.join(", ", categories) + "?" : hint));
            return false;
        }
        if (budget.project() != null && projects.contains(budget.project())) {
            return true;
        }
        if (budget.project() == null) {
            problems.add(new Problem(
                    ErrorCode.BUDGET_UNKNOWN_PROJECT.code(),
                    "project",
                    "",
                    "is missing: a budget names a project or a category",
                    "Maybe project: <id> or category: <id>?"));
            return false;
        }
        String hint = Suggest.hint(budget.project(), projects);
        problems.add(new Problem(
                ErrorCode.BUDGET_UNKNOWN_PROJECT.code(),
                "project",
                budget.project(),
                "is not a project of the lab",
                hint.isEmpty() ? "Maybe list the projects with GET /api/projects?" : hint));
        return false;
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
