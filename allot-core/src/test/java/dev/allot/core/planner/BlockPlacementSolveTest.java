package dev.allot.core.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Ask;
import dev.allot.core.model.Block;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.Pool;
import dev.allot.core.model.QuotaTimeline;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A plan over time with reserved blocks, solved placement by placement (docs/planner.md, "Solving a plan over time"),
 * is within the reported gap of the full model's optimum, its bound is never below that optimum, and its blocks keep
 * their rules.
 */
class BlockPlacementSolveTest {
    private static final PlannerOptions OPTIONS = PlannerOptions.defaults();

    /** A seeded lab with an arrival (and an outage or a retirement) and two blocks on its first and last pools. */
    static Lab withBlocks(long seed) {
        Lab lab = OverTimeSolveTest.withEvents(seed);
        SplittableRandom random = new SplittableRandom(seed * 31 + 7);
        List<Pool> pools = lab.pools();
        return lab.withBlocks(
                List.of(block(lab, random, pools.get(0)), block(lab, random, pools.get(pools.size() - 1))));
    }

    private static Block block(Lab lab, SplittableRandom random, Pool pool) {
        List<Ask> asks = lab.asks();
        Ask ask = asks.get(random.nextInt(asks.size()));
        int nodes = Math.max(1, pool.gpus() / pool.gpusPerNode() / (3 + random.nextInt(4)));
        int days = 7 + random.nextInt(8);
        LocalDate earliest = lab.cycleStart().plusDays(7L * random.nextInt(3));
        return new Block(
                ask.project(),
                pool.gpuType(),
                nodes * pool.gpusPerNode(),
                days,
                earliest,
                earliest.plusDays(days + 7L * (1 + random.nextInt(3))));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void placementByPlacementMatchesTheFullModelWithinTheGap(long seed) {
        Lab lab = withBlocks(seed);
        AllocationModel full = fullModel(lab);
        assertThat(BlockPlacement.all(full, OverTimeSolve.MAX_PLACEMENTS)).isNotNull();
        SolverOutcome direct = optimum(full);

        // the Lagrangian bound alone, before the full model may tighten it, is already a true bound
        assertThat(PeriodBounds.solve(full, OPTIONS.valueModel(), OPTIONS).total(full))
                .isGreaterThanOrEqualTo(direct.objective() - 1e-6);

        Plan plan = Planner.create(OPTIONS).plan(lab);

        assertThat(PlanInvariants.check(lab, plan)).isEmpty();
        assertThat(BlockInvariants.check(lab, plan)).isEmpty();
        assertThat(QuotaTimeline.of(plan, lab.capacityGpus(), lab.cycleStart()).blocks())
                .as("no block waits at enforcement for GPUs still being yielded")
                .noneMatch(QuotaTimeline.BlockDays::delayed);
        double tolerance = OPTIONS.relativeGap() * Math.max(1, Math.abs(direct.objective())) + 1e-6;
        assertThat(plan.solve().objective()).isGreaterThanOrEqualTo(direct.objective() - tolerance);
        assertThat(plan.solve().objective()).isLessThanOrEqualTo(direct.bound() + 1e-6);
        // the reported bound is a true bound: the full model's optimum never exceeds it
        assertThat(plan.solve().bestBound()).isGreaterThanOrEqualTo(direct.objective() - 1e-6);
        assertThat(plan.solve().gap()).isLessThanOrEqualTo(OPTIONS.relativeGap() + 1e-9);
    }
    /** A bound whose period solves run out of time (a busy machine) falls back on the LP: still finite and true. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2})
    void theBoundWithoutTimeIsTheLpsAndStillTrue(long seed) {
        Lab lab = withBlocks(seed);
        AllocationModel full = fullModel(lab);
        SolverOutcome direct = optimum(full);

        double bound = PeriodBounds.solve(full, OPTIONS.valueModel(), OPTIONS.withTimeLimit(Duration.ofMillis(1)))
                .total(full);

        assertThat(bound).isFinite().isGreaterThanOrEqualTo(direct.objective() - 1e-6);
    }

    private static AllocationModel fullModel(Lab lab) {
        List<PlanningPeriod> periods = PlanningPeriod.of(lab);
        return new AllocationModel(
                lab, periods, Planner.gather(lab, periods.get(0).fleet()), OPTIONS.valueModel());
    }

    /** The full model solved by the engine alone, to a gap of 1e-6. */
    private static SolverOutcome optimum(AllocationModel full) {
        return Engine.named("scip")
                .solve(full.model, row -> true, true, OPTIONS.withRelativeGap(1e-6), ProgressListener.NONE);
    }
}
