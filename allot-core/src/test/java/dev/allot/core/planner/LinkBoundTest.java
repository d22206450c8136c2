package dev.allot.core.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Lab;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Lagrangian bound of a plan over time is a true bound: no plan of the full model is worth more, on the seeded
 * labs of {@link OverTimeSolveTest} (an arrival, and an outage or a retirement for some seeds).
 */
class LinkBoundTest {
    private static final PlannerOptions OPTIONS = PlannerOptions.defaults();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void noPlanOfTheFullModelIsWorthMoreThanTheBound(long seed) {
        Lab lab = OverTimeSolveTest.withEvents(seed);
        List<PlanningPeriod> periods = PlanningPeriod.of(lab);
        AllocationModel full = new AllocationModel(
                lab, periods, Planner.gather(lab, periods.get(0).fleet()), OPTIONS.valueModel());
        SolverOutcome optimum = Engine.named("scip")
                .solve(full.model, row -> true, true, OPTIONS.withRelativeGap(1e-6), ProgressListener.NONE);

        LinkBound.Result linked = LinkBound.of(full, OPTIONS, OPTIONS.relativeGap() / 3);

        assertThat(linked.bound()).isFinite().isGreaterThanOrEqualTo(optimum.objective() - 1e-6);
        assertThat(linked.lp()).isGreaterThanOrEqualTo(optimum.objective() - 1e-6);
    }
}
