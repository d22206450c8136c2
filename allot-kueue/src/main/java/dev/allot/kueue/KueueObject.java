package dev.allot.kueue;

import java.util.Map;
import java.util.Objects;

/**
 * One Kubernetes object as plain data: the whole object ({@code apiVersion}, {@code kind}, {@code metadata},
 * {@code spec}) as nested maps, lists, strings and numbers, in the order it is written.
 *
 * @param namespace the namespace of a namespaced object, empty for a cluster-scoped one
 */
public record KueueObject(String apiVersion, String kind, String namespace, String name, Map<String, Object> body) {
    public KueueObject {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(kind, "kind");
        namespace = namespace == null ? "" : namespace;
        Objects.requireNonNull(name, "name");
        body = Tree.freeze(body);
    }

    /** {@code ClusterQueue/vision-rl}, or {@code LocalQueue proj-vision-rl/default} for a namespaced object. */
    public String id() {
        return kind + (namespace.isEmpty() ? "/" : " " + namespace + "/") + name;
    }

    /** The API group, empty for the core group ({@code v1}). */
    public String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** The version part of {@code apiVersion}, e.g. {@code v1beta2}. */
    public String version() {
        return apiVersion.substring(apiVersion.indexOf('/') + 1);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> spec() {
        Object spec = body.get("spec");
        return spec instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
