package dev.allot.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetRulesTest {
    private static final Fleet FLEET = new Fleet(Map.of("H100", 64, "A100", 32), Map.of("H100", 8, "A100", 8));
    private static final List<String> PROJECTS = List.of("vision-rl", "lang-pre");
    private static final List<String> CATEGORIES = List.of("exploratory", "product");

    @Test
    void knownProjectsAndTypesWithinRangeHoldEveryRule() {
        List<BudgetRules.Entry> budgets = List.of(
                new BudgetRules.Entry("vision-rl", "H100", 30_000),
                new BudgetRules.Entry("vision-rl", "A100", 0),
                new BudgetRules.Entry("lang-pre", "H100", 12.5),
                new BudgetRules.Entry(null, "product", "H100", 20_000),
                new BudgetRules.Entry(null, "exploratory", "H100", 0));

        assertThat(BudgetRules.check(budgets, PROJECTS, CATEGORIES, FLEET, "")).isEmpty();
    }

    @Test
    void everyProblemIsNamedAtItsBudgetsField() {
        List<BudgetRules.Entry> budgets = List.of(
                new BudgetRules.Entry("vision-r1", "H10O", -1),
                new BudgetRules.Entry("lang-pre", "A100", Double.NaN),
                new BudgetRules.Entry("lang-pre", "A100", 8));

        List<Problem> problems = BudgetRules.check(budgets, PROJECTS, CATEGORIES, FLEET, "lab.");

        assertThat(problems)
                .extracting(Problem::path)
                .containsExactly(
                        "lab.budgets[0].project",
                        "lab.budgets[0].gpuType",
                        "lab.budgets[0].gpuHours",
                        "lab.budgets[1].gpuHours",
                        "lab.budgets[2].project");
        assertThat(problems.get(0).hint()).isEqualTo("Maybe vision-rl?");
        assertThat(problems.get(2).code()).isEqualTo("budget-hours");
        assertThat(problems.get(4).reason()).isEqualTo("has two budgets of A100");
    }

    @Test
    void everyProblemOfCategoryBudgetsIsNamedAtOnce() {
        List<BudgetRules.Entry> budgets = List.of(
                new BudgetRules.Entry(null, "prodcut", "H100", 20_000),
                new BudgetRules.Entry(null, "product", "A100", Double.POSITIVE_INFINITY),
                new BudgetRules.Entry(null, "product", "H100", 100),
                new BudgetRules.Entry(null, "product", "H100", 200),
                new BudgetRules.Entry("vision-rl", "product", "B200", -5),
                new BudgetRules.Entry(null, null, "H100", 10));

        List<Problem> problems = BudgetRules.check(budgets, PROJECTS, CATEGORIES, FLEET, "");

        assertThat(problems)
                .extracting(Problem::code, Problem::path, Problem::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "budget-unknown-category", "budgets[0].category", "prodcut"),
                        org.assertj.core.groups.Tuple.tuple("budget-hours", "budgets[1].gpuHours", "Infinity"),
                        org.assertj.core.groups.Tuple.tuple("budget-duplicate", "budgets[3].category", "product"),
                        org.assertj.core.groups.Tuple.tuple("budget-owner", "budgets[4].category", "product"),
                        org.assertj.core.groups.Tuple.tuple("unknown-gpu-type", "budgets[4].gpuType", "B200"),
                        org.assertj.core.groups.Tuple.tuple("budget-hours", "budgets[4].gpuHours", "-5.0"),
                        org.assertj.core.groups.Tuple.tuple("budget-unknown-project", "budgets[5].project", ""));
        assertThat(problems.get(6).reason()).isEqualTo("is missing: a budget names a project or a category");
        assertThat(problems.get(0).hint()).isEqualTo("Maybe product?");
        assertThat(problems.get(2).reason()).isEqualTo("has two budgets of H100");
    }

    @Test
    void aProjectAndACategoryOfOneNameKeepTheirBudgetsApart() {
        List<BudgetRules.Entry> budgets = List.of(
                new BudgetRules.Entry("vision-rl", "H100", 10), new BudgetRules.Entry(null, "vision-rl", "H100", 10));

        assertThat(BudgetRules.check(budgets, PROJECTS, List.of("vision-rl"), FLEET, ""))
                .isEmpty();
    }

    @Test
    void aBudgetAboveTheLimitIsRefused() {
        assertThat(BudgetRules.hours(2e9, "gpuHours")).hasSize(1);
        assertThat(BudgetRules.hours(1e9, "gpuHours")).isEmpty();
    }
}
