package dev.allot.kueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.allot.core.AllotException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The requests Allot sends to a real API server, checked against fabric8's mock server in expectation mode. */
@EnableKubernetesMockClient
class KueueServerSideApplyIT {
    private static final String PATH = "/apis/kueue.x-k8s.io/v1beta2/clusterqueues/vision-rl";

    static KubernetesClient client;
    static KubernetesMockServer server;

    private final KueueObject planned = KueueCompiler.compile(
                    TestPlans.small().build(), TestPlans.small().plan(), KueueConfig.defaults(), TestPlans.YIELD_BY)
            .ofKind("ClusterQueue")
            .get(0);

    @BeforeEach
    void forgetExpectations() {
        server.clearExpectations();
    }

    @Test
    void aChangedObjectIsServerSideAppliedUnderAllotsFieldManagerForcingConflicts() throws Exception {
        expectEmptyLists();
        server.expect().get().withPath(PATH).andReturn(200, live(24)).always();
        server.expect()
                .patch()
                .withPath(PATH + "?fieldManager=allot&force=true")
                .andReturn(200, live(48))
                .once();
        KueueManifest manifest =
                new KueueManifest(TestPlans.YIELD_BY, KueueApiVersion.V1BETA2, List.of(planned), List.of());

        ClusterDiff applied = new KueueCluster(client, "allot", ApplyMode.SERVER_SIDE).apply(manifest, false);

        assertThat(applied.of(ObjectChange.Action.UPDATE))
                .singleElement()
                .satisfies(
                        change -> assertThat(change.fields())
                                .extracting(ObjectChange.FieldChange::describe)
                                .containsExactly(
                                        "spec.resourceGroups[0].flavors[h100].resources[nvidia.com/gpu].nominalQuota: cluster 24, plan 48"));
        RecordedRequest patch = server.getLastRequest();
        assertThat(patch.getMethod()).isEqualTo("PATCH");
        assertThat(patch.getPath()).isEqualTo(PATH + "?fieldManager=allot&force=true");
        assertThat(patch.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
        Map<?, ?> sent = client.getKubernetesSerialization().unmarshal(patch.getUtf8Body(), Map.class);
        assertThat(sent).isEqualTo(client.getKubernetesSerialization().convertValue(planned.body(), Map.class));
    }

    @Test
    void aRefusalNamesTheObjectTheStatusAndAHint() {
        server.expect()
                .get()
                .withPath(PATH)
                .andReturn(
                        403,
                        Map.of(
                                "kind",
                                "Status",
                                "apiVersion",
                                "v1",
                                "status",
                                "Failure",
                                "code",
                                403,
                                "message",
                                "clusterqueues is forbidden"))
                .always();
        KueueManifest manifest =
                new KueueManifest(TestPlans.YIELD_BY, KueueApiVersion.V1BETA2, List.of(planned), List.of());

        assertThatThrownBy(() -> new KueueCluster(client, "allot", ApplyMode.SERVER_SIDE).diff(manifest))
                .isInstanceOf(AllotException.class)
                .hasMessageStartingWith("Kubernetes refused to read ClusterQueue/vision-rl (HTTP 403): clusterqueues"
                        + " is forbidden. Maybe")
                .extracting(e -> ((AllotException) e).kind())
                .isEqualTo(AllotException.Kind.FORBIDDEN);
    }

    private GenericKubernetesResource live(int h100) {
        String json = client.getKubernetesSerialization()
                .asJson(planned.body())
                .replace("\"nominalQuota\":48", "\"nominalQuota\":\"" + h100 + "\"");
        return client.getKubernetesSerialization().unmarshal(json, GenericKubernetesResource.class);
    }

    private static void expectEmptyLists() {
        for (String plural : List.of("resourceflavors", "cohorts", "clusterqueues", "localqueues")) {
            server.expect()
                    .get()
                    .withPath("/apis/kueue.x-k8s.io/v1beta2/" + plural
                            + "?labelSelector=app.kubernetes.io%2Fmanaged-by%3Dallot")
                    .andReturn(200, new GenericKubernetesResourceList())
                    .always();
        }
    }
}
