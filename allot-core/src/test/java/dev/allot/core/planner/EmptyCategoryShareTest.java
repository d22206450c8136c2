package dev.allot.core.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import dev.allot.core.model.Lab;
import org.junit.jupiter.api.Test;

/** A share minimum on a category that has no project to grant to is refused up front, naming the bound. */
class EmptyCategoryShareTest {
    private static LabBuilder lab() {
        return LabBuilder.lab()
                .gpus("H100", 1.0, 64, 8)
                .project("a", "exploratory")
                .ask(8, 16, 32)
                .had("H100", 16);
    }

    @Test
    void aMinimumShareForACategoryWithoutProjectsIsRefusedNamingTheBound() {
        Lab lab = lab().share("safety", 0.05, 1.0).build();

        assertThat(GrantRules.check(lab))
                .extracting(Problem::path, Problem::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("policy.shares.safety.min", "5 %"));
        AllotException refused = catchThrowableOfType(
                AllotException.class,
                () -> Planner.create(PlannerOptions.defaults()).plan(lab));
        assertThat(refused.kind()).isEqualTo(AllotException.Kind.INVALID_INPUT);
        assertThat(refused.getMessage()).contains("category safety has no active project with an ask");
    }

    @Test
    void aCategoryWithAProjectOrNoMinimumIsFine() {
        assertThat(GrantRules.check(lab().share("safety", 0.0, 0.5).build())).isEmpty();
        assertThat(GrantRules.check(lab().project("s", "safety")
                        .ask(8, 8, 8)
                        .share("safety", 0.05, 1.0)
                        .build()))
                .isEmpty();
    }
}
