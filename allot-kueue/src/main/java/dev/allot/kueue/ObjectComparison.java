package dev.allot.kueue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a desired object with the live one field by field. What the plan sets is compared (the server adds
 * defaults, status and bookkeeping metadata), plus fields the server never adds, such as a {@code lendingLimit} the
 * plan no longer holds; quantities match across forms ({@code 8} and {@code "8"}).
 */
final class ObjectComparison {
    private static final Set<String> COMPARED_METADATA = Set.of("labels", "annotations");
    /**
     * Spec fields the API server never defaults and that change what is admitted where: present on the cluster but not
     * in the plan is drift (a hand-added {@code admissionChecks} stops admission).
     */
    private static final Set<String> OWNED_SPEC = Set.of(
            "resourceGroups",
            "cohortName",
            "cohort",
            "parentName",
            "nodeLabels",
            "namespaceSelector",
            "clusterQueue",
            "admissionChecks",
            "admissionChecksStrategy",
            "fairSharing",
            "nodeTaints",
            "tolerations",
            "topologyName");
    /** Spec fields the server defaults: drift when the plan leaves them out and the cluster holds another value. */
    private static final Map<String, Object> DEFAULTED_SPEC = Map.of("stopPolicy", "None");
    /** Fields below which every key is the plan's, e.g. a quota's borrowingLimit and lendingLimit. */
    private static final Set<String> EXACT = Set.of("resourceGroups", "nodeLabels", "namespaceSelector");

    private ObjectComparison() {}

    static List<ObjectChange.FieldChange> differences(Map<String, Object> desired, Map<String, Object> live) {
        List<ObjectChange.FieldChange> changes = new ArrayList<>();
        desired.forEach((key, value) -> {
            if (key.equals("metadata") && value instanceof Map<?, ?> metadata) {
                metadata.forEach((field, item) -> {
                    if (COMPARED_METADATA.contains(field)) {
                        compare("metadata." + field, item, Tree.at(live, "metadata", (String) field), false, changes);
                    }
                });
            } else if (!key.equals("apiVersion") && !key.equals("kind")) {
                compare(key, value, live.get(key), false, changes);
            }
        });
        if (desired.get("spec") instanceof Map<?, ?> planSpec && live.get("spec") instanceof Map<?, ?> clusterSpec) {
            OWNED_SPEC.stream()
                    .sorted()
                    .filter(key -> !planSpec.containsKey(key) && clusterSpec.get(key) != null)
                    .forEach(key ->
                            changes.add(new ObjectChange.FieldChange("spec." + key, clusterSpec.get(key), null)));
            DEFAULTED_SPEC.forEach((key, fallback) -> {
                Object value = clusterSpec.get(key);
                if (!planSpec.containsKey(key) && value != null && !value.equals(fallback)) {
                    changes.add(new ObjectChange.FieldChange("spec." + key, value, null));
                }
            });
        }
        return changes;
    }

    private static void compare(
            String path, Object plan, Object cluster, boolean exact, List<ObjectChange.FieldChange> changes) {
        if (plan instanceof Map<?, ?> planMap && cluster instanceof Map<?, ?> clusterMap) {
            planMap.forEach((key, item) ->
                    compare(path + "." + key, item, clusterMap.get(key), exact || EXACT.contains(key), changes));
            if (exact) {
                clusterMap.forEach((key, item) -> {
                    if (!planMap.containsKey(key) && item != null) {
                        changes.add(new ObjectChange.FieldChange(path + "." + key, item, null));
                    }
                });
            }
        } else if (plan instanceof List<?> planList
                && cluster instanceof List<?> clusterList
                && byName(planList)
                && byName(clusterList)) {
            compareByName(path, planList, clusterList, exact, changes);
        } else if (plan instanceof List<?> planList
                && cluster instanceof List<?> clusterList
                && planList.size() == clusterList.size()) {
            for (int i = 0; i < planList.size(); i++) {
                compare(path + "[" + i + "]", planList.get(i), clusterList.get(i), exact, changes);
            }
        } else if (!sameValue(plan, cluster)) {
            changes.add(new ObjectChange.FieldChange(path, cluster, plan));
        }
    }

    /** Lists of named items (flavors, resources) are compared by name: their order is not what differs. */
    private static boolean byName(List<?> list) {
        return !list.isEmpty()
                && list.stream().allMatch(item -> item instanceof Map<?, ?> map && map.get("name") != null);
    }

    private static void compareByName(
            String path, List<?> plan, List<?> cluster, boolean exact, List<ObjectChange.FieldChange> changes) {
        Map<Object, Object> live = new LinkedHashMap<>();
        cluster.forEach(item -> live.put(((Map<?, ?>) item).get("name"), item));
        for (Object item : plan) {
            Object name = ((Map<?, ?>) item).get("name");
            String itemPath = path + "[" + name + "]";
            if (live.containsKey(name)) {
                compare(itemPath, item, live.remove(name), exact, changes);
            } else {
                changes.add(new ObjectChange.FieldChange(itemPath, null, item));
            }
        }
        live.forEach((name, item) -> changes.add(new ObjectChange.FieldChange(path + "[" + name + "]", item, null)));
    }

    private static boolean sameValue(Object plan, Object cluster) {
        if (plan == null || cluster == null) {
            return plan == cluster || plan instanceof Map<?, ?> map && map.isEmpty();
        }
        if (plan instanceof Number || cluster instanceof Number) {
            return String.valueOf(plan).equals(String.valueOf(cluster));
        }
        return plan.equals(cluster);
    }
}
