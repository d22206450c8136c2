package dev.allot.kueue;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes objects as YAML that {@code kubectl apply -f} accepts: one document per object, in manifest order, or one
 * file per kind numbered so that {@code kubectl apply -f DIR} (which reads files in name order) creates namespaces
 * and flavors before the queues that refer to them.
 */
public final class KueueYaml {
    private static final List<String> KIND_ORDER =
            List.of("Namespace", "ResourceFlavor", "Cohort", "ClusterQueue", "LocalQueue");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private KueueYaml() {}

    /** All objects as one multi-document YAML text. */
    public static String render(List<KueueObject> objects) {
        StringBuilder yaml = new StringBuilder();
        for (KueueObject object : objects) {
            String document = SERIALIZATION.asYaml(object.body());
            yaml.append(document.startsWith("---") ? "" : "---\n").append(document);
            if (!document.endsWith("\n")) {
                yaml.append('\n');
            }
        }
        return yaml.toString();
    }

    /** File name to YAML text, one file per kind, e.g. {@code 30-clusterqueues.yaml}. */
    public static Map<String, String> files(List<KueueObject> objects) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < KIND_ORDER.size(); i++) {
            String kind = KIND_ORDER.get(i);
            List<KueueObject> ofKind = objects.stream().filter(object -> object.kind().equals(kind)).toList();
            if (!ofKind.isEmpty()) {
                files.put(String.format("%d0-%ss.yaml", i, kind.toLowerCase(java.util.Locale.ROOT)), render(ofKind));
            }
        }
        return files;
    }
}
