package dev.allot.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.QuotaTimeline;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.lab.DemoLab;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The caps of all project accounts, summed per GPU type, never exceed the pool on any day of a plan's roll-out. */
class SummedCapsTest {
    private static final SlurmConfig CONFIG = SlurmConfig.defaults("ci");

    @Test
    void theDemoPlanNeverCapsMoreGpusThanThePoolHasOnAnyBoundary() {
        Lab lab = DemoLab.generate(42);
        Plan plan = Planner.create(PlannerOptions.defaults()).plan(lab);

        assertWithinPoolOnEveryDay(plan, lab);
    }

    @Test
    void aShrinkAndKillPlanNeverCapsMoreGpusThanThePoolHasOnAnyBoundary() {
        // 64 H100 and 64 A100: the two yielding projects' GPUs are regranted to the growers on their yield dates
        PlanFixture fixture = PlanFixture.plan("H100", "A100")
                .project("mover", "exploratory")
                .previous("H100", 16)
                .grant("A100", 8)
                .yieldBy("2026-12-15")
                .project("killed", "exploratory")
                .previous("H100", 48)
                .yieldBy("2026-12-20")
                .project("shrinker", "product")
                .previous("A100", 64)
                .grant("A100", 32)
                .yieldBy("2026-12-10")
                .project("grower", "product")
                .grant("H100", 64)
                .grant("A100", 24);

        assertWithinPoolOnEveryBoundary(fixture.build(), fixture.lab());

        Map<String, Long> midYield = sum(compile(fixture.build(), fixture.lab(), LocalDate.parse("2026-12-12")));
        assertThat(compile(fixture.build(), fixture.lab(), LocalDate.parse("2026-12-12"))
                        .byName()
                        .get("mover")
                        .limits()
                        .tres("gres/gpu"))
                .as("a yielding project's overall cap is its previous total, not old plus new")
                .isEqualTo(16);
        assertThat(midYield).containsEntry("gres/gpu:a100", 64L).containsEntry("gres/gpu:h100", 64L);
    }

    @Test
    void aBlockFromTheCycleStartTakesTheRoomBeforeAGrowThatWaitsForAYield() {
        // 64 H100: the shrinker keeps 48 until 12-15 (its notice); the plan is consistent once it has yielded
        // (32 + 16 + a block of 16), but before the yield only 16 are free: the block takes them, the grow waits
        PlanFixture fixture = PlanFixture.plan("H100")
                .project("shrinker", "product")
                .previous("H100", 48)
                .grant("H100", 32)
                .yieldBy("2026-12-15")
                .project("runner", "exploratory")
                .grant("H100", 16)
                .block("H100", 16, "2026-12-01", "2026-12-11");

        assertWithinPoolOnEveryDay(fixture.build(), fixture.lab());

        DesiredState start = compile(fixture.build(), fixture.lab(), LocalDate.parse("2026-12-01"));
        assertThat(start.byName().get("runner").limits().tres("gres/gpu:h100"))
                .as("the block's GPUs on its first day; the grant waits for the yield")
                .isEqualTo(16);
        assertThat(start.reservations())
                .singleElement()
                .satisfies(reservation -> assertThat(reservation.start())
                        .isEqualTo(LocalDate.parse("2026-12-01").atStartOfDay()));
        assertThat(compile(fixture.build(), fixture.lab(), LocalDate.parse("2026-12-11"))
                        .byName()
                        .get("runner")
                        .limits()
                        .tres("gres/gpu:h100"))
                .as("the block is over, the shrinker still holds 48")
                .isEqualTo(16);
        assertThat(compile(fixture.build(), fixture.lab(), LocalDate.parse("2026-12-15"))
                        .byName()
                        .get("runner")
                        .limits()
                        .tres("gres/gpu:h100"))
                .isEqualTo(16);
    }

