package dev.allot.core.planner;

import static dev.allot.core.planner.LabBuilder.lab;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import dev.allot.core.model.Lab;
import dev.allot.core.model.ProjectStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules on what a lab asks the planner to grant, and that the planner itself applies them. */
class GrantRulesTest {
    private static final Planner PLANNER = Planner.create(PlannerOptions.defaults());

    /** A continuing project whose floor and ceiling (12) fall between two 8-GPU nodes. */
    static Lab continuingBetweenNodes() {
        return lab().gpus("H100", 1, 64, 8)
                .project("steady", "x")
                .ask(12, 12, 12)
                .had("H100", 16)
                .project("other", "x")
                .ask(8, 16, 16)
                .build();
    }

    @Test
    void aContinuingFloorBetweenNodesNamesProjectTypeValueNodeSizeAndNearestValues() {
        List<Problem> problems = GrantRules.check(continuingBetweenNodes());

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("projects[0].ask.floor");
            assertThat(problem.value()).isEqualTo("12");
            assertThat(problem.reason())
                    .contains("project steady", "12 GPUs", "H100 comes in nodes of 8 GPUs", "whole lab infeasible");
            assertThat(problem.hint()).isEqualTo("Maybe a floor of 8 or 16 GPUs?");
        });
    }

    @Test
    void thePlannerRefusesSuchALabAsInvalidInputInsteadOfAnUnnamedInfeasibility() {
        assertThatThrownBy(() -> PLANNER.plan(continuingBetweenNodes()))
                .isInstanceOfSatisfying(AllotException.class, e -> {
                    assertThat(e.kind()).isEqualTo(AllotException.Kind.INVALID_INPUT);
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.getMessage()).contains("project steady");
                });
    }

    @Test
    void theConflictFinderNamesTheProjectAndItsRulesWhenTheModelIsInfeasible() {
        Lab lab = continuingBetweenNodes();
        AllocationModel allocation = LabBuilder.model(lab);

        List<RuleGroup> conflict = ConflictFinder.minimalConflict(allocation.model, PlannerOptions.defaults());

        assertThat(conflict)
                .containsExactly(
                        RuleGroup.of(RuleFamily.FLOOR, "steady"), RuleGroup.of(RuleFamily.CONTINUITY, "steady"));
        assertThat(ConflictFinder.explain(allocation, lab, PlannerOptions.defaults())
                        .getMessage())
                .contains("the floor of steady (12 GPUs or nothing; granted in whole nodes of H100: 8 GPUs)")
                .contains("continuity of steady");
    }

    @Test
    void aPinOnAPausedProjectIsRefusedEverywhereThroughOneRule() {
        Lab lab = lab().gpus("H100", 1, 64, 8)
                .project("resting", "x")
                .status(ProjectStatus.PAUSED)
                .pin("H100", 8)
                .build();

        assertThat(GrantRules.pinsOnInactiveProjects(lab)).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("pins[0].project");
            assertThat(problem.reason()).contains("project resting is paused", "H100:8");
        });
        assertThatThrownBy(() -> PLANNER.plan(lab))
                .isInstanceOfSatisfying(
                        AllotException.class, e -> assertThat(e.kind()).isEqualTo(AllotException.Kind.INVALID_INPUT));
    }

    @Test
    void wholeNodeAsksAndActivePinsPass() {
        Lab lab = lab().gpus("H100", 1, 64, 8)
                .gpus("A100", 0.5, 32, 4)
                .project("mixed", "x")
                .ask(12, 12, 12)
                .had("H100", 8)
                .project("pinned", "x")
                .ask(8, 8, 8)
                .pin("H100", 8)
                .build();

        assertThat(GrantRules.check(lab)).isEmpty();
    }
}
