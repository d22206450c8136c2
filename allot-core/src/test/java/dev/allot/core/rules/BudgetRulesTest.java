package dev.allot.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetRulesTest {
    private static final Fleet FLEET = new Fleet(Map.of("H100", 64, "A100", 32), Map.of("H100", 8, "A100", 8));
    private static final List<String> PROJECTS = List.of("vision-rl", "lang-pre");

    @Test
    void knownProjectsAndTypesWithinRangeHoldEveryRule() {
        List<BudgetRules.Entry> budgets = List.of(
                new BudgetRules.Entry("vision-rl", "H100", 30_000),
                new BudgetRules.Entry("vision-rl", "A100", 0),
                new BudgetRules.Entry("lang-pre", "H100", 12.5));

        assertThat(BudgetRules.check(budgets, PROJECTS, FLEET, "")).isEmpty();
    }

    @Test
    void everyProblemIsNamedAtItsBudgetsField() {
        List<BudgetRules.Entry> budgets = List.of(
                new BudgetRules.Entry("vision-r1", "H10O", -1),
                new BudgetRules.Entry("lang-pre", "A100", Double.NaN),
                new BudgetRules.Entry("lang-pre", "A100", 8));

        List<Problem> problems = BudgetRules.check(budgets, PROJECTS, FLEET, "lab.");

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
    void aBudgetAboveTheLimitIsRefused() {
        assertThat(BudgetRules.hours(2e9, "gpuHours")).hasSize(1);
        assertThat(BudgetRules.hours(1e9, "gpuHours")).isEmpty();
    }
}
