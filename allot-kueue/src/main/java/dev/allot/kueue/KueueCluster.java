package dev.allot.kueue;

import dev.allot.core.AllotException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Kubernetes cluster running Kueue, reached through the usual kubeconfig or in-cluster configuration. Computes
 * the {@link ClusterDiff} between a manifest and the cluster, and applies a manifest with server-side apply under
 * one field manager. Apply writes only objects that differ, so applying the same plan twice writes nothing.
 */
public final class KueueCluster implements AutoCloseable {
    /** Kinds Allot writes, in apply order, with their plural resource names. */
    private static final Map<String, String> PLURALS = Map.of(
            "Namespace",
            "namespaces",
            "ResourceFlavor",
            "resourceflavors",
            "Cohort",
            "cohorts",
            "ClusterQueue",
            "clusterqueues",
            "LocalQueue",
            "localqueues");

    private static final List<String> PRUNE_ORDER = List.of("LocalQueue", "ClusterQueue", "Cohort", "ResourceFlavor");

    private static final CrdSchemas SCHEMAS = CrdSchemas.bundled();

    private final KubernetesClient client;
    private final String fieldManager;
    private final ApplyMode mode;
    private final KubernetesSerialization serialization;

    public KueueCluster(KubernetesClient client, String fieldManager, ApplyMode mode) {
        this.client = client;
        this.fieldManager = fieldManager;
        this.mode = mode;
        this.serialization = client.getKubernetesSerialization();
    }

    /** Connects with the kubeconfig ({@code KUBECONFIG}, {@code ~/.kube/config}) or the in-cluster service account. */
    public static KueueCluster connect(String fieldManager, ApplyMode mode) {
        return new KueueCluster(new KubernetesClientBuilder().build(), fieldManager, mode);
    }

    /** What apply would do: every planned object compared with the cluster, plus Allot's objects not in the plan. */
    public ClusterDiff diff(KueueManifest manifest) {
        List<ObjectChange> changes = new ArrayList<>();
        Set<String> planned = new HashSet<>();
        for (KueueObject object : manifest.objects()) {
            planned.add(object.id());
            GenericKubernetesResource live =
                    call(object, "read", () -> resource(object).get());
            if (live == null) {
                changes.add(new ObjectChange(ObjectChange.Action.CREATE, object, List.of()));
            } else {
                Map<String, Object> liveBody = toMap(live);
                var fields = ObjectComparison.differences(object.body(), liveBody);
                ObjectChange.Action action = fields.isEmpty()
                        ? ObjectChange.Action.UNCHANGED
                        : SCHEMAS.updateProblems(object, liveBody).isEmpty()
                                ? ObjectChange.Action.UPDATE
                                : ObjectChange.Action.RECREATE;
                changes.add(new ObjectChange(action, object, fields));
            }
        }
        for (KueueObject extra : managedObjects(manifest.apiVersion())) {
            if (!planned.contains(extra.id())) {
                changes.add(new ObjectChange(ObjectChange.Action.EXTRA, extra, List.of()));
            }
        }
        return new ClusterDiff(changes);
    }

    /**
     * Creates what is missing and updates what differs. By server-side apply (the default), Allot's field manager owns
     * every field it writes, forcing conflicts, so a hand edit is taken back and a field the plan drops is removed.
     * With
     * {@code prune}, also deletes Allot's Kueue objects the plan no longer holds; namespaces are never deleted.
     *
     * @return the diff that was applied
     */
    public ClusterDiff apply(KueueManifest manifest, boolean prune) {
        return apply(diff(manifest), prune);
    }

    /** Applies a diff computed (and shown) before; objects to re-create are deleted, then created. */
    public ClusterDiff apply(ClusterDiff diff, boolean prune) {
        for (ObjectChange change : diff.of(ObjectChange.Action.RECREATE)) {
            KueueObject object = change.object();
            call(object, "delete", () -> resource(object).delete());
            call(object, "create", () -> resource(object).create());
        }
        for (ObjectChange change : diff.changes()) {
            KueueObject object = change.object();
            boolean write =
                    change.action() == ObjectChange.Action.CREATE || change.action() == ObjectChange.Action.UPDATE;
            if (write && mode == ApplyMode.SERVER_SIDE) {
                call(
                        object,
                        "apply",
                        () -> resource(object)
                                .fieldManager(fieldManager)
                                .forceConflicts()
                                .serverSideApply());
            } else if (change.action() == ObjectChange.Action.CREATE) {
                call(object, "create", () -> resource(object).create());
            } else if (change.action() == ObjectChange.Action.UPDATE) {
                call(object, "replace", () -> replace(object));
            }
        }
        if (prune) {
            for (String kind : PRUNE_ORDER) {
                diff.of(ObjectChange.Action.EXTRA).stream()
                        .map(ObjectChange::object)
                        .filter(object -> object.kind().equals(kind))
                        .forEach(object ->
                                call(object, "delete", () -> resource(object).delete()));
            }
        }
        return diff;
    }

