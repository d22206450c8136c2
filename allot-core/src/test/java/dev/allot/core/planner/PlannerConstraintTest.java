package dev.allot.core.planner;

import static dev.allot.core.planner.LabBuilder.lab;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.allot.core.AllotException;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.Decision;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Granularity;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.model.ProjectStatus;
import org.junit.jupiter.api.Test;

/** One test per constraint and objective term of the model in docs/planner.md. */
class PlannerConstraintTest {
    private static final Planner PLANNER = Planner.create(PlannerOptions.defaults());

    static Plan solve(Lab lab) {
        Plan plan = PLANNER.plan(lab);
        assertThat(PlanInvariants.check(lab, plan)).isEmpty();
        return plan;
    }

    static ProjectPlan line(Plan plan, String id) {
        return plan.project(ProjectId.of(id)).orElseThrow();
    }

    @Test
    void capacityLimitsTheSumOfGrantsPerType() {
        Plan plan = solve(lab().gpus("H100", 1, 16, 8)
                .project("a", "x")
                .ask(8, 16, 16)
                .priority(9)
                .project("b", "x")
                .ask(8, 16, 16)
                .priority(3)
                .build());
        assertThat(plan.grantedGpus()).containsEntry(GpuTypeId.of("H100"), 16);
        assertThat(line(plan, "a").grant().totalGpus()).isEqualTo(16);
        assertThat(line(plan, "b").decision()).isEqualTo(Decision.DECLINED);
    }

    @Test
    void aGrowThatMovesGpuTypeYieldsTheOldTypeByTheNoticeDate() {
        // H100:16 (16 effective) -> A100:24 (18 effective) grows the compute though it gives up every H100
        Plan plan = solve(lab().gpus("H100", 1, 64, 8)
                .gpus("A100", 0.75, 64, 8)
                .project("a", "x")
                .had("H100", 16)
                .ask(16, 24, 24, "A100")
                .build());

        ProjectPlan line = line(plan, "a");
        assertThat(line.grant()).isEqualTo(Allocation.of("A100", 24));
        assertThat(line.decision()).isEqualTo(Decision.GROW);
        assertThat(line.yieldBy()).isPresent();
    }

    @Test
    void reserveIsHeldBack() {
        Plan plan = solve(lab().gpus("H100", 1, 80, 8)
                .reserve(0.1)
                .project("a", "x")
                .ask(8, 80, 80)
                .build());
        assertThat(plan.allocatableGpus()).containsEntry(GpuTypeId.of("H100"), 72);
        assertThat(line(plan, "a").grant().totalGpus()).isEqualTo(72);
    }

    @Test
    void floorIsAllOrNothing() {
        // 24 GPUs: the high-priority project takes 16; the other needs a floor of 16 and cannot get a sliver of 8.
        Plan plan = solve(lab().gpus("H100", 1, 24, 8)
                .project("a", "x")
                .ask(16, 16, 16)
                .priority(9)
                .project("b", "x")
                .ask(16, 16, 16)
                .priority(8)
                .build());
        assertThat(line(plan, "a").grant().totalGpus()).isEqualTo(16);
        assertThat(line(plan, "b").grant().totalGpus()).isZero();
    }

    @Test
    void ceilingCapsAGrantEvenWithIdleGpus() {
        Plan plan = solve(
                lab().gpus("H100", 1, 64, 8).project("a", "x").ask(8, 16, 24).build());
        assertThat(line(plan, "a").grant().totalGpus()).isEqualTo(24);
        assertThat(line(plan, "a").explanation().binding())
                .anyMatch(b -> b.code().equals("ceiling"));
    }

    @Test
    void grantsComeInWholeNodes() {
        Plan plan = solve(
                lab().gpus("H100", 1, 64, 8).project("a", "x").ask(4, 12, 12).build());
        assertThat(line(plan, "a").grant().totalGpus()).isEqualTo(8);
    }

    @Test
    void singleGpuGranularityAllowsOddGrants() {
        Plan plan = solve(lab().gpus("H100", 1, 64, 8)
                .granularity(Granularity.GPU)
                .project("a", "x")
                .ask(4, 12, 12)
                .build());
        assertThat(line(plan, "a").grant().totalGpus()).isEqualTo(12);
    }

    @Test
    void onlyAcceptedTypesAreGranted() {
        Plan plan = solve(lab().gpus("H100", 1, 16, 8)
                .gpus("A100", 0.5, 64, 8)
                .project("a", "x")
                .ask(8, 32, 32, "A100")
                .build());
        assertThat(line(plan, "a").grant()).isEqualTo(Allocation.of("A100", 32));
    }

