package dev.allot.core.planner;

import static dev.allot.core.planner.LabBuilder.lab;
import static dev.allot.core.planner.PlannerConstraintTest.line;
import static dev.allot.core.planner.PlannerConstraintTest.solve;
import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Binding;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.model.UsagePolicy;
import org.junit.jupiter.api.Test;

/** The usage rule: an idle grant is capped at its measured use plus headroom, never below the floor. */
class UsageCapTest {
    private static final UsagePolicy CAP = new UsagePolicy(0.7, UsagePolicy.Action.CAP_AT_USED_PLUS_HEADROOM, 0.25);

    /** A project that held 128 H100 and asks for all of them again, with room for more in the fleet. */
    private static LabBuilder idle(double used, int floor) {
        return lab().gpus("H100", 1, 256, 8)
                .maxChange(0.5)
                .usage(CAP)
                .project("idle", "exploratory")
                .ask(floor, 128, 128)
                .had("H100", 128)
                .used(used);
    }

    @Test
    void anIdleGrantIsCappedAtUsedPlusHeadroomAndTheExplanationSaysSo() {
        ProjectPlan line = line(solve(idle(0.6, 8).build()), "idle");

        assertThat(line.grant().totalGpus()).isEqualTo(96);
        assertThat(line.explanation().binding())
                .extracting(Binding::code, Binding::text)
                .contains(org.assertj.core.groups.Tuple.tuple(
                        "usage:cap", "Capped at 96 GPUs: used 60 % of 128 last cycle (usage rule: headroom 25 %)."));
    }

    @Test
    void theCapIsRoundedUpToWholeNodes() {
        // 62 % x 1.25 x 128 = 99.2 GPUs: 13 nodes of 8
        assertThat(line(solve(idle(0.62, 8).build()), "idle").grant().totalGpus())
                .isEqualTo(104);
    }

    @Test
    void theCapIsNeverBelowTheFloor() {
        // 10 % used would cap at 16, but the project cannot run below 96
        assertThat(line(solve(idle(0.1, 96).build()), "idle").grant().totalGpus())
                .isEqualTo(96);
    }

    @Test
    void theCapShrinksByNoMoreThanContinuityAllowsInOneCycle() {
        // 10 % used would cap at 16; at most 50 % change keeps 64 of 128
        assertThat(line(solve(idle(0.1, 8).build()), "idle").grant().totalGpus())
                .isEqualTo(64);
    }

    @Test
    void aContinuityMinimumBetweenWholeNodesRoundsTheCapUpSoTheLabStaysFeasible() {
        // 24 GPUs at most 50 % change keeps 12 effective GPUs: the cap must be 16 (two nodes), not 12, which no
        // whole-node grant meets
        Plan plan = solve(lab().gpus("H100", 1, 24, 8)
                .maxChange(0.5)
                .usage(CAP)
                .project("idle", "exploratory")
                .ask(8, 24, 24)
                .had("H100", 24)
                .used(0.0)
                .build());
        assertThat(line(plan, "idle").grant().totalGpus()).isEqualTo(16);
    }

    @Test
    void noUsageDataMeansNoCap() {
        Plan plan = solve(lab().gpus("H100", 1, 256, 8)
                .maxChange(0.5)
                .usage(CAP)
                .project("idle", "exploratory")
                .ask(8, 128, 128)
                .had("H100", 128)
                .build());
        assertThat(line(plan, "idle").grant().totalGpus()).isEqualTo(128);
        assertThat(line(plan, "idle").explanation().binding())
                .extracting(Binding::code)
                .doesNotContain("usage:cap");
    }

    @Test
    void aGrantUsedAtOrAboveTheThresholdIsNotCapped() {
        assertThat(line(solve(idle(0.7, 8).build()), "idle").grant().totalGpus())
                .isEqualTo(128);
    }

    @Test
    void withTheWarnActionThePlanDoesNotChange() {
        Plan plan = solve(
                idle(0.3, 8).usage(CAP.withAction(UsagePolicy.Action.WARN)).build());
        assertThat(line(plan, "idle").grant().totalGpus()).isEqualTo(128);
    }

    @Test
    void pinsAndDecidersOverridesWinOverTheCap() {
        assertThat(line(solve(idle(0.1, 8).pin("H100", 128).build()), "idle")
                        .grant()
                        .totalGpus())
                .isEqualTo(128);
        assertThat(line(solve(idle(0.1, 8).fund().build()), "idle").grant().totalGpus())
                .isEqualTo(128);
    }

    @Test
    void planInvariantsCatchAGrantAboveTheCap() {
        var lab = idle(0.6, 8).build();
        assertThat(PlanInvariants.check(
                        lab,
                        java.util.Map.of(
                                dev.allot.core.model.ProjectId.of("idle"),
                                dev.allot.core.model.Allocation.of("H100", 128))))
                .singleElement()
                .asString()
                .contains("above its usage cap (capped at 96 GPUs");
    }
}
