package dev.allot.core.planner;

import static dev.allot.core.planner.LabBuilder.lab;
import static dev.allot.core.planner.PlannerConstraintTest.line;
import static dev.allot.core.planner.PlannerConstraintTest.solve;
import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.Decision;
import dev.allot.core.model.Lab;
import dev.allot.core.model.NoAsk;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A project whose lead says nothing is treated by the policy's noAsk rule, never killed silently; and decisions and
 * continuity count effective compute, so a move to a slower type is the shrink it is.
 */
class SilenceAndComputeTest {
    /** "quiet" held H100:32 and asks nothing; "eager" wants every GPU and is worth more. */
    private static LabBuilder silentPortfolio(NoAsk rule) {
        return lab().gpus("H100", 1, 64, 8)
                .maxChange(0.5)
                .noAsk(rule)
                .project("quiet", "x")
                .had("H100", 32)
                .project("eager", "x")
                .ask(8, 64, 64)
                .priority(10);
    }

    @Test
    void keepHoldsTheLastGrantOfAProjectWithoutAnAsk() {
        ProjectPlan quiet = line(solve(silentPortfolio(NoAsk.KEEP).build()), "quiet");

        assertThat(quiet.grant()).isEqualTo(Allocation.of("H100", 32));
        assertThat(quiet.decision()).isEqualTo(Decision.KEEP);
        assertThat(quiet.explanation().summary())
                .contains("no ask this cycle (policy noAsk: keep holds the last grant: 32/32/32");
    }

    @Test
    void floorOnlyShrinksAProjectWithoutAnAskAsFarAsContinuityAllows() {
        ProjectPlan quiet = line(solve(silentPortfolio(NoAsk.FLOOR_ONLY).build()), "quiet");

        assertThat(quiet.grant()).isEqualTo(Allocation.of("H100", 16));
        assertThat(quiet.decision()).isEqualTo(Decision.SHRINK);
        assertThat(quiet.yieldBy()).isPresent();
        assertThat(quiet.explanation().summary()).contains("policy noAsk: floorOnly");
    }

    @Test
    void releaseGivesNothingAndSaysSoWithAYieldDate() {
        ProjectPlan quiet = line(solve(silentPortfolio(NoAsk.RELEASE).build()), "quiet");

        assertThat(quiet.grant()).isEqualTo(Allocation.NONE);
        assertThat(quiet.decision()).isEqualTo(Decision.KILL);
        assertThat(quiet.yieldBy()).isPresent();
        assertThat(quiet.explanation().summary()).startsWith("Gets nothing: released: it filed no ask this cycle");
    }

    @Test
    void standInAsksKeepTheTypesOfTheLastGrantAndWholeNodes() {
        Lab lab = lab().gpus("H100", 1, 64, 8)
                .gpus("A100", 0.5, 64, 8)
                .maxChange(0.3)
                .noAsk(NoAsk.FLOOR_ONLY)
                .project("quiet", "x")
                .had("A100", 32)
                .build();

        var ask = MissingAsks.asksForPlanning(lab).get(ProjectId.of("quiet"));

        // 32 x (1 - 0.3) = 22.4 -> 24, the next whole number of 8-GPU nodes
        assertThat(List.of(ask.floorGpus(), ask.targetGpus(), ask.ceilingGpus()))
                .containsExactly(24, 24, 24);
        assertThat(ask.gpuTypes()).extracting(Object::toString).containsExactly("A100");
        assertThat(MissingAsks.silent(lab)).containsExactly(ProjectId.of("quiet"));
    }

    @Test
    void aMoveToASlowerTypeWithTheSameGpusIsAShrink() {
        var speeds =
                Map.of(dev.allot.core.model.GpuTypeId.of("H200"), 1.4, dev.allot.core.model.GpuTypeId.of("L40S"), 0.3);

        assertThat(Decision.between(Allocation.of("H200", 8), Allocation.of("L40S", 8), speeds))
                .isEqualTo(Decision.SHRINK);
        assertThat(Decision.between(Allocation.of("L40S", 8), Allocation.of("H200", 8), speeds))
                .isEqualTo(Decision.GROW);
    }

    @Test
    void continuityHoldsEffectiveComputeAcrossATypeMove() {
        // "moved" held H200:8 = 11.2 effective and now runs on L40S only; a 50 % limit keeps >= 5.6 effective, that
        // is >= 19 L40S (24 in whole nodes), although "rival" is worth far more per GPU.
        Plan plan = solve(lab().gpus("H200", 1.4, 64, 8)
                .gpus("L40S", 0.3, 32, 8)
                .maxChange(0.5)
                .project("moved", "x")
                .had("H200", 8)
                .ask(8, 8, 32, "L40S")
                .priority(1)
                .project("rival", "x")
                .ask(8, 32, 32, "L40S")
                .priority(10)
                .build());

        ProjectPlan moved = line(plan, "moved");
        assertThat(moved.grant()).isEqualTo(Allocation.of("L40S", 24));
        assertThat(moved.decision()).isEqualTo(Decision.SHRINK);
        assertThat(moved.yieldBy()).isPresent();
        assertThat(moved.explanation().summary()).contains("moves H200 -> L40S: -36 % compute");
        assertThat(line(plan, "rival").grant()).isEqualTo(Allocation.of("L40S", 8));
    }

    @Test
    void theInvariantsRefuseATypeMoveThatBreaksContinuity() {
        Lab lab = lab().gpus("H200", 1.4, 64, 8)
                .gpus("L40S", 0.3, 64, 8)
                .maxChange(0.5)
                .project("moved", "x")
                .had("H200", 8)
                .ask(8, 8, 32)
                .build();

        assertThat(PlanInvariants.check(lab, Map.of(ProjectId.of("moved"), Allocation.of("L40S", 8))))
                .containsExactly("moved: H200:8 -> L40S:8 (11.2 -> 2.4 effective GPUs) leaves the continuity range"
                        + " 5.6..22.4");
    }
}
