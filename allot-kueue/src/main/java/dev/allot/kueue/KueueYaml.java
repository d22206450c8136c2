package dev.allot.kueue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes objects as YAML that {@code kubectl apply -f} accepts: one document per object, in manifest order, or one
 * file per kind numbered so that {@code kubectl apply -f DIR} (which reads files in name order) creates namespaces
 * and flavors before the queues that refer to them.
 *
 * <p>Every string is double-quoted (JSON escaping, which YAML's double-quoted style includes), so no value is ever
 * read back as another type: kubectl's YAML 1.1 reader would otherwise take {@code 2026-12-15} for a timestamp and
 * {@code on} for a boolean. The layout is the one fabric8's serializer writes; writing it directly keeps a cold
 * export free of the serializer's start-up cost.
 */
public final class KueueYaml {
    private static final List<String> KIND_ORDER =
            List.of("Namespace", "ResourceFlavor", "Cohort", "ClusterQueue", "LocalQueue");
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9._/-]*");

    private KueueYaml() {}

    /** All objects as one multi-document YAML text. */
    public static String render(List<KueueObject> objects) {
        StringBuilder yaml = new StringBuilder(objects.size() * 512);
        for (KueueObject object : objects) {
            yaml.append("---\n");
            writeMap(yaml, object.body(), 0);
        }
        return yaml.toString();
    }

    /** File name to YAML text, one file per kind, e.g. {@code 30-clusterqueues.yaml}. */
    public static Map<String, String> files(List<KueueObject> objects) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < KIND_ORDER.size(); i++) {
            String kind = KIND_ORDER.get(i);
            List<KueueObject> ofKind = objects.stream()
                    .filter(object -> object.kind().equals(kind))
                    .toList();
            if (!ofKind.isEmpty()) {
                files.put(String.format("%d0-%ss.yaml", i, kind.toLowerCase(Locale.ROOT)), render(ofKind));
            }
        }
        return files;
    }

    private static void writeMap(StringBuilder yaml, Map<?, ?> map, int indent) {
        map.forEach((key, value) -> {
            pad(yaml, indent).append(key(String.valueOf(key))).append(':');
            writeValue(yaml, value, indent);
        });
    }

    /** The value after {@code key:}; nested maps indent by two, lists stay at the key's indent. */
    private static void writeValue(StringBuilder yaml, Object value, int indent) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            yaml.append('\n');
            writeMap(yaml, map, indent + 2);
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            yaml.append('\n');
            writeList(yaml, list, indent);
        } else {
            yaml.append(' ').append(scalar(value)).append('\n');
        }
    }

    private static void writeList(StringBuilder yaml, List<?> list, int indent) {
        for (Object item : list) {
            if (item instanceof Map<?, ?> map && !map.isEmpty()) {
                int start = yaml.length();
                writeMap(yaml, map, indent + 2);
                yaml.replace(start + indent, start + indent + 2, "- ");
            } else if (item instanceof List<?> nested && !nested.isEmpty()) {
                pad(yaml, indent).append("-\n");
                writeList(yaml, nested, indent + 2);
            } else {
                pad(yaml, indent).append("- ").append(scalar(item)).append('\n');
            }
        }
    }

    private static String scalar(Object value) {
        if (value instanceof Map<?, ?>) {
            return "{}";
        }
        if (value instanceof List<?>) {
            return "[]";
        }
        if (value instanceof Number || value instanceof Boolean || value == null) {
            return String.valueOf(value);
        }
        return quoted(String.valueOf(value));
    }

    private static String key(String key) {
        return PLAIN_KEY.matcher(key).matches() ? key : quoted(key);
    }

    private static String quoted(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                case '\r' -> quoted.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    private static StringBuilder pad(StringBuilder yaml, int indent) {
        return yaml.append(" ".repeat(indent));
    }
}
