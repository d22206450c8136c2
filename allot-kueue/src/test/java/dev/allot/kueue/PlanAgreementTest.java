package dev.allot.kueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectPlan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanAgreementTest {
    @Test
    void theSmallPlanFitsItsLab() {
        TestPlans small = TestPlans.small();
        assertThat(PlanAgreement.problems(small.build(), small.plan())).isEmpty();
    }

    @Test
    void everyMismatchBetweenPlanAndLabIsNamedAtOnce() {
        Lab lab = TestPlans.small().build();
        // a plan drafted for another lab: another cycle, a stranger, a duplicate, a type and more GPUs than exist
        TestPlans other = TestPlans.lab()
                .gpuType("H100", 1.0, 1024)
                .gpuType("B200", 2.0, 64)
                .project("vision-rl", "exploratory", Allocation.NONE, Allocation.of("H100", 120))
                .project("stranger", "exploratory", Allocation.NONE, Allocation.of("H100", 8))
                .project("llm-pretrain", "product", Allocation.NONE, Allocation.of("B200", 8));
        Plan drafted = other.plan();
        List<ProjectPlan> lines = new ArrayList<>(drafted.projects());
        lines.add(lines.get(0));
        Plan plan = new Plan(
                CycleId.of("2027-02"),
                lines,
                drafted.capacityGpus(),
                drafted.allocatableGpus(),
                drafted.marginalValuePerGpu(),
                drafted.solve());

        assertThat(PlanAgreement.problems(lab, plan))
                .extracting(Problem::describe)
                .containsExactly(
                        "cycle: is not the lab's cycle 2026-12 (value: 2027-02). Maybe export the plan of cycle"
                                + " 2026-12?",
                        "projects[1].project: is not a project of lab test-lab (value: stranger). Maybe add it to the"
                                + " lab file, or check the plan's lab?",
                        "projects[2].grant.B200: grants a GPU type lab test-lab does not have (value: 8). Maybe one of"
                                + " [H100, A100]?",
                        "projects[3].project: appears more than once in the plan (value: vision-rl). Maybe merge its"
                                + " lines?",
                        "grant.H100: exceeds the lab's 128 H100 GPUs (value: 248). Maybe the plan was made for a"
                                + " larger lab?");
        assertThatThrownBy(() -> PlanAgreement.check(lab, plan, List.of()))
                .isInstanceOf(AllotException.class)
                .hasMessage("The plan does not fit lab test-lab (cycle 2026-12): 5 problem(s); nothing was written."
                        + " Maybe export the plan again from this lab's cycle?");
    }
}
