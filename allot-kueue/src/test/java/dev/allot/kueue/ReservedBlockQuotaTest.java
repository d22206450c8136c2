package dev.allot.kueue;

import static dev.allot.kueue.TestPlans.CYCLE_START;
import static dev.allot.kueue.TestPlans.YIELD_BY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.Lab;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reserved blocks on Kueue: the project's quota of the block's flavor rises on its days, and is never lent. */
class ReservedBlockQuotaTest {
    private static final CrdSchemas BUNDLED = CrdSchemas.bundled();
    private static final LocalDate BLOCK_END = LocalDate.of(2026, 12, 11);

    /** H100 64: the shrinker keeps 48 until the yield date; the runner's block of 16 takes what is free first. */
    private static TestPlans blockBeforeAYield() {
        return TestPlans.lab()
                .gpuType("H100", 1.0, 64)
                .gpuType("A100", 0.5, 64)
                .minShare("product", 0.25)
                .project("shrinker", "product", Allocation.of("H100", 48), Allocation.of("H100", 32))
                .project("runner", "exploratory", Allocation.NONE, Allocation.of("H100", 16))
                .project("other", "exploratory", Allocation.NONE, Allocation.of("A100", 32))
                .block("runner", "H100", 16, CYCLE_START, BLOCK_END);
    }

    /** H100 64: the block of 32 fits only once the shrinker has yielded, so it starts on the yield date. */
    private static TestPlans blockThatWaits() {
        return TestPlans.lab()
                .gpuType("H100", 1.0, 64)
                .project("shrinker", "product", Allocation.of("H100", 48), Allocation.of("H100", 16))
                .project("runner", "exploratory", Allocation.of("H100", 16), Allocation.of("H100", 16))
                .block("runner", "H100", 32, CYCLE_START, LocalDate.of(2026, 12, 20));
    }

    @Test
    void onTheBlocksDaysItsGpusAreQuotaTheProjectNeverLends() {
        KueueManifest start = compile(blockBeforeAYield(), CYCLE_START);

        assertThat(resource(start, "runner", "h100"))
                .as("the block's 16 H100; the grant of 16 waits for the shrinker's yield")
                .containsEntry("nominalQuota", 16)
                .containsEntry("lendingLimit", 0);
        assertThat(resource(start, "shrinker", "h100"))
                .containsEntry("nominalQuota", 48)
                .doesNotContainKey("lendingLimit");
        assertThat(annotations(start, "runner")).containsEntry("allot.dev/blocks", "H100:16 2026-12-01..2026-12-11");
        assertThat(start.blocks()).containsExactly("runner: H100:16 2026-12-01..2026-12-11, in force");
        assertThat(start.pendingYields())
                .filteredOn(pending -> pending.project().value().equals("runner"))
                .singleElement()
                .satisfies(pending -> {
                    assertThat(pending.yieldBy()).isEqualTo(BLOCK_END);
                    assertThat(pending.after()).isEqualTo(Allocation.of("H100", 16));
                    assertThat(pending.reason()).isEqualTo("reserved block ends");
                });

        KueueManifest after = compile(blockBeforeAYield(), BLOCK_END);
        assertThat(resource(after, "runner", "h100"))
                .as("the block is over: the grant, lent like any other")
                .containsEntry("nominalQuota", 16)
                .doesNotContainKey("lendingLimit");
        assertThat(after.blocks()).as("an ended block is not listed").isEmpty();
    }

    @Test
    void aBlockWhoseGpusAreStillYieldedRaisesTheQuotaOnTheYieldDate() {
        KueueManifest start = compile(blockThatWaits(), CYCLE_START);
        assertThat(resource(start, "runner", "h100")).containsEntry("nominalQuota", 16);
        assertThat(start.pendingYields())
                .filteredOn(pending -> pending.project().value().equals("runner"))
                .singleElement()
                .satisfies(pending -> {
                    assertThat(pending.yieldBy()).isEqualTo(YIELD_BY);
                    assertThat(pending.after()).isEqualTo(Allocation.of("H100", 48));
                    assertThat(pending.reason()).isEqualTo("reserved block starts");
                });

        assertThat(start.blocks())
                .containsExactly(
                        "runner: H100:32 2026-12-15..2026-12-20 (placed from 2026-12-01, waits for yielded GPUs)");
        KueueManifest yielded = compile(blockThatWaits(), YIELD_BY);
        assertThat(resource(yielded, "runner", "h100"))
                .containsEntry("nominalQuota", 48)
                .containsEntry("lendingLimit", 16);
        assertThat(annotations(yielded, "runner"))
                .containsEntry(
                        "allot.dev/blocks",
                        "H100:32 2026-12-15..2026-12-20 (placed from 2026-12-01, waits for yielded GPUs)");
    }

