package dev.allot.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Decision;
import dev.allot.core.model.Explanation;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.model.SolveReport;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The plan diff counts compute as the decisions do: a move to a slower type with the same GPUs is a shrink. */
class PlanDiffTest {
    private static final Map<GpuTypeId, Double> SPEEDS = Map.of(GpuTypeId.of("H200"), 1.4, GpuTypeId.of("L40S"), 0.3);

    @Test
    void aMoveToASlowerTypeIsAYieldWithItsChangeInCompute() {
        Plan before = plan("2026-11", Allocation.NONE, Allocation.of("H200", 8), Optional.empty());
        Plan after = plan(
                "2026-12", Allocation.of("H200", 8), Allocation.of("L40S", 8), Optional.of(LocalDate.of(2026, 12, 15)));

        PlanDiff.ProjectChange change =
                PlanDiff.between(after, Optional.of(before), SPEEDS).projects().get(0);

        assertThat(change.change()).isEqualTo("yield");
        assertThat(change.changeGpus()).isZero();
        assertThat(change.typeMove()).isEqualTo("moves H200 -> L40S: -79 % compute");
    }

    private static Plan plan(String cycle, Allocation previous, Allocation grant, Optional<LocalDate> yieldBy) {
        ProjectPlan line = new ProjectPlan(
                ProjectId.of("p"),
                CategoryId.of("exploratory"),
                1,
                previous,
                grant,
                Decision.between(previous, grant, SPEEDS),
                grant.effectiveGpus(SPEEDS),
                0,
                yieldBy,
                new Explanation("test", List.of(), Map.of(), List.of()));
        return Plan.builder()
                .cycle(CycleId.of(cycle))
                .projects(List.of(line))
                .capacityGpus(Map.of(GpuTypeId.of("H200"), 64, GpuTypeId.of("L40S"), 64))
                .allocatableGpus(Map.of(GpuTypeId.of("H200"), 64, GpuTypeId.of("L40S"), 64))
                .solve(new SolveReport(SolveReport.Status.OPTIMAL, 0, 0, 0, Duration.ZERO, "cp-sat", 1))
                .build();
    }
}
