package dev.allot.core.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectPlan;
import dev.allot.lab.DemoLab;
import dev.allot.lab.ScaledLab;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the planner reports on generated labs is true: the objective is the plan's own value, recomputed here from its
 * grants with the value curves of docs/planner.md, and the bound is not below any plan the model of docs/planner.md
 * has (solved separately by SCIP, without the planner's whole-node curves or decomposition).
 */
class PlanBoundTest {
    @Test
    void theDemoLabsObjectiveIsItsValueAndItsBoundIsTrue() {
        assertReportIsTrue(DemoLab.generate(42), 0.001, Duration.ofSeconds(60));
    }

    @Test
    void aLabLargeEnoughToDecomposeReportsItsValueAndATrueBound() {
        Lab lab = ScaledLab.ofSize(42, LpGuidedSolve.PROJECTS_THRESHOLD + 200);
        assertReportIsTrue(lab, 0.005, Duration.ofSeconds(30));
    }

    private static void assertReportIsTrue(Lab lab, double gap, Duration referenceTime) {
        PlannerOptions options = PlannerOptions.defaults().withExplain(false).withRelativeGap(gap);
        Plan plan = Planner.create(options).plan(lab);

        assertThat(PlanInvariants.check(lab, plan)).isEmpty();
        double objective = plan.solve().objective();
        assertThat(objective).isCloseTo(valueOf(lab, plan), within(1e-6 * Math.abs(objective)));
        assertThat(plan.solve().gap()).isLessThanOrEqualTo(gap + 1e-9);

        // The model as documented, solved directly: every plan it finds is worth at most the reported bound, and
        // the reported plan is within its reported gap of it.
        List<PlanningPeriod> periods = PlanningPeriod.of(lab);
        AllocationModel documented = new AllocationModel(
                lab, periods, Planner.gather(lab, periods.get(0).fleet()), ValueModel.targetThenDiminishing());
        SolverOutcome reference = MipEngine.solve(
                "SCIP",
                documented.model,
                row -> true,
                true,
                PlannerOptions.defaults().withRelativeGap(gap / 10).withTimeLimit(referenceTime));
        assertThat(OverTimeSolve.found(reference)).isTrue();
        double tolerance = 1e-6 * Math.abs(objective);
        assertThat(reference.objective()).isLessThanOrEqualTo(plan.solve().bestBound() + tolerance);
        assertThat(objective)
                .isGreaterThanOrEqualTo(
                        reference.objective() - plan.solve().gap() * Math.max(1, Math.abs(objective)) - tolerance);
    }

    /** Priority x value curve of each line's effective compute, minus 0.001 per GPU moved from the previous grant. */
    private static double valueOf(Lab lab, Plan plan) {
        Map<GpuTypeId, Double> speeds = lab.relativeSpeeds();
        var asks = MissingAsks.asksForPlanning(lab);
        double value = 0;
        for (ProjectPlan line : plan.projects()) {
            var ask = asks.get(line.project());
            Allocation grant = line.grant();
            if (ask != null && !grant.isEmpty()) {
                double best = speeds.entrySet().stream()
                        .filter(entry -> ask.accepts(entry.getKey()))
                        .mapToDouble(entry -> entry.getValue() * ask.speedFactor(entry.getKey()))
                        .max()
                        .orElse(0);
                double effective = 0;
                for (Map.Entry<GpuTypeId, Integer> held : grant.gpus().entrySet()) {
                    effective += held.getValue() * speeds.get(held.getKey()) * ask.speedFactor(held.getKey());
                }
                value += line.priority()
                        * Explainer.curveValue(
                                ValueModel.targetThenDiminishing().segments(ask, best), effective);
            }
            value -= AllocationModel.STABILITY_PENALTY_PER_GPU
                    * Math.abs(grant.totalGpus() - line.previous().totalGpus());
        }
        return value;
    }
}
