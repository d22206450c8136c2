package dev.allot.kueue;

import static dev.allot.kueue.TestPlans.CYCLE_START;
import static dev.allot.kueue.TestPlans.YIELD_BY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.allot.core.AllotException;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuotaTimelineTest {
    /** H100 128: two projects give up 112 GPUs by the yield date, a new one needs 96 of them, one moves type. */
    private static TestPlans shrinkAndKill() {
        return TestPlans.lab()
                .gpuType("H100", 1.0, 128)
                .gpuType("A100", 0.5, 64)
                .project("shrinks", "product", Allocation.of("H100", 56), Allocation.of("H100", 8))
                .project("killed", "exploratory", Allocation.of("H100", 56), Allocation.NONE)
                .project("moves", "exploratory", Allocation.of("H100", 16), Allocation.of("A100", 8))
                .project("fresh", "exploratory", Allocation.NONE, Allocation.of("H100", 96));
    }

    @Test
    void summedQuotaOfEveryTypeStaysWithinThePoolsOnEveryDayOfAShrinkAndKillPlan() {
        assertWithinPools(shrinkAndKill());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void summedQuotaStaysWithinThePoolsForRandomPlansThatFitBeforeAndAfter(long seed) {
        assertWithinPools(randomFitting(seed, 80));
    }

    @Test
    void aGrowThatNeedsYieldedGpusStartsOnTheYieldDate() {
        TestPlans plans = shrinkAndKill();
        Map<String, Integer> before = nominalQuotas(plans, CYCLE_START, "h100");
        assertThat(before)
                .containsEntry("fresh", 0)
                .containsEntry("shrinks", 56)
                .containsEntry("killed", 56);
        Map<String, Integer> after = nominalQuotas(plans, YIELD_BY, "h100");
        assertThat(after).containsEntry("fresh", 96).containsEntry("shrinks", 8).containsEntry("killed", 0);
        KueueManifest start = compile(plans, CYCLE_START);
        assertThat(start.pendingYields())
                .filteredOn(pending -> pending.project().value().equals("fresh"))
                .singleElement()
                .satisfies(pending -> {
                    assertThat(pending.yieldBy()).isEqualTo(YIELD_BY);
                    assertThat(pending.after()).isEqualTo(Allocation.of("H100", 96));
                });
    }

    @Test
    void aYieldingProjectIsCappedAtItsPreviousTotalUntilItsYieldDate() {
        TestPlans plans = shrinkAndKill();
        assertThat(nominalQuotas(plans, CYCLE_START, "h100")).containsEntry("moves", 16);
        assertThat(nominalQuotas(plans, CYCLE_START, "a100")).containsEntry("moves", 0);
        assertThat(nominalQuotas(plans, YIELD_BY, "h100")).containsEntry("moves", 0);
        assertThat(nominalQuotas(plans, YIELD_BY, "a100")).containsEntry("moves", 8);
    }

    @Test
    void nothingOfTheCycleAppliesBeforeItStarts() {
        assertThatThrownBy(() -> compile(shrinkAndKill(), CYCLE_START.minusDays(1)))
                .isInstanceOf(AllotException.class)
                .hasMessage("Date --at 2026-11-30 is before cycle 2026-12 starts (2026-12-01); until then the previous"
                        + " plan applies. Maybe --at 2026-12-01?");
    }

    private static void assertWithinPools(TestPlans plans) {
        Lab lab = plans.build();
        Plan plan = plans.plan();
        for (LocalDate date : QuotaTimeline.boundaries(lab, plan)) {
            for (LocalDate day : List.of(date, date.plusDays(1))) {
                for (GpuTypeId type : lab.capacityGpus().keySet()) {
                    int summed = nominalQuotas(plans, day, Names.dns(type.value())).values().stream()
                            .mapToInt(Integer::intValue)
                            .sum();
                    assertThat(summed)
                            .as("summed %s quota on %s", type, day)
                            .isLessThanOrEqualTo(lab.capacityGpus().get(type));
                }
            }
        }
        LocalDate last = QuotaTimeline.boundaries(lab, plan).getLast();
        QuotaTimeline.quotasOn(lab, plan, last)
                .forEach((line, quota) ->
                        assertThat(quota).as(line.project().value()).isEqualTo(line.grant()));
    }

    private static KueueManifest compile(TestPlans plans, LocalDate date) {
        return KueueCompiler.compile(plans.build(), plans.plan(), KueueConfig.defaults(), date);
    }

    /** Per ClusterQueue, the nominalQuota of one flavor in the exported objects (0 when absent). */
    @SuppressWarnings("unchecked")
    static Map<String, Integer> nominalQuotas(TestPlans plans, LocalDate date, String flavor) {
        return nominalQuotasOf(compile(plans, date), flavor);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Integer> nominalQuotasOf(KueueManifest manifest, String flavor) {
        Map<String, Integer> quotas = new LinkedHashMap<>();
        for (KueueObject queue : manifest.ofKind("ClusterQueue")) {
            int gpus = 0;
            for (Object group : (List<Object>) queue.spec().get("resourceGroups")) {
                for (Object entry : (List<Object>) ((Map<String, Object>) group).get("flavors")) {
                    Map<String, Object> quota = (Map<String, Object>) entry;
                    if (quota.get("name").equals(flavor)) {
                        Map<String, Object> resource =
                                (Map<String, Object>) ((List<Object>) quota.get("resources")).get(0);
                        gpus += ((Number) resource.get("nominalQuota")).intValue();
                    }
                }
            }
            quotas.put(queue.name(), gpus);
        }
        return quotas;
    }

    /** Random previous and new grants, with pools exactly large enough for the larger of the two sums per type. */
    private static TestPlans randomFitting(long seed, int count) {
        Random random = new Random(seed);
        String[] types = {"H100", "H200", "A100"};
        List<Allocation[]> pairs = new ArrayList<>();
        Map<String, Integer> before = new LinkedHashMap<>();
        Map<String, Integer> after = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            Allocation previous = random.nextInt(5) == 0 ? Allocation.NONE : random(random, types);
            Allocation grant = random.nextInt(8) == 0 ? Allocation.NONE : random(random, types);
            pairs.add(new Allocation[] {previous, grant});
            previous.gpus().forEach((type, gpus) -> before.merge(type.value(), gpus, Integer::sum));
            grant.gpus().forEach((type, gpus) -> after.merge(type.value(), gpus, Integer::sum));
        }
        TestPlans plans = TestPlans.lab();
        for (String type : types) {
            plans.gpuType(type, 1.0, Math.max(before.getOrDefault(type, 0), after.getOrDefault(type, 0)));
        }
        for (int i = 0; i < count; i++) {
            plans.project("p-" + i, i % 2 == 0 ? "exploratory" : "product", pairs.get(i)[0], pairs.get(i)[1]);
        }
        return plans;
    }

    private static Allocation random(Random random, String[] types) {
        Map<GpuTypeId, Integer> gpus = new LinkedHashMap<>();
        for (String type : types) {
            if (random.nextInt(2) == 0) {
                gpus.put(GpuTypeId.of(type), 8 * random.nextInt(1, 9));
            }
        }
        return new Allocation(gpus);
    }
}
