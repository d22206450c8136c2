package dev.allot.core.planner;

import static dev.allot.core.planner.LabBuilder.lab;
import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Lab;
import dev.allot.core.model.ProjectStatus;
import dev.allot.core.model.UsagePolicy;
import dev.allot.core.planner.LinearModel.Row;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every rule family the model writes is put into words that name what it is about. */
class RuleGroupTest {
    /**
     * A lab that exercises every family: pins, overrides, continuity, shares, a relation, a paused project, a
     * usage cap, GPU-hour budgets of a project and of a category.
     */
    static Lab everyRule() {
        Lab lab = everyRuleButBudgets()
                .withBudgets(java.util.List.of(
                        new dev.allot.core.model.Budget(
                                dev.allot.core.model.ProjectId.of("funded"),
                                dev.allot.core.model.GpuTypeId.of("H100"),
                                5000),
                        new dev.allot.core.model.Budget(
                                dev.allot.core.model.CategoryId.of("product"),
                                dev.allot.core.model.GpuTypeId.of("H100"),
                                50_000)));
        return lab.withBlocks(java.util.List.of(new dev.allot.core.model.Block(
                dev.allot.core.model.ProjectId.of("funded"),
                dev.allot.core.model.GpuTypeId.of("H100"),
                8,
                7,
                lab.cycleStart().plusDays(14),
                lab.cycleStart().plusDays(28))));
    }

    static Lab everyRuleButBudgets() {
        return lab().gpus("H100", 1, 64, 8)
                .usage(new UsagePolicy(0.5, UsagePolicy.Action.CAP_AT_USED_PLUS_HEADROOM, 0.25))
                .share("product", 0.1, 0.9)
                .relation("exploratory", 1, "product")
                .project("steady", "exploratory")
                .ask(8, 16, 24)
                .had("H100", 16)
                .used(0.3)
                .project("pinned", "product")
                .ask(8, 8, 8)
                .pin("H100", 8)
                .project("funded", "product")
                .ask(8, 8, 16)
                .fund()
                .project("resting", "product")
                .ask(8, 8, 8)
                .status(ProjectStatus.PAUSED)
                .build();
    }

    @Test
    void everyFamilyIsWrittenAndDescribedByItsSubject() {
        Lab lab = everyRule();
        AllocationModel allocation = LabBuilder.model(lab);
        Set<RuleGroup> groups = new LinkedHashSet<>();
        for (Row row : allocation.model.rows()) {
            groups.add(row.group());
        }
        Set<RuleFamily> written = EnumSet.noneOf(RuleFamily.class);
        for (RuleGroup group : groups) {
            written.add(group.family());
            String text = GroupText.describe(group, allocation, lab);
            assertThat(text).as(group.code()).isNotEqualTo(group.code()).contains(group.subject());
        }
        assertThat(written).containsExactlyInAnyOrder(RuleFamily.values());
    }

    @Test
    void codesKeepTheirPlanDocumentSpelling() {
        assertThat(RuleGroup.of(RuleFamily.CAPACITY, "H100").code()).isEqualTo("capacity:H100");
        assertThat(RuleGroup.of(RuleFamily.CEILING).code()).isEqualTo("ceiling");
        assertThat(RuleGroup.of(RuleFamily.NOT_PLANNABLE).code()).isEqualTo("not-plannable");
        assertThat(RuleGroup.of(RuleFamily.CATEGORY_BUDGET, "product").code()).isEqualTo("category-budget:product");
    }
}