    @Test
    void speedFactorsSteerTheTypeChoice() {
        // Equal lab speeds, but this project runs 1.5x faster on A100: A100 carries more value.
        Plan plan = solve(lab().gpus("H100", 1, 16, 8)
                .gpus("A100", 1, 16, 8)
                .project("fast-on-a100", "x")
                .askWithSpeed(8, 16, 16, "A100", 1.5)
                .project("any", "x")
                .ask(8, 16, 16)
                .build());
        assertThat(line(plan, "fast-on-a100").grant()).isEqualTo(Allocation.of("A100", 16));
        assertThat(line(plan, "any").grant()).isEqualTo(Allocation.of("H100", 16));
    }

    @Test
    void shareMaximumCapsACategory() {
        Plan plan = solve(lab().gpus("H100", 1, 64, 8)
                .share("product", 0, 0.25)
                .project("p", "product")
                .ask(8, 64, 64)
                .priority(10)
                .project("e", "exploratory")
                .ask(8, 48, 48)
                .priority(2)
                .build());
        assertThat(line(plan, "p").grant().totalGpus()).isEqualTo(16);
        assertThat(line(plan, "e").grant().totalGpus()).isEqualTo(48);
        assertThat(line(plan, "p").explanation().binding())
                .anyMatch(b -> b.code().equals("share-max:product"));
    }

    @Test
    void shareMinimumProtectsACategory() {
        Plan plan = solve(lab().gpus("H100", 1, 80, 8)
                .share("safety", 0.2, 1)
                .project("s", "safety")
                .ask(8, 80, 80)
                .priority(1)
                .project("e", "exploratory")
                .ask(8, 80, 80)
                .priority(10)
                .build());
        assertThat(line(plan, "s").grant().totalGpus()).isEqualTo(16);
    }

    @Test
    void exploratoryGetsAtLeastWhatProductGets() {
        Plan plan = solve(lab().gpus("H100", 1, 64, 8)
                .relation("exploratory", 1, "product")
                .project("p", "product")
                .ask(8, 64, 64)
                .priority(10)
                .project("e", "exploratory")
                .ask(8, 24, 24)
                .priority(2)
                .build());
        assertThat(line(plan, "p").grant().totalGpus()).isEqualTo(24);
        assertThat(line(plan, "p").explanation().binding())
                .anyMatch(b -> b.code().equals("relation:exploratory >= product"));
    }

    @Test
    void continuityLimitsShrinkOfAContinuingProject() {
        Plan plan = solve(lab().gpus("H100", 1, 64, 8)
                .maxChange(0.5)
                .project("old", "x")
                .ask(8, 64, 64)
                .priority(2)
                .had("H100", 64)
                .project("new", "x")
                .ask(8, 32, 32)
                .priority(9)
                .build());
        assertThat(line(plan, "old").grant().totalGpus()).isEqualTo(32);
        assertThat(line(plan, "old").decision()).isEqualTo(Decision.SHRINK);
        assertThat(line(plan, "old").yieldBy()).isPresent();
        assertThat(line(plan, "old").explanation().binding())
                .anyMatch(b -> b.code().equals("continuity:max-shrink"));
    }

    @Test
    void continuityLimitsGrowth() {
        Plan plan = solve(lab().gpus("H100", 1, 128, 8)
                .maxChange(0.5)
                .project("a", "x")
                .ask(8, 128, 128)
                .had("H100", 32)
                .build());
        assertThat(line(plan, "a").grant().totalGpus()).isEqualTo(48);
        assertThat(line(plan, "a").decision()).isEqualTo(Decision.GROW);
    }

    @Test
    void killIsExemptFromContinuityWhenThePlannerMayKill() {
        Plan plan = solve(lab().gpus("H100", 1, 64, 8)
                .maxChange(0.5)
                .plannerMayKill()
                .project("old", "x")
                .ask(64, 64, 64)
                .priority(1)
                .had("H100", 64)
                .project("new", "x")
                .ask(64, 64, 64)
                .priority(10)
                .build());
        assertThat(line(plan, "old").decision()).isEqualTo(Decision.KILL);
        assertThat(line(plan, "new").decision()).isEqualTo(Decision.NEW);
    }

    @Test
    void byDefaultOnlyDecidersKillAContinuingProject() {
        Plan plan = solve(lab().gpus("H100", 1, 64, 8)
                .maxChange(0.5)
                .project("old", "x")
                .ask(64, 64, 64)
                .priority(1)
                .had("H100", 64)
                .project("new", "x")
                .ask(64, 64, 64)
                .priority(10)
                .build());
        assertThat(line(plan, "old").decision()).isEqualTo(Decision.KEEP);
        assertThat(line(plan, "new").decision()).isEqualTo(Decision.DECLINED);
    }

    @Test
    void growthByOneNodeUsesTheProjectsOwnTypeNotTheLargestNodeInTheFleet() {
        // No change allowed but one node of growth: an H100-only project grows by one 8-GPU node, even though the
        // fleet also has 16-GPU L40S nodes.
        Plan plan = solve(lab().gpus("H100", 1, 64, 8)
                .gpus("L40S", 0.3, 64, 16)
                .maxChange(0)
                .project("a", "x")
                .ask(8, 64, 64, "H100")
                .had("H100", 8)
                .build());
        assertThat(line(plan, "a").grant()).isEqualTo(Allocation.of("H100", 16));
    }

