package dev.allot.core.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Lab;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The staged plan with each step written as a one-period model (solved by the one-period path) keeps every row of the
 * full model and is worth what the steps on the full model give, within the gap; and the bound over the subsets of
 * blocks a period holds is the priced model's bound.
 */
class StagedTest {
    private static final PlannerOptions OPTIONS = PlannerOptions.defaults();
    private static final PlannerOptions STEP =
            OPTIONS.withRelativeGap(OPTIONS.relativeGap() * OverTimeSolve.SUB_GAP_SHARE);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void theOnePeriodStepsKeepEveryRowAndLoseNoValue(long seed) {
        Lab lab = seed % 2 == 0 ? BlockPlacementSolveTest.withBlocks(seed) : OverTimeSolveTest.withEvents(seed);
        AllocationModel full = fullModel(lab);
        List<BlockPlacement> placements = BlockPlacement.all(full, OverTimeSolve.MAX_PLACEMENTS);
        // the placement of no block, and the one placing every block at its last start
        for (BlockPlacement placement : placements.size() == 1
                ? placements
                : List.of(placements.get(0), placements.get(placements.size() - 1))) {
            // no period keeps the grants of the one before: every step is solved
            Staged.Steps steps = new Staged.Steps(
                    full, OPTIONS.valueModel(), k -> Double.POSITIVE_INFINITY, STEP, OPTIONS, placement);
            Staged alone = steps.solve();
            Staged engine = steps.withEngine();

            assertThat(alone.values() == null).isEqualTo(engine.values() == null);
            if (alone.values() != null) {
                assertThat(Staged.satisfies(full, alone.values())).isTrue();
                assertThat(Staged.satisfies(full, engine.values())).isTrue();
                double value = OverTimeSolve.objectiveOf(full.model, alone.values());
                double engineValue = OverTimeSolve.objectiveOf(full.model, engine.values());
                assertThat(value)
                        .isGreaterThanOrEqualTo(
                                engineValue - OPTIONS.relativeGap() * Math.max(1, Math.abs(engineValue)));
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {2, 4, 6})
    void theBoundOverHeldBlocksIsThePricedModelsBound(long seed) {
        AllocationModel full = fullModel(BlockPlacementSolveTest.withBlocks(seed));

        // SCIP bounds a period that may hold blocks by its subsets of blocks; the other engines solve the priced model
        double bySubsets =
                PeriodBounds.solve(full, OPTIONS.valueModel(), OPTIONS).total(full);
        double priced = PeriodBounds.solve(full, OPTIONS.valueModel(), OPTIONS.withEngine("highs"))
                .total(full);

        assertThat(bySubsets)
                .isCloseTo(priced, org.assertj.core.api.Assertions.within(OPTIONS.relativeGap() * Math.abs(priced)));
    }

    private static AllocationModel fullModel(Lab lab) {
        List<PlanningPeriod> periods = PlanningPeriod.of(lab);
        return new AllocationModel(
                lab, periods, Planner.gather(lab, periods.get(0).fleet()), OPTIONS.valueModel());
    }
}
