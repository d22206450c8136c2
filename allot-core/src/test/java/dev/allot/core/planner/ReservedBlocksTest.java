package dev.allot.core.planner;

import static dev.allot.core.planner.LabBuilder.lab;
import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Block;
import dev.allot.core.model.CapacityEvent;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.PlacedBlock;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.QuotaTimeline;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reserved blocks: N GPUs of a type for D days inside a window, placed all or nothing on the plan's timeline. */
class ReservedBlocksTest {
    private static final Planner PLANNER = Planner.create(PlannerOptions.defaults());
    private static final LocalDate START = LocalDate.of(2026, 12, 1);
    private static final GpuTypeId H100 = GpuTypeId.of("H100");

    private static Plan solve(Lab lab) {
        Plan plan = PLANNER.plan(lab);
        assertThat(PlanInvariants.check(lab, plan)).isEmpty();
        return plan;
    }

    private static Block block(String project, int gpus, int days, int earliest, int latest) {
        return new Block(ProjectId.of(project), H100, gpus, days, START.plusDays(earliest), START.plusDays(latest));
    }

    @Test
    void aBlockThatFitsIsPlacedInsideItsWindow() {
        Lab lab = lab().gpus("H100", 1, 64, 8)
                .project("a", "x")
                .ask(8, 16, 16)
                .priority(5)
                .project("big-run", "x")
                .ask(8, 8, 8)
                .priority(8)
                .build()
                .withBlocks(List.of(block("big-run", 32, 10, 14, 42)));

        Plan plan = solve(lab);

        assertThat(plan.blocks()).hasSize(1);
        PlacedBlock placed = plan.blocks().get(0);
        assertThat(placed.gpus()).isEqualTo(32);
        assertThat(placed.start()).isAfterOrEqualTo(START.plusDays(14));
        assertThat(placed.end()).isEqualTo(placed.start().plusDays(10)).isBeforeOrEqualTo(START.plusDays(42));
        assertThat(plan.project(ProjectId.of("big-run"))
                        .orElseThrow()
                        .explanation()
                        .summary())
                .contains("Its block of 32 H100 for 10 days is placed from ");
    }

    @Test
    void aBlockThatCannotFitNamesTheProjectsHoldingTheGpus() {
        Lab lab = lab().gpus("H100", 1, 64, 8)
                .project("a", "x")
                .had("H100", 32)
                .ask(32, 32, 32)
                .priority(9)
                .project("b", "x")
                .had("H100", 24)
                .ask(24, 24, 24)
                .priority(9)
                .project("big-run", "x")
                .ask(8, 8, 8)
                .priority(2)
                .build()
                .withBlocks(List.of(block("big-run", 48, 10, 14, 42)));

        Plan plan = solve(lab);

        assertThat(plan.blocks()).isEmpty();
        assertThat(plan.project(ProjectId.of("big-run"))
                        .orElseThrow()
                        .explanation()
                        .summary())
                .contains("Its block of 48 H100 for 10 days could not be placed: needs 48 H100 for 10 days; at most ")
                .contains("are free before 12 Jan 2027 because of a (H100:32) and b (H100:24)");
    }

    @Test
    void aBlockStaysOutOfAnOutage() {
        Lab lab = lab().gpus("H100", 1, 64, 8)
                .project("a", "x")
                .ask(8, 16, 16)
                .priority(3)
                .project("big-run", "x")
                .ask(8, 8, 8)
                .priority(8)
                .event(CapacityEvent.outage("h100-pool", 48, START.plusDays(21), START.plusDays(28)))
                .build()
                .withBlocks(List.of(block("big-run", 40, 7, 14, 35)));

        Plan plan = solve(lab);

        assertThat(plan.blocks()).hasSize(1);
        PlacedBlock placed = plan.blocks().get(0);
        boolean clearOfOutage =
                !placed.end().isAfter(START.plusDays(21)) || !placed.start().isBefore(START.plusDays(28));
        assertThat(clearOfOutage).as("block %s is clear of the outage", placed).isTrue();
    }
    /**
     * With a yield notice, a shrinking project keeps its previous GPUs until the notice ends: a block on the cycle
     * start would have to wait for them at enforcement. The planner places it where its GPUs are free.
     */
    @Test
    void aBlockDoesNotStartOnGpusAProjectStillHoldsForItsNotice() {
        Lab lab = lab().gpus("H100", 1, 64, 8)
                .noticeDays(14)
                .project("shrinker", "x")
                .had("H100", 48)
                .ask(16, 24, 24)
                .priority(1)
                .project("runner", "x")
                .ask(8, 8, 8)
                .priority(8)
                // a week of fewer GPUs makes the later start cost value: without the rule the cycle start wins
                .event(CapacityEvent.outage("h100-pool", 16, START.plusDays(14), START.plusDays(21)))
                .build()
                .withBlocks(List.of(block("runner", 32, 10, 0, 24)));

        Plan plan = solve(lab);

        assertThat(plan.blocks()).hasSize(1);
        assertThat(plan.blocks().get(0).start())
                .as("after the shrinker's notice ends")
                .isAfterOrEqualTo(START.plusDays(14));
        assertThat(QuotaTimeline.of(plan, lab.capacityGpus(), lab.cycleStart()).blocks())
                .noneMatch(QuotaTimeline.BlockDays::delayed);
    }

    /**
     * A block that may start only on the cycle start, where the grants leave room but a shrinking project still holds
     * its previous GPUs until its notice ends: the explanation names that project and the day its GPUs come free, not
     * a shortage the grants do not show.
     */
    @Test
    void aBlockKeptOffTheCycleStartNamesTheProjectsHoldingGpusForTheirNotice() {
        Lab lab = lab().gpus("H100", 1, 96, 8)
                .noticeDays(14)
                .project("shrinker", "x")
                .had("H100", 80)
                .ask(40, 40, 40)
                .priority(1)
                .project("runner", "x")
                .ask(8, 8, 8)
                .priority(8)
                .build()
                .withBlocks(List.of(block("runner", 32, 10, 0, 10)));

        Plan plan = solve(lab);

        assertThat(plan.blocks()).isEmpty();
        assertThat(plan.project(ProjectId.of("runner"))
                        .orElseThrow()
                        .explanation()
                        .summary())
                .contains("Its block of 32 H100 for 10 days could not be placed: needs 32 H100 from 1 Dec 2026; 16 of"
                        + " them are held until 11 Dec 2026 by the notice of shrinker (H100:40).");
    }
}