    /** The live object with the planned spec, labels and annotations laid over it, written back. */
    @SuppressWarnings("unchecked")
    private GenericKubernetesResource replace(KueueObject object) {
        GenericKubernetesResource live = resource(object).get();
        Map<String, Object> merged = new java.util.LinkedHashMap<>(toMap(live));
        Map<String, Object> metadata = new java.util.LinkedHashMap<>((Map<String, Object>) merged.get("metadata"));
        for (String field : List.of("labels", "annotations")) {
            Map<String, Object> values = new java.util.LinkedHashMap<>();
            if (metadata.get(field) instanceof Map<?, ?> existing) {
                values.putAll((Map<String, Object>) existing);
            }
            if (Tree.at(object.body(), "metadata", field) instanceof Map<?, ?> planned) {
                values.putAll((Map<String, Object>) planned);
            }
            metadata.put(field, values);
        }
        merged.put("metadata", metadata);
        if (object.body().containsKey("spec")) {
            merged.put("spec", object.body().get("spec"));
        }
        var operation = client.genericKubernetesResources(context(object.apiVersion(), object.kind()));
        GenericKubernetesResource body = serialization.convertValue(merged, GenericKubernetesResource.class);
        return (object.namespace().isEmpty()
                        ? operation.resource(body)
                        : operation.inNamespace(object.namespace()).resource(body))
                .update();
    }

    private List<KueueObject> managedObjects(KueueApiVersion version) {
        List<KueueObject> objects = new ArrayList<>();
        for (String kind : List.of("ResourceFlavor", "Cohort", "ClusterQueue", "LocalQueue")) {
            MixedOperation<
                            GenericKubernetesResource,
                            GenericKubernetesResourceList,
                            Resource<GenericKubernetesResource>>
                    operation = client.genericKubernetesResources(context(version.apiVersion(), kind));
            GenericKubernetesResourceList list = call(
                    kind,
                    "list",
                    () -> (kind.equals("LocalQueue") ? operation.inAnyNamespace() : operation)
                            .withLabel(KueueCompiler.MANAGED_BY_LABEL, KueueCompiler.MANAGED_BY)
                            .list());
            for (GenericKubernetesResource item : list.getItems()) {
                objects.add(new KueueObject(
                        version.apiVersion(),
                        kind,
                        item.getMetadata().getNamespace(),
                        item.getMetadata().getName(),
                        toMap(item)));
            }
        }
        return objects;
    }

    private Resource<GenericKubernetesResource> resource(KueueObject object) {
        var operation = client.genericKubernetesResources(context(object.apiVersion(), object.kind()));
        GenericKubernetesResource body = serialization.convertValue(object.body(), GenericKubernetesResource.class);
        return object.namespace().isEmpty()
                ? operation.resource(body)
                : operation.inNamespace(object.namespace()).resource(body);
    }

    static ResourceDefinitionContext context(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        return new ResourceDefinitionContext.Builder()
                .withGroup(slash < 0 ? "" : apiVersion.substring(0, slash))
                .withVersion(apiVersion.substring(slash + 1))
                .withKind(kind)
                .withPlural(PLURALS.get(kind))
                .withNamespaced(kind.equals("LocalQueue"))
                .build();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> toMap(GenericKubernetesResource resource) {
        return serialization.convertValue(resource, Map.class);
    }

    private <T> T call(KueueObject object, String action, java.util.function.Supplier<T> request) {
        return call(object.id(), action, request);
    }

    private <T> T call(String what, String action, java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            if (e.getCode() <= 0) {
                Throwable cause = e;
                while (cause.getCause() != null && cause.getCause() != cause) {
                    cause = cause.getCause();
                }
                throw new AllotException(
                        AllotException.Kind.UNAVAILABLE,
                        "kueue.unreachable",
                        "Cannot reach the"
                                + " Kubernetes API server at " + client.getMasterUrl() + " to " + action + " " + what
                                + ": "
                                + cause.getMessage() + ". Maybe check KUBECONFIG or --context?",
                        List.of(),
                        e);
            }
            String reason = e.getStatus() != null && e.getStatus().getMessage() != null
                    ? e.getStatus().getMessage()
                    : e.getMessage();
            AllotException.Kind kind = switch (e.getCode()) {
                case 401, 403 -> AllotException.Kind.FORBIDDEN;
                case 404 -> AllotException.Kind.NOT_FOUND;
                case 409 -> AllotException.Kind.CONFLICT;
                case 400, 422 -> AllotException.Kind.INVALID_INPUT;
                default -> AllotException.Kind.INTERNAL;
            };
            throw new AllotException(
                    kind,
                    "kueue.cluster",
                    "Kubernetes refused to " + action
                            + " " + what + " (HTTP " + e.getCode() + "): " + reason
                            + ". Maybe check that Kueue's CRDs are installed and that your kubeconfig user may "
                            + action
                            + " it?",
                    List.of(),
                    e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
