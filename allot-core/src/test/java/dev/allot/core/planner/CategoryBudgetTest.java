package dev.allot.core.planner;

import static dev.allot.core.planner.LabBuilder.lab;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.allot.core.AllotException;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.Budget;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A category's GPU-hour budget caps the sum over all its projects and all periods. */
class CategoryBudgetTest {
    private static final Planner PLANNER = Planner.create(PlannerOptions.defaults());
    private static final GpuTypeId H100 = GpuTypeId.of("H100");
    private static final ProjectId A = ProjectId.of("a");
    private static final ProjectId B = ProjectId.of("b");
    private static final ProjectId C = ProjectId.of("c");

    /** Two product projects and one exploratory one that, unbudgeted, share 96 H100s all cycle. */
    private static Lab threeProjects() {
        return lab().gpus("H100", 1, 96, 8)
                .project("a", "product")
                .ask(8, 32, 32)
                .priority(9)
                .project("b", "product")
                .ask(8, 32, 32)
                .priority(8)
                .project("c", "exploratory")
                .ask(8, 32, 32)
                .priority(7)
                .build();
    }

    private static Lab withProductBudget(double gpuHours) {
        return threeProjects().withBudgets(List.of(new Budget(CategoryId.of("product"), H100, gpuHours)));
    }

    private static double gpuHours(Plan plan, ProjectId project) {
        return plan.periods().stream()
                .mapToDouble(period -> period.grant(project).gpus(H100) * period.days() * 24.0)
                .sum();
    }

    @Test
    void aCategoryBudgetCapsTheSumOverItsProjectsAndPeriods() {
        // a and b at 32 GPUs all cycle would be 2 x 32 x 56 x 24 = 86,016 GPU-hours; the category allows 40,000
        Lab lab = withProductBudget(40_000);

        Plan free = PLANNER.plan(threeProjects());
        Plan plan = PLANNER.plan(lab);

        assertThat(PlanInvariants.check(lab, plan)).isEmpty();
        assertThat(free.project(A).orElseThrow().grant()).isEqualTo(Allocation.of("H100", 32));
        assertThat(free.project(B).orElseThrow().grant()).isEqualTo(Allocation.of("H100", 32));
        double used = gpuHours(plan, A) + gpuHours(plan, B);
        assertThat(used).isLessThanOrEqualTo(40_000).isGreaterThan(40_000 - 8 * 7 * 24);
        assertThat(gpuHours(plan, C))
                .as("the exploratory project is not in the budget")
                .isEqualTo(32 * 56 * 24.0);
        String sentence =
                "Category product uses " + String.format(Locale.ROOT, "%,.0f", used) + " of its 40,000 H100 GPU-hours.";
        assertThat(plan.project(A).orElseThrow().explanation().summary()).contains(sentence);
        assertThat(plan.project(B).orElseThrow().explanation().summary()).contains(sentence);
        assertThat(plan.project(C).orElseThrow().explanation().summary()).doesNotContain("Category product");
    }

    @Test
    void theInvariantsNameACategoryOverItsBudget() {
        Plan roomy = PLANNER.plan(withProductBudget(1_000_000));

        assertThat(PlanInvariants.check(withProductBudget(40_000), roomy))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("category product: 86016.0 H100 GPU-hours over its budget of 40000.0");
    }

    @Test
    void theConflictFinderNamesACategoryBudgetTheFundedFloorsCannotFitIn() {
        // each funded floor alone (8 x 56 x 24 = 10,752 GPU-hours) fits in 20,000; both do not
        Lab lab = lab().gpus("H100", 1, 64, 8)
                .project("a", "product")
                .ask(8, 8, 16)
                .fund()
                .project("b", "product")
                .ask(8, 8, 16)
                .fund()
                .build()
                .withBudgets(List.of(new Budget(CategoryId.of("product"), H100, 20_000)));

        List<RuleGroup> conflict =
                ConflictFinder.minimalConflict(LabBuilder.model(lab).model, PlannerOptions.defaults());

        assertThat(conflict).contains(RuleGroup.of(RuleFamily.CATEGORY_BUDGET, "product"));
        assertThatThrownBy(() -> PLANNER.plan(lab)).isInstanceOfSatisfying(AllotException.class, e -> {
            assertThat(e.kind()).isEqualTo(AllotException.Kind.INFEASIBLE);
            assertThat(e.getMessage()).contains("category product's H100 budget of 20,000 GPU-hours");
        });
    }
}