    @Test
    void summedQuotaWithBlocksStaysWithinThePoolsOnEveryDay() {
        for (TestPlans plans : List.of(blockBeforeAYield(), blockThatWaits())) {
            Lab lab = plans.build();
            for (LocalDate day = CYCLE_START; day.isBefore(CYCLE_START.plusDays(31)); day = day.plusDays(1)) {
                for (var type : lab.capacityGpus().keySet()) {
                    int summed = QuotaTimelineTest.nominalQuotas(plans, day, Names.dns(type.value())).values().stream()
                            .mapToInt(Integer::intValue)
                            .sum();
                    assertThat(summed)
                            .as("summed %s quota on %s", type, day)
                            .isLessThanOrEqualTo(lab.capacityGpus().get(type));
                }
            }
        }
    }

    @Test
    void theCategoryCohortsAreTheGrantsAloneSoABlockDoesNotLoosenAFloor() {
        TestPlans without = TestPlans.lab()
                .gpuType("H100", 1.0, 64)
                .minShare("product", 0.25)
                .project("keeper", "product", Allocation.of("H100", 32), Allocation.of("H100", 32))
                .project("runner", "exploratory", Allocation.of("H100", 16), Allocation.of("H100", 16));
        TestPlans with = TestPlans.lab()
                .gpuType("H100", 1.0, 64)
                .minShare("product", 0.25)
                .project("keeper", "product", Allocation.of("H100", 32), Allocation.of("H100", 32))
                .project("runner", "exploratory", Allocation.of("H100", 16), Allocation.of("H100", 16))
                .block("runner", "H100", 16, CYCLE_START, BLOCK_END);

        assertThat(resource(compile(with, CYCLE_START), "runner", "h100")).containsEntry("nominalQuota", 32);
        assertThat(compile(with, CYCLE_START).ofKind("Cohort"))
                .isNotEmpty()
                .isEqualTo(compile(without, CYCLE_START).ofKind("Cohort"));
    }

    @Test
    void everyObjectWithABlockIsValidAgainstKueuesSchemas() throws IOException {
        List<KueueObject> objects = new java.util.ArrayList<>();
        for (TestPlans plans : List.of(blockBeforeAYield(), blockThatWaits())) {
            for (LocalDate day : List.of(CYCLE_START, BLOCK_END, YIELD_BY)) {
                for (KueueApiVersion version : KueueApiVersion.values()) {
                    KueueConfig config = KueueConfig.defaults().toBuilder()
                            .apiVersion(version)
                            .build();
                    objects.addAll(KueueCompiler.compile(plans.build(), plans.plan(), config, day)
                            .objects());
                }
            }
        }
        assertThat(BUNDLED.validate(objects)).isEmpty();
        Optional<Path> folder = SharedData.folder("kueue-crds");
        assumeTrue(folder.isPresent(), "../shared/data/kueue-crds is absent; checked against the bundled CRDs only");
        assertThat(CrdSchemas.load(folder.get()).validate(objects)).isEmpty();
    }

    private static KueueManifest compile(TestPlans plans, LocalDate day) {
        return KueueCompiler.compile(plans.build(), plans.plan(), KueueConfig.defaults(), day);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> annotations(KueueManifest manifest, String queue) {
        KueueObject object = manifest.ofKind("ClusterQueue").stream()
                .filter(candidate -> candidate.name().equals(queue))
                .findFirst()
                .orElseThrow();
        return (Map<String, Object>) ((Map<String, Object>) object.body().get("metadata")).get("annotations");
    }

    /** The {@code nvidia.com/gpu} resource of one flavor of one ClusterQueue. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> resource(KueueManifest manifest, String queue, String flavor) {
        KueueObject object = manifest.ofKind("ClusterQueue").stream()
                .filter(candidate -> candidate.name().equals(queue))
                .findFirst()
                .orElseThrow();
        for (Object group : (List<Object>) object.spec().get("resourceGroups")) {
            for (Object entry : (List<Object>) ((Map<String, Object>) group).get("flavors")) {
                Map<String, Object> quota = (Map<String, Object>) entry;
                if (quota.get("name").equals(flavor)) {
                    return (Map<String, Object>) ((List<Object>) quota.get("resources")).get(0);
                }
            }
        }
        throw new AssertionError(queue + " has no flavor " + flavor);
    }
}
