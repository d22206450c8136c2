package dev.allot.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Decision;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import org.junit.jupiter.api.Test;

/** The demo lab is a real planning problem: feasible under its own policy, and short of GPUs. */
class DemoLabPlanTest {
    @Test
    void thePlannerDraftsAPlanThatMustChooseBetweenProjects() {
        Lab demo = DemoLab.generate(42);

        Plan plan = Planner.create(PlannerOptions.defaults()).plan(demo);

        assertThat(plan.projects())
                .extracting(ProjectPlan::decision)
                .contains(
                        Decision.NEW, Decision.GROW, Decision.KEEP, Decision.SHRINK, Decision.KILL, Decision.DECLINED);
        demo.pins()
                .forEach(pin -> assertThat(
                                plan.project(pin.project()).orElseThrow().grant())
                        .isEqualTo(pin.gpus()));
    }
}
