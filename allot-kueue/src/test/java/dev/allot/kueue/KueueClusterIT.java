package dev.allot.kueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.allot.core.AllotException;
import dev.allot.core.model.Allocation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Apply, diff and drift against fabric8's mock API server in CRUD mode (it stores what it is sent). The mock server
 * does not implement server-side apply, so these tests update by {@link ApplyMode#REPLACE};
 * {@link KueueServerSideApplyIT} checks the server-side apply requests.
 */
@EnableKubernetesMockClient(crud = true)
class KueueClusterIT {
    static KubernetesClient client;

    private KueueCluster cluster;
    private final TestPlans small = TestPlans.small();

    @BeforeEach
    void connectToAnEmptyCluster() {
        for (String kind : List.of("LocalQueue", "ClusterQueue", "Cohort", "ResourceFlavor", "Namespace")) {
            var operation = operation(kind);
            (kind.equals("LocalQueue") ? operation.inAnyNamespace() : operation).delete();
        }
        cluster = new KueueCluster(client, "allot", ApplyMode.REPLACE);
    }

    private KueueManifest manifest(TestPlans plans, LocalDate asOf) {
        return KueueCompiler.compile(plans.build(), plans.plan(), KueueConfig.defaults(), asOf);
    }

    @Test
    void applyCreatesEveryObjectAndApplyingAgainWritesNothing() {
        KueueManifest manifest = manifest(small, TestPlans.YIELD_BY);
        ClusterDiff first = cluster.apply(manifest, false);
        assertThat(first.of(ObjectChange.Action.CREATE))
                .hasSize(manifest.objects().size());
        Map<String, String> versions = resourceVersions(manifest);

        ClusterDiff second = cluster.apply(manifest, false);

        assertThat(second.hasDrift()).isFalse();
        assertThat(second.of(ObjectChange.Action.UNCHANGED))
                .hasSize(manifest.objects().size());
        assertThat(resourceVersions(manifest)).isEqualTo(versions);
        assertThat(live("ClusterQueue", "", "vision-rl")
                        .getAdditionalProperties()
                        .toString())
                .contains("cohortName=allot-exploratory")
                .contains("nominalQuota=48");
    }

    @Test
    void aQuotaEditedByHandIsReportedAsDriftAndRestoredByApply() {
        KueueManifest manifest = manifest(small, TestPlans.YIELD_BY);
        cluster.apply(manifest, false);
        editByHand("vision-rl", "\"nominalQuota\":48", "\"nominalQuota\":\"64\"");
        editByHand("vision-rl", "\"stopPolicy\":\"None\"", "\"stopPolicy\":\"Hold\"");

        ClusterDiff drift = cluster.diff(manifest);

        assertThat(drift.of(ObjectChange.Action.UPDATE)).singleElement().satisfies(change -> {
            assertThat(change.object().id()).isEqualTo("ClusterQueue/vision-rl");
            assertThat(change.fields())
                    .extracting(ObjectChange.FieldChange::describe)
                    .containsExactly(
                            "spec.stopPolicy: cluster Hold, plan None",
                            "spec.resourceGroups[0].flavors[h100].resources[nvidia.com/gpu].nominalQuota: cluster 64, plan 48");
        });
        assertThat(drift.render("Kueue drift"))
                .startsWith("Kueue drift: 0 to create, 1 to update, 0 extra, "
                        + (manifest.objects().size() - 1) + " as planned\n"
                        + "  ~ ClusterQueue/vision-rl\n      spec.stopPolicy: cluster Hold, plan None\n");
        cluster.apply(manifest, false);
        assertThat(cluster.diff(manifest).hasDrift()).isFalse();
    }

    @Test
    void limitsAndCohortsThePlanDoesNotHoldAreDriftAndReplaceRemovesThem() {
        KueueManifest manifest = manifest(small, TestPlans.YIELD_BY);
        cluster.apply(manifest, false);
        editByHand("safety-evals", "\"nominalQuota\":8", "\"nominalQuota\":8,\"lendingLimit\":\"0\"");
        GenericKubernetesResource cohort = live("Cohort", "", "allot-safety");
        cohort.getAdditionalProperties().put("spec", Map.of("parentName", "allot", "resourceGroups", List.of()));
        operation("Cohort").resource(cohort).update();

        ClusterDiff drift = cluster.diff(manifest);

        assertThat(drift.of(ObjectChange.Action.UPDATE))
                .flatExtracting(ObjectChange::fields)
                .extracting(ObjectChange.FieldChange::describe)
                .containsExactlyInAnyOrder(
                        "spec.resourceGroups[0].flavors[h100].resources[nvidia.com/gpu].lendingLimit: cluster 0, plan (absent)",
                        "spec.resourceGroups: cluster [], plan (absent)");
        cluster.apply(manifest, false);
        assertThat(cluster.diff(manifest).hasDrift()).isFalse();
    }

    @Test
    void theYieldDateShrinksTheQuotaAndHoldsTheKilledProject() {
        cluster.apply(manifest(small, TestPlans.YIELD_BY.minusDays(1)), false);
        ClusterDiff onTheDate = cluster.apply(manifest(small, TestPlans.YIELD_BY), false);

        assertThat(onTheDate.of(ObjectChange.Action.UPDATE))
                .extracting(change -> change.object().id())
                .containsExactlyInAnyOrder(
                        "Cohort/allot-product", "ClusterQueue/llm-pretrain", "ClusterQueue/old-agents");
        assertThat(live("ClusterQueue", "", "old-agents")
                        .getAdditionalProperties()
                        .toString())
                .contains("stopPolicy=HoldAndDrain");
        assertThat(cluster.diff(manifest(small, TestPlans.YIELD_BY)).hasDrift()).isFalse();
    }

    @Test
    void objectsThePlanNoLongerHoldsAreExtraAndPrunedButNamespacesStay() {
        cluster.apply(manifest(small, TestPlans.YIELD_BY), false);
        TestPlans smaller = TestPlans.lab()
                .gpuType("H100", 1.0, 128)
                .gpuType("A100", 0.5, 64)
                .project("vision-rl", "exploratory", Allocation.of("H100", 32), TestPlans.alloc(48, 16));
        KueueManifest next = manifest(smaller, TestPlans.YIELD_BY);

        ClusterDiff diff = cluster.apply(next, true);

        assertThat(diff.of(ObjectChange.Action.EXTRA))
                .extracting(change -> change.object().id())
                .contains("ClusterQueue/llm-pretrain", "LocalQueue proj-llm-pretrain/default", "Cohort/allot-product");
        assertThat(live("ClusterQueue", "", "llm-pretrain")).isNull();
        assertThat(live("LocalQueue", "proj-llm-pretrain", "default")).isNull();
        assertThat(client.namespaces().withName("proj-llm-pretrain").get()).isNotNull();
        assertThat(cluster.diff(next).hasDrift()).isFalse();
    }

    @Test
    void aPlanThatWouldDeleteMoreThanTheCapIsRefusedBeforeAnythingIsDeleted() {
        cluster.apply(manifest(small, TestPlans.YIELD_BY), false);
        TestPlans smaller = TestPlans.lab()
                .gpuType("H100", 1.0, 128)
                .gpuType("A100", 0.5, 64)
                .project("vision-rl", "exploratory", Allocation.of("H100", 32), TestPlans.alloc(48, 16));
        ClusterDiff diff = cluster.diff(manifest(smaller, TestPlans.YIELD_BY));
        assertThat(diff.deletions(true)).isGreaterThan(diff.defaultMaxDeletions());
        assertThat(diff.defaultMaxDeletions()).isEqualTo(Math.max(1, diff.managedObjects() * 5 / 100));

        assertThatThrownBy(() -> diff.checkDeletions(true, diff.defaultMaxDeletions()))
                .isInstanceOf(AllotException.class)
                .hasMessageStartingWith("Apply would delete " + diff.deletions(true) + " of the "
                        + diff.managedObjects() + " objects Allot manages on the cluster, more than --max-deletions 1;"
                        + " nothing was changed.");
        diff.checkDeletions(false, diff.defaultMaxDeletions());
        assertThat(live("ClusterQueue", "", "llm-pretrain")).isNotNull();
    }

    @Test
    void aHandAddedAdmissionCheckIsDriftAndApplyRemovesIt() {
        KueueManifest manifest = manifest(small, TestPlans.YIELD_BY);
        cluster.apply(manifest, false);
        editByHand(
                "vision-rl", "\"stopPolicy\":\"None\"", "\"stopPolicy\":\"None\",\"admissionChecks\":[\"hold-all\"]");

        ClusterDiff drift = cluster.diff(manifest);

        assertThat(drift.of(ObjectChange.Action.UPDATE))
                .flatExtracting(ObjectChange::fields)
                .extracting(ObjectChange.FieldChange::describe)
                .containsExactly("spec.admissionChecks: cluster [hold-all], plan (absent)");
        cluster.apply(manifest, false);
        assertThat(cluster.diff(manifest).hasDrift()).isFalse();
    }

    @Test
    void aLocalQueuePointingElsewhereNeedsDeleteAndRecreate() {
        KueueManifest manifest = manifest(small, TestPlans.YIELD_BY);
        cluster.apply(manifest, false);
        GenericKubernetesResource queue = live("LocalQueue", "proj-vision-rl", "default");
        queue.getAdditionalProperties().put("spec", Map.of("clusterQueue", "someone-else"));
        operation("LocalQueue").inNamespace("proj-vision-rl").resource(queue).update();

        ClusterDiff drift = cluster.diff(manifest);

        assertThat(drift.of(ObjectChange.Action.RECREATE))
                .singleElement()
                .satisfies(change -> assertThat(change.object().id()).isEqualTo("LocalQueue proj-vision-rl/default"));
        assertThat(drift.deletions(false)).isEqualTo(1);
        assertThat(drift.render("Kueue drift"))
                .contains("1 to delete and re-create")
                .contains("  ! LocalQueue proj-vision-rl/default (a field that cannot be changed differs: apply"
                        + " deletes and re-creates it)\n      spec.clusterQueue: cluster someone-else, plan vision-rl");
        cluster.apply(drift, false);
        assertThat(cluster.diff(manifest).hasDrift()).isFalse();
    }

    /** Changes a ClusterQueue on the cluster the way kubectl edit would, by replacing text in its JSON. */
    private void editByHand(String clusterQueue, String from, String to) {
        String json = client.getKubernetesSerialization().asJson(live("ClusterQueue", "", clusterQueue));
        assertThat(json).contains(from);
        operation("ClusterQueue")
                .resource(client.getKubernetesSerialization()
                        .unmarshal(json.replace(from, to), GenericKubernetesResource.class))
                .update();
    }

    private Map<String, String> resourceVersions(KueueManifest manifest) {
        return manifest.objects().stream()
                .collect(Collectors.toMap(
                        KueueObject::id,
                        object -> live(object.kind(), object.namespace(), object.name())
                                .getMetadata()
                                .getResourceVersion()));
    }

    private GenericKubernetesResource live(String kind, String namespace, String name) {
        var operation = operation(kind);
        return (namespace.isEmpty()
                        ? operation.withName(name)
                        : operation.inNamespace(namespace).withName(name))
                .get();
    }

    private static io.fabric8.kubernetes.client.dsl.MixedOperation<
                    GenericKubernetesResource,
                    io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
                    io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>>
            operation(String kind) {
        String apiVersion = kind.equals("Namespace") ? "v1" : KueueApiVersion.V1BETA2.apiVersion();
        return client.genericKubernetesResources(KueueCluster.context(apiVersion, kind));
    }
}
