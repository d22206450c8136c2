package dev.allot.core.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Lab;
import dev.allot.lab.DemoLab;
import dev.allot.lab.ScaledLab;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whole grants repair a choice that holding every other project leaves short: the first period of the bench lab over
 * time (300 projects, its staged plan's first step) was planned 1.5 % below its bound by the open projects' choice
 * alone, and needed the engine's polish of the whole period (0.8 s); freeing the projects that give a node up most
 * cheaply brings it within the gap.
 */
class WholeGrantsRepairTest {
    @Test
    void theFirstPeriodOfTheBenchLabOverTimeIsPlannedWithinTheGap() {
        PlannerOptions options = PlannerOptions.defaults();
        Lab lab = DemoLab.overTime(ScaledLab.generate(42, 1));
        List<PlanningPeriod> periods = PlanningPeriod.of(lab);
        AllocationModel full = AllocationModel.forSolve(
                lab, periods, Planner.gather(lab, periods.get(0).fleet()), options.valueModel());
        int n = full.model.vars().size();
        AllocationModel first = Staged.Step.of(full, options.valueModel(), 0, new double[n], new boolean[n])
                .model();

        SolverOutcome outcome = GrantPatterns.solve(first, options);

        assertThat(outcome).isNotNull();
        assertThat(first.model.rowsHold(outcome.values(), 1e-6)).isTrue();
        assertThat(OverTimeSolve.objectiveOf(first.model, outcome.values()))
                .isCloseTo(outcome.objective(), org.assertj.core.data.Offset.offset(1e-6 * outcome.objective()));
        assertThat((outcome.bound() - outcome.objective()) / outcome.objective())
                .isLessThanOrEqualTo(options.relativeGap());
        assertThat(outcome.status()).isEqualTo(SolverOutcome.Status.OPTIMAL);
    }
}
