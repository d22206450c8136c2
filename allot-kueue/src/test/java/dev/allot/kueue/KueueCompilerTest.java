package dev.allot.kueue;

import static dev.allot.kueue.TestPlans.YIELD_BY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.allot.core.AllotException;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectStatus;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KueueCompilerTest {
    private static final LocalDate BEFORE_YIELD = YIELD_BY.minusDays(1);
    private final TestPlans small = TestPlans.small();

    private KueueManifest compile(KueueConfig config, LocalDate asOf) {
        return KueueCompiler.compile(small.build(), small.plan(), config, asOf);
    }

    @Test
    void goldenBeforeTheYieldDate() throws IOException {
        Golden.assertMatches(
                "small-v1beta2-before-yield.yaml",
                KueueYaml.render(compile(KueueConfig.defaults(), BEFORE_YIELD).objects()));
    }

    @Test
    void goldenOnTheYieldDate() throws IOException {
        Golden.assertMatches(
                "small-v1beta2-on-yield-date.yaml",
                KueueYaml.render(compile(KueueConfig.defaults(), YIELD_BY).objects()));
    }

    @Test
    void goldenForKueueV1beta1() throws IOException {
        KueueConfig config = KueueConfig.defaults().toBuilder()
                .apiVersion(KueueApiVersion.V1BETA1)
                .build();
        Golden.assertMatches(
                "small-v1beta1-on-yield-date.yaml",
                KueueYaml.render(compile(config, YIELD_BY).objects()));
    }

    @Test
    void aShrinkingProjectKeepsItsPreviousQuotaUntilTheYieldDate() {
        assertThat(quota(compile(KueueConfig.defaults(), BEFORE_YIELD), "llm-pretrain"))
                .containsExactly(Map.entry("h100", 64), Map.entry("a100", 16));
        assertThat(quota(compile(KueueConfig.defaults(), YIELD_BY), "llm-pretrain"))
                .containsExactly(Map.entry("h100", 48), Map.entry("a100", 0));
    }

    @Test
    void pendingYieldsNameTheDateAndTheQuotaAfterIt() {
        KueueManifest manifest = compile(KueueConfig.defaults(), BEFORE_YIELD);
        assertThat(manifest.pendingYields())
                .extracting(KueueManifest.PendingYield::project)
                .containsExactly(ProjectId.of("llm-pretrain"), ProjectId.of("old-agents"));
        assertThat(manifest.pendingYields().get(1).yieldBy()).isEqualTo(YIELD_BY);
        assertThat(manifest.pendingYields().get(1).after()).isEqualTo(Allocation.NONE);
        assertThat(compile(KueueConfig.defaults(), YIELD_BY).pendingYields()).isEmpty();
    }

    @Test
    void aKilledProjectTakesNoNewWorkFromTheKillOnAndIsDrainedOnItsYieldDate() {
        assertThat(spec(compile(KueueConfig.defaults(), BEFORE_YIELD), "old-agents")
                        .get("stopPolicy"))
                .isEqualTo("Hold");
        assertThat(spec(compile(KueueConfig.defaults(), YIELD_BY), "old-agents").get("stopPolicy"))
                .isEqualTo("HoldAndDrain");
        assertThat(quota(compile(KueueConfig.defaults(), BEFORE_YIELD), "old-agents"))
                .containsEntry("a100", 16);
        KueueManifest after = compile(
                KueueConfig.defaults().toBuilder()
                        .killedStopPolicy(StopPolicy.Hold)
                        .build(),
                YIELD_BY);
        assertThat(spec(after, "old-agents").get("stopPolicy")).isEqualTo("Hold");
        assertThat(quota(after, "old-agents").values()).containsOnly(0);
    }

    @Test
    void aGrowingProjectGetsItsNewQuotaAtOnceWithOwnedFlavorsFirst() {
        assertThat(quota(compile(KueueConfig.defaults(), BEFORE_YIELD), "vision-rl"))
                .containsExactly(Map.entry("h100", 48), Map.entry("a100", 16));
        assertThat(quota(compile(KueueConfig.defaults(), BEFORE_YIELD), "safety-evals"))
                .containsExactly(Map.entry("h100", 8), Map.entry("a100", 0));
    }

    @Test
    void aDeclinedProjectMayOnlyBorrowTheTypesItCanUse() {
        KueueManifest manifest = compile(KueueConfig.defaults(), YIELD_BY);
        assertThat(quota(manifest, "new-idea")).containsExactly(Map.entry("a100", 0));
        assertThat(spec(manifest, "new-idea").get("stopPolicy")).isEqualTo("None");
    }

    @Test
    void killedAndDeclinedProjectsBorrowNothing() {
        for (LocalDate date : List.of(BEFORE_YIELD, YIELD_BY)) {
            KueueManifest manifest = compile(KueueConfig.defaults(), date);
            for (String project : List.of("old-agents", "new-idea")) {
                assertThat(Tree.at(spec(manifest, project), "resourceGroups").toString())
                        .as(project + " on " + date)
                        .contains("borrowingLimit=0")
                        .doesNotContain("nominalQuota=0, lendingLimit");
            }
            assertThat(Tree.at(spec(manifest, "vision-rl"), "resourceGroups").toString())
                    .doesNotContain("borrowingLimit");
        }
    }

    @Test
    void theHoldStaysInLaterCyclesUntilTheKillIsLifted() {
        // next cycle: the killed project has nothing before or after, but the lab still marks it killed
        TestPlans next = TestPlans.lab()
                .gpuType("H100", 1.0, 64)
                .project("old-agents", "exploratory", Allocation.NONE, Allocation.NONE);
        next.status("old-agents", ProjectStatus.KILLED);
        KueueManifest manifest = KueueCompiler.compile(next.build(), next.plan(), KueueConfig.defaults(), YIELD_BY);
        assertThat(spec(manifest, "old-agents").get("stopPolicy")).isEqualTo("HoldAndDrain");
        next.status("old-agents", ProjectStatus.ACTIVE);
        manifest = KueueCompiler.compile(next.build(), next.plan(), KueueConfig.defaults(), YIELD_BY);
        assertThat(spec(manifest, "old-agents").get("stopPolicy")).isEqualTo("None");
    }

    @Test
    void everyProjectGetsANamespaceAClusterQueueInItsCategoryCohortAndALocalQueue() {
        KueueManifest manifest = compile(KueueConfig.defaults(), YIELD_BY);
        assertThat(manifest.ofKind("Namespace"))
                .extracting(KueueObject::name)
                .containsExactly(
                        "proj-vision-rl", "proj-llm-pretrain", "proj-old-agents", "proj-new-idea", "proj-safety-evals");
        assertThat(spec(manifest, "vision-rl")).containsEntry("cohortName", "allot-exploratory");
        assertThat(manifest.ofKind("LocalQueue"))
                .extracting(KueueObject::id)
                .contains("LocalQueue proj-safety-evals/default");
        assertThat(manifest.ofKind("LocalQueue").get(0).spec()).containsEntry("clusterQueue", "vision-rl");
        assertThat(manifest.ofKind("Cohort"))
                .extracting(KueueObject::name)
                .containsExactly("allot", "allot-exploratory", "allot-product", "allot-safety");
        assertThat(manifest.ofKind("ResourceFlavor").get(0).spec())
                .isEqualTo(Map.of("nodeLabels", Map.of("nvidia.com/gpu.product", "H100")));
    }

    @Test
    void theProductCategoryNeverLendsTheQuotaThatProtectsItsFloorShare() {
        // On the yield date: H100 total 48 + 48 + 8 = 104, product floor 25 % = 26 of its 48, so it lends 22.
        Map<String, Object> product = cohort(compile(KueueConfig.defaults(), YIELD_BY), "allot-product");
        assertThat(product).containsEntry("parentName", "allot");
        assertThat(Tree.at(product, "resourceGroups").toString())
                .contains("name=h100, resources=[{name=nvidia.com/gpu, nominalQuota=0, lendingLimit=22}]")
                .doesNotContain("a100");
        assertThat(cohort(compile(KueueConfig.defaults(), YIELD_BY), "allot-exploratory"))
                .doesNotContainKey("resourceGroups");
    }

    @Test
    void configuredCategoryLimitsOverrideThePolicyFloor() {
        Sharing sharing = new Sharing(
                0.5,
                Optional.of(1.0),
                Map.of(CategoryId.of("product"), 0.0),
                Map.of(CategoryId.of("exploratory"), 0.5),
                true,
                "LowerPriority");
        KueueManifest manifest =
                compile(KueueConfig.defaults().toBuilder().sharing(sharing).build(), YIELD_BY);
        assertThat(Tree.at(cohort(manifest, "allot-product"), "resourceGroups").toString())
                .contains("nominalQuota=0, borrowingLimit=0, lendingLimit=22");
        assertThat(Tree.at(cohort(manifest, "allot-exploratory"), "resourceGroups")
                        .toString())
                .contains("name=h100, resources=[{name=nvidia.com/gpu, nominalQuota=0, lendingLimit=24}]");
        assertThat(spec(manifest, "vision-rl").toString())
                .contains("{name=nvidia.com/gpu, nominalQuota=48, borrowingLimit=48, lendingLimit=24}")
                .contains("reclaimWithinCohort=LowerPriority");
    }

    @Test
    void twoProjectsWhoseIdsMapToTheSameNameAreRejected() {
        TestPlans clash = TestPlans.lab()
                .gpuType("H100", 1, 64)
                .project("Vision_RL", "exploratory", Allocation.NONE, Allocation.of("H100", 8))
                .project("vision-rl", "exploratory", Allocation.NONE, Allocation.of("H100", 8));
        assertThatThrownBy(() -> KueueCompiler.compile(clash.build(), clash.plan(), KueueConfig.defaults(), YIELD_BY))
                .isInstanceOf(AllotException.class)
                .hasMessage("Namespace name 'proj-vision-rl' would be used by both project Vision_RL and project"
                        + " vision-rl. Maybe rename one of them?");
    }

    @Test
    void aNameTooLongForANamespaceIsRejectedWithAHint() {
        String id = "x".repeat(60);
        TestPlans longName = TestPlans.lab()
                .gpuType("H100", 1, 64)
                .project(id, "exploratory", Allocation.NONE, Allocation.of("H100", 8));
        assertThatThrownBy(() ->
                        KueueCompiler.compile(longName.build(), longName.plan(), KueueConfig.defaults(), YIELD_BY))
                .hasMessageContaining(
                        "Namespace name 'proj-" + id + "' for project " + id + " is not a DNS label of at most 63")
                .hasMessageContaining("Maybe");
    }

    @Test
    void moreGpuTypesThanKueueFlavorsPerGroupAreRejected() {
        TestPlans many = TestPlans.lab();
        for (int i = 0; i < 65; i++) {
            many.gpuType("T" + i, 1, 8);
        }
        many.project("p", "exploratory", Allocation.NONE, Allocation.of("T1", 8));
        assertThatThrownBy(() -> KueueCompiler.compile(many.build(), many.plan(), KueueConfig.defaults(), YIELD_BY))
                .hasMessageStartingWith("The lab has 65 GPU types, but a Kueue resource group holds at most 64");
    }

    @Test
    void settingsNamingAGpuTypeOrCategoryTheLabLacksAreRejected() {
        KueueConfig typo = KueueConfig.defaults().toBuilder()
                .nodeLabels("nvidia.com/gpu.product", Map.of(dev.allot.core.model.GpuTypeId.of("H10"), "x"))
                .build();
        assertThatThrownBy(() -> compile(typo, YIELD_BY))
                .hasMessage("The node label value names GPU type 'H10',"
                        + " which the lab does not have. Maybe one of [H100, A100]?");
        Sharing sharing =
                new Sharing(1, Optional.empty(), Map.of(CategoryId.of("prodcut"), 0.0), Map.of(), true, "Any");
        assertThatThrownBy(() -> compile(
                        KueueConfig.defaults().toBuilder().sharing(sharing).build(), YIELD_BY))
                .hasMessageStartingWith("The category borrowing limit names category 'prodcut', which the lab does"
                        + " not have. Maybe one of [exploratory, product, safety]?");
    }

    @Test
    void badSettingsAreRejectedByName() {
        assertThatThrownBy(() -> KueueConfig.defaults().toBuilder()
                        .names("projects", "{project}", "default")
                        .build())
                .hasMessageContaining("namespacePattern 'projects' lacks {project}");
        assertThatThrownBy(() -> KueueApiVersion.parse("v1"))
                .hasMessageContaining("Kueue API version 'v1' is not supported; expected one of v1beta2, v1beta1");
        assertThatThrownBy(() -> new Sharing(1.5, Optional.empty(), Map.of(), Map.of(), true, "Any"))
                .hasMessageContaining("sharing.projectLendingFraction 1.5 is not a fraction within [0, 1]");
    }

    @Test
    void aSpentGpuHourBudgetTakesTheTypesQuotaAndBorrowingToZero() {
        KueueManifest spent = compileSpent(ProjectId.of("llm-pretrain"));

        assertThat(quota(compile(KueueConfig.defaults(), YIELD_BY), "llm-pretrain"))
                .containsEntry("h100", 48);
        assertThat(quota(spent, "llm-pretrain")).containsEntry("h100", 0);
        assertThat(Tree.at(spec(spent, "llm-pretrain"), "resourceGroups").toString())
                .contains("name=h100, resources=[{name=nvidia.com/gpu, nominalQuota=0, borrowingLimit=0");
        assertThat(queue(spent, "llm-pretrain").body().toString()).contains("allot.dev/budget-spent=H100");
        assertThat(quota(spent, "vision-rl")).isEqualTo(quota(compile(KueueConfig.defaults(), YIELD_BY), "vision-rl"));
    }

    @Test
    void aSpentCategoryBudgetTakesTheTypesQuotaToZeroForEveryProjectOfTheCategory() {
        KueueManifest before = compile(KueueConfig.defaults(), YIELD_BY);
        KueueManifest spent = compileSpent(dev.allot.core.model.CategoryId.of("exploratory"));

        assertThat(quota(before, "vision-rl")).containsEntry("h100", 48);
        assertThat(quota(spent, "vision-rl")).containsEntry("h100", 0).containsEntry("a100", 16);
        assertThat(quota(spent, "llm-pretrain")).isEqualTo(quota(before, "llm-pretrain"));
        assertThat(queue(spent, "vision-rl").body().toString())
                .contains("allot.dev/budget-spent=H100", "allot.dev/category-budget-spent=exploratory:H100");
        assertThat(queue(spent, "llm-pretrain").body().toString()).doesNotContain("budget-spent");
        assertThat(
                        ObjectComparison.differences(
                                        queue(spent, "vision-rl").body(),
                                        queue(before, "vision-rl").body())
                                .stream()
                                .map(ObjectChange.FieldChange::describe))
                .contains("spec.resourceGroups[0].flavors[h100].resources[nvidia.com/gpu].nominalQuota: cluster 48,"
                        + " plan 0");
        assertThat(CrdSchemas.bundled().validate(spent.objects())).isEmpty();
    }

    /** The small plan's objects on the yield date with the H100 budget of {@code owner} spent. */
    private KueueManifest compileSpent(dev.allot.core.model.BudgetOwner owner) {
        return KueueCompiler.compile(
                small.build(),
                small.plan(),
                KueueConfig.defaults(),
                YIELD_BY,
                KueueCompiler.clusters(small.build()).get(0),
                Map.of(owner, java.util.Set.of(dev.allot.core.model.GpuTypeId.of("H100"))));
    }

    private static KueueObject queue(KueueManifest manifest, String name) {
        return manifest.ofKind("ClusterQueue").stream()
                .filter(object -> object.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    static Map<String, Object> spec(KueueManifest manifest, String clusterQueue) {
        return manifest.ofKind("ClusterQueue").stream()
                .filter(object -> object.name().equals(clusterQueue))
                .findFirst()
                .orElseThrow()
                .spec();
    }

    static Map<String, Object> cohort(KueueManifest manifest, String name) {
        return manifest.ofKind("Cohort").stream()
                .filter(object -> object.name().equals(name))
                .findFirst()
                .orElseThrow()
                .spec();
    }

    /** Flavor name to nominal quota, in the order the ClusterQueue lists them. */
    @SuppressWarnings("unchecked")
    static Map<String, Integer> quota(KueueManifest manifest, String clusterQueue) {
        Map<String, Integer> quota = new java.util.LinkedHashMap<>();
        List<Map<String, Object>> groups =
                (List<Map<String, Object>>) spec(manifest, clusterQueue).get("resourceGroups");
        for (Map<String, Object> flavor :
                (List<Map<String, Object>>) groups.get(0).get("flavors")) {
            Map<String, Object> resource = ((List<Map<String, Object>>) flavor.get("resources")).get(0);
            quota.put((String) flavor.get("name"), (Integer) resource.get("nominalQuota"));
        }
        return quota;
    }
}