    @Test
    void aBlockWhoseGpusAreStillYieldedStartsOnTheYieldDate() {
        // 64 H100: grants 16 + 16 + a block of 32 fit, but the shrinker keeps 48 until 12-08, so the block's
        // caps and reservation start on 12-08 instead of 12-01 (its end stays)
        PlanFixture fixture = PlanFixture.plan("H100")
                .project("shrinker", "product")
                .previous("H100", 48)
                .grant("H100", 16)
                .yieldBy("2026-12-08")
                .project("runner", "exploratory")
                .previous("H100", 16)
                .grant("H100", 16)
                .block("H100", 32, "2026-12-01", "2026-12-20");

        assertWithinPoolOnEveryDay(fixture.build(), fixture.lab());

        DesiredState start = compile(fixture.build(), fixture.lab(), LocalDate.parse("2026-12-01"));
        assertThat(start.byName().get("runner").limits().tres("gres/gpu:h100")).isEqualTo(16);
        assertThat(start.byName().get("runner").pending()).hasValueSatisfying(next -> {
            assertThat(next.on()).isEqualTo(LocalDate.parse("2026-12-08"));
            assertThat(next.limits().tres("gres/gpu:h100")).isEqualTo(48);
        });
        assertThat(start.reservations()).singleElement().satisfies(reservation -> {
            assertThat(reservation.start())
                    .isEqualTo(LocalDate.parse("2026-12-08").atStartOfDay());
            assertThat(reservation.end())
                    .isEqualTo(LocalDate.parse("2026-12-20").atStartOfDay());
            assertThat(reservation.describe())
                    .as("the diff and drift line of the block")
                    .isEqualTo("allot-2026-12-runner-1: account runner, 4 node(s) (block of 32 H100, 8 per node;"
                            + " placed from 2026-12-01, waits for GPUs others yield), 2026-12-08T00:00 .."
                            + " 2026-12-20T00:00");
            assertThat(reservation.blockLine())
                    .isEqualTo("runner 2026-12-08 .. 2026-12-20: block of 32 H100, 8 per node; placed from"
                            + " 2026-12-01, waits for GPUs others yield (reservation allot-2026-12-runner-1, 4"
                            + " node(s))");
        });
    }

    @Test
    void nothingOfACycleAppliesBeforeItStarts() {
        PlanFixture fixture = PlanFixture.plan("H100")
                .project("newcomer", "exploratory")
                .grant("H100", 8)
                .project("shrinker", "product")
                .previous("H100", 32)
                .grant("H100", 16);

        DesiredState before = compile(fixture.build(), fixture.lab(), LocalDate.parse("2026-11-30"));

        assertThat(before.byName().get("newcomer").limits().tres("gres/gpu:h100"))
                .isZero();
        assertThat(before.byName().get("newcomer").pending())
                .hasValueSatisfying(next -> assertThat(next.on()).isEqualTo(LocalDate.parse("2026-12-01")));
        assertThat(before.byName().get("shrinker").limits().tres("gres/gpu:h100"))
                .isEqualTo(32);
    }

    /** Every day from the day before the cycle to the day after its last change or block. */
    private static void assertWithinPoolOnEveryDay(Plan plan, Lab lab) {
        QuotaTimeline timeline = QuotaTimeline.of(plan, lab.capacityGpus(), lab.cycleStart());
        LocalDate last = timeline.boundaries().get(timeline.boundaries().size() - 1);
        for (var block : plan.blocks()) {
            last = block.end().isAfter(last) ? block.end() : last;
        }
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = lab.cycleStart().minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
            days.add(day);
        }
        assertWithinPoolOn(plan, lab, days);
    }

    private static void assertWithinPoolOnEveryBoundary(Plan plan, Lab lab) {
        QuotaTimeline timeline = QuotaTimeline.of(plan, lab.capacityGpus(), lab.cycleStart());
        List<LocalDate> days = new ArrayList<>(timeline.boundaries());
        days.add(0, lab.cycleStart().minusDays(1));
        assertWithinPoolOn(plan, lab, days);
    }

    private static void assertWithinPoolOn(Plan plan, Lab lab, List<LocalDate> days) {
        Map<String, Long> pool = new TreeMap<>();
        lab.capacityGpus().forEach((type, gpus) -> pool.put(CONFIG.tresKey(type), (long) gpus));
        pool.put(
                "gres/gpu",
                lab.capacityGpus().values().stream()
                        .mapToLong(Integer::longValue)
                        .sum());
        for (LocalDate day : days) {
            Map<String, Long> summed = sum(compile(plan, lab, day));
            summed.forEach((tres, gpus) -> assertThat(gpus)
                    .as("summed %s caps on %s (pool %s)", tres, day, pool.get(tres))
                    .isLessThanOrEqualTo(pool.get(tres)));
        }
        Map<String, Long> last = sum(compile(plan, lab, days.get(days.size() - 1)));
        Map<String, Long> granted = new TreeMap<>();
        plan.grantedGpus().forEach((GpuTypeId type, Integer gpus) -> granted.put(CONFIG.tresKey(type), (long) gpus));
        granted.forEach((tres, gpus) ->
                assertThat(last.get(tres)).as("final %s caps", tres).isEqualTo(gpus));
    }

    private static DesiredState compile(Plan plan, Lab lab, LocalDate day) {
        return SlurmCompiler.compile(plan, lab, CONFIG, day);
    }

    private static Map<String, Long> sum(DesiredState state) {
        Map<String, Long> summed = new TreeMap<>();
        state.accounts().stream()
                .filter(DesiredAccount::project)
                .forEach(account ->
                        account.limits().grpTres().forEach((tres, gpus) -> summed.merge(tres, gpus, Long::sum)));
        return summed;
    }
}
