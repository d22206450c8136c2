package dev.allot.core.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Lab;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Lagrangian bound of a plan over time is a true bound: no plan of the full model is worth more, on the seeded
 * labs of {@link OverTimeSolveTest} (an arrival, and an outage or a retirement for some seeds), with the LP's prices
 * and after every subgradient step; and the steps tighten the bound of zero prices (the bound per period without the
 * links) wherever that bound is above the optimum.
 */
class LinkBoundTest {
    private static final PlannerOptions OPTIONS = PlannerOptions.defaults();
    private static final double TOLERANCE = 1e-6;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void noPlanOfTheFullModelIsWorthMoreThanTheBoundAndTheStepsTightenIt(long seed) {
        AllocationModel full = model(seed);
        SolverOutcome optimum = optimum(full);

        LinkBound.Result priced = LinkBound.of(
                full,
                OPTIONS,
                new LinkBound.Search(OPTIONS.relativeGap() / 3, optimum.objective(), 0, 1, true, 1, 1),
                Runnable::run);
        LinkBound.Result stepped = LinkBound.of(
                full, OPTIONS, new LinkBound.Search(1e-6, optimum.objective(), 0, 10, false, 2, 1), Runnable::run);

        assertThat(priced.bound()).isFinite().isGreaterThanOrEqualTo(optimum.objective() - TOLERANCE);
        assertThat(priced.lp()).isGreaterThanOrEqualTo(optimum.objective() - TOLERANCE);
        assertThat(stepped.trace())
                .isNotEmpty()
                .allSatisfy(bound -> assertThat(bound).isGreaterThanOrEqualTo(optimum.objective() - TOLERANCE));
        double zeroPrices = stepped.trace().get(0);
        if (zeroPrices > optimum.objective() + TOLERANCE) {
            assertThat(stepped.bound()).isLessThan(zeroPrices - TOLERANCE);
        }
    }

    private static AllocationModel model(long seed) {
        Lab lab = OverTimeSolveTest.withEvents(seed);
        List<PlanningPeriod> periods = PlanningPeriod.of(lab);
        return new AllocationModel(
                lab, periods, Planner.gather(lab, periods.get(0).fleet()), OPTIONS.valueModel());
    }

    private static SolverOutcome optimum(AllocationModel full) {
        return Engine.named("scip")
                .solve(full.model, row -> true, true, OPTIONS.withRelativeGap(1e-6), ProgressListener.NONE);
    }
}