    @Test
    void continuingProjectsThatCannotAllBeKeptAreAConflict() {
        Lab lab = lab().gpus("H100", 1, 64, 8)
                .maxChange(0.5)
                .project("a", "x")
                .ask(48, 48, 48)
                .had("H100", 48)
                .project("b", "x")
                .ask(48, 48, 48)
                .had("H100", 48)
                .build();
        assertThatThrownBy(() -> PLANNER.plan(lab))
                .isInstanceOfSatisfying(
                        AllotException.class,
                        e -> assertThat(e.getMessage())
                                .contains(
                                        "continuity of a (from its previous 48 GPUs = 48 effective, at most 50 % change: 24 to 72",
                                        "continuity of b", "the capacity of H100"));
    }

    @Test
    void pinsAreHeldExactlyEvenAgainstValue() {
        Plan plan = solve(lab().gpus("H100", 1, 64, 8)
                .project("pinned", "x")
                .ask(8, 8, 8)
                .priority(1)
                .pin("H100", 40)
                .project("other", "x")
                .ask(8, 64, 64)
                .priority(10)
                .build());
        assertThat(line(plan, "pinned").grant()).isEqualTo(Allocation.of("H100", 40));
        assertThat(line(plan, "other").grant().totalGpus()).isEqualTo(24);
    }

    @Test
    void killOverrideHoldsAProjectAtZero() {
        Plan plan = solve(lab().gpus("H100", 1, 64, 8)
                .project("a", "x")
                .ask(8, 16, 16)
                .priority(10)
                .had("H100", 16)
                .kill()
                .build());
        assertThat(line(plan, "a").decision()).isEqualTo(Decision.KILL);
        assertThat(line(plan, "a").explanation().binding())
                .anyMatch(b -> b.code().equals("override:kill"));
    }

    @Test
    void fundOverrideFundsALowPriorityProject() {
        Plan plan = solve(lab().gpus("H100", 1, 16, 8)
                .project("high", "x")
                .ask(16, 16, 16)
                .priority(10)
                .project("low", "x")
                .ask(8, 8, 8)
                .priority(1)
                .fund()
                .build());
        assertThat(line(plan, "low").grant().totalGpus()).isEqualTo(8);
        assertThat(line(plan, "high").grant().totalGpus()).isZero();
    }

    @Test
    void pausedProjectsAreNotPlanned() {
        Plan plan = solve(lab().gpus("H100", 1, 64, 8)
                .project("a", "x")
                .ask(8, 16, 16)
                .status(ProjectStatus.PAUSED)
                .had("H100", 16)
                .build());
        assertThat(line(plan, "a").decision()).isEqualTo(Decision.KILL);
        assertThat(line(plan, "a").explanation().summary()).contains("paused");
    }

    @Test
    void valueHasDiminishingReturnsAboveTarget() {
        // Both at target 16 of 32 GPUs fits exactly; above target each GPU is worth half, so a equal split wins.
        Plan plan = solve(lab().gpus("H100", 1, 32, 8)
                .project("a", "x")
                .ask(8, 16, 32)
                .priority(6)
                .project("b", "x")
                .ask(8, 16, 32)
                .priority(4)
                .build());
        assertThat(line(plan, "a").grant().totalGpus()).isEqualTo(16);
        assertThat(line(plan, "b").grant().totalGpus()).isEqualTo(16);
    }

    @Test
    void stabilityBreaksTiesTowardsThePreviousPlan() {
        Plan plan = solve(lab().gpus("H100", 1, 16, 8)
                .project("a", "x")
                .ask(8, 8, 16)
                .priority(5)
                .had("H100", 8)
                .project("b", "x")
                .ask(8, 8, 16)
                .priority(5)
                .had("H100", 8)
                .build());
        assertThat(line(plan, "a").decision()).isEqualTo(Decision.KEEP);
        assertThat(line(plan, "b").decision()).isEqualTo(Decision.KEEP);
    }

    @Test
    void pinsAboveCapacityAreReportedAsAConflict() {
        Lab lab = lab().gpus("H100", 1, 64, 8)
                .project("a", "x")
                .ask(8, 8, 8)
                .pin("H100", 40)
                .project("b", "x")
                .ask(8, 8, 8)
                .pin("H100", 40)
                .project("c", "x")
                .ask(8, 8, 8)
                .build();
        assertThatThrownBy(() -> PLANNER.plan(lab)).isInstanceOfSatisfying(AllotException.class, e -> {
            assertThat(e.kind()).isEqualTo(AllotException.Kind.INFEASIBLE);
            assertThat(e.getMessage())
                    .contains(
                            "the pin of a (H100:40)",
                            "the pin of b (H100:40)",
                            "the capacity of H100 (64 GPUs after the reserve of 0)")
                    .doesNotContain("pin of c");
        });
    }
}
