package dev.allot.kueue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectComparisonTest {
    private static Map<String, Object> flavor(String name, int gpus) {
        return Tree.map("name", name, "resources", List.of(Tree.map("name", "nvidia.com/gpu", "nominalQuota", gpus)));
    }

    private static Map<String, Object> queue(Map<String, Object> spec) {
        return Map.of("apiVersion", "kueue.x-k8s.io/v1beta2", "kind", "ClusterQueue", "spec", spec);
    }

    @SafeVarargs
    private static Map<String, Object> withFlavors(Map<String, Object>... flavors) {
        return queue(Map.of(
                "resourceGroups",
                List.of(Map.of("coveredResources", List.of("nvidia.com/gpu"), "flavors", List.of(flavors)))));
    }

    private static List<String> differences(Map<String, Object> plan, Map<String, Object> cluster) {
        return ObjectComparison.differences(plan, cluster).stream()
                .map(ObjectChange.FieldChange::describe)
                .toList();
    }

    @Test
    void flavorsAreComparedByNameNotByPosition() {
        // H100 went from 16 to 0 and A100 from 0 to 24; the plan lists flavors with quota first
        Map<String, Object> plan = withFlavors(flavor("a100", 24), flavor("h100", 0));
        Map<String, Object> cluster = withFlavors(flavor("h100", 16), flavor("a100", 0));

        assertThat(differences(plan, cluster))
                .containsExactly(
                        "spec.resourceGroups[0].flavors[a100].resources[nvidia.com/gpu].nominalQuota: cluster 0, plan"
                                + " 24",
                        "spec.resourceGroups[0].flavors[h100].resources[nvidia.com/gpu].nominalQuota: cluster 16, plan"
                                + " 0");
    }

    @Test
    void aFlavorOnlyOnOneSideIsReportedByName() {
        Map<String, Object> plan =
                queue(Map.of("resourceGroups", List.of(Map.of("flavors", List.of(flavor("a100", 8))))));
        Map<String, Object> cluster =
                queue(Map.of("resourceGroups", List.of(Map.of("flavors", List.of(flavor("h100", 8))))));
        assertThat(differences(plan, cluster))
                .containsExactly(
                        "spec.resourceGroups[0].flavors[a100]: cluster (absent), plan"
                                + " {name=a100, resources=[{name=nvidia.com/gpu, nominalQuota=8}]}",
                        "spec.resourceGroups[0].flavors[h100]: cluster"
                                + " {name=h100, resources=[{name=nvidia.com/gpu, nominalQuota=8}]}, plan (absent)");
    }

    @Test
    void everyHandAddedFieldThatChangesAdmissionIsDrift() {
        Map<String, Object> plan = queue(Map.of("stopPolicy", "None"));
        Map<String, Object> cluster = queue(Map.of(
                "stopPolicy",
                "None",
                "admissionChecks",
                List.of("manual-approval"),
                "fairSharing",
                Map.of("weight", "0")));
        assertThat(differences(plan, cluster))
                .containsExactly(
                        "spec.admissionChecks: cluster [manual-approval], plan (absent)",
                        "spec.fairSharing: cluster {weight=0}, plan (absent)");

        Map<String, Object> localQueue = Map.of("spec", Map.of("clusterQueue", "vision-rl"));
        assertThat(differences(localQueue, Map.of("spec", Map.of("clusterQueue", "vision-rl", "stopPolicy", "Hold"))))
                .containsExactly("spec.stopPolicy: cluster Hold, plan (absent)");
        assertThat(differences(localQueue, Map.of("spec", Map.of("clusterQueue", "vision-rl", "stopPolicy", "None"))))
                .isEmpty();
    }

    @Test
    void aChangedClusterQueueOfALocalQueueBreaksTheCrdsImmutabilityRule() {
        KueueObject planned = new KueueObject(
                "kueue.x-k8s.io/v1beta2",
                "LocalQueue",
                "proj-vision-rl",
                "default",
                Map.of(
                        "apiVersion",
                        "kueue.x-k8s.io/v1beta2",
                        "kind",
                        "LocalQueue",
                        "metadata",
                        Map.of("name", "default", "namespace", "proj-vision-rl"),
                        "spec",
                        Map.of("clusterQueue", "vision-rl")));
        Map<String, Object> live = Map.of(
                "apiVersion",
                "kueue.x-k8s.io/v1beta2",
                "kind",
                "LocalQueue",
                "metadata",
                Map.of("name", "default", "namespace", "proj-vision-rl"),
                "spec",
                Map.of("clusterQueue", "team-vision"));
        CrdSchemas schemas = CrdSchemas.bundled();
        assertThat(schemas.updateProblems(planned, live))
                .extracting(Problem::describe)
                .containsExactly("spec.clusterQueue: breaks rule: field is immutable");
        assertThat(schemas.updateProblems(planned, planned.body())).isEmpty();
        assertThat(schemas.uncheckedRules()).isEmpty();
    }
}
