package dev.allot.lab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.allot.core.rules.Suggest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/** A YAML mapping at a known path, with its allowed keys; reads typed values and records problems. */
final class YamlObject {
    private final JsonNode node;
    private final String path;
    private final Problems problems;
    private final Set<String> misspelt;

    private YamlObject(JsonNode node, String path, Problems problems, Set<String> misspelt) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        this.misspelt = misspelt;
    }

    /** The mapping at {@code path}, or {@code null} (after recording a problem) when it is something else. */
    static YamlObject of(JsonNode node, String path, Problems problems, List<String> knownKeys) {
        if (node == null || !node.isObject()) {
            problems.add(
                    path.isEmpty() ? "(file)" : path,
                    node,
                    "expected a mapping with the keys " + String.join(", ", knownKeys),
                    "");
            return null;
        }
        Set<String> misspelt = new HashSet<>();
        node.fieldNames().forEachRemaining(key -> {
            if (!knownKeys.contains(key)) {
                String closest = Suggest.closest(key, knownKeys).orElse(null);
                problems.add(
                        join(path, key),
                        "",
                        "unknown key",
                        closest == null
                                ? "Maybe remove it? Known keys: " + String.join(", ", knownKeys)
                                : "Maybe " + closest + "?");
                misspelt.add(closest);
            }
        });
        return new YamlObject(node, path, problems, misspelt);
    }

    /**
     * Visits the mappings of a list in order, each at {@code path[i]}; items that are not mappings are problems and
     * skipped. Each item is checked just before it is visited, so problems come out in file order.
     */
    static void each(
            List<JsonNode> items,
            String path,
            Problems problems,
            List<String> knownKeys,
            Consumer<YamlObject> visitor) {
        for (int i = 0; i < items.size(); i++) {
            YamlObject item = of(items.get(i), path + "[" + i + "]", problems, knownKeys);
            if (item != null) {
                visitor.accept(item);
            }
        }
    }

    static String join(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    String path() {
        return path;
    }

    String path(String key) {
        return join(path, key);
    }

    /** The value under {@code key}; {@code null} when absent or written empty. */
    JsonNode value(String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value;
    }

    boolean has(String key) {
        return value(key) != null;
    }

    /** Reads a value with {@code reader}; a missing required key is a problem, a missing optional one gives null. */
    <T> T read(String key, boolean required, Reader<T> reader) {
        JsonNode value = value(key);
        if (value == null) {
            missing(key, required);
            return null;
        }
        return reader.read(value, path(key), problems);
    }

    String text(String key, boolean required) {
        return read(key, required, Scalars::text);
    }

    Integer count(String key, boolean required) {
        return read(key, required, Scalars::count);
    }

    /** A missing required key is a problem, unless it was reported already as misspelt. */
    private void missing(String key, boolean required) {
        if (required && !misspelt.contains(key)) {
            problems.add(path(key), "", "required key '" + key + "' is missing", "");
        }
    }

    /** Items of a sequence with their paths; empty (after a problem when required) when absent. */
    List<JsonNode> list(String key, boolean required) {
        JsonNode value = value(key);
        if (value == null) {
            missing(key, required);
            return List.of();
        }
        if (!value.isArray()) {
            problems.add(path(key), value, "expected a list", "Maybe start each item with '- '?");
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>();
        value.elements().forEachRemaining(items::add);
        return items;
    }

    /** Entries of a mapping such as {@code {H100: 64}}, in file order, with values converted by {@code reader}. */
    <T> Map<String, T> map(String key, Reader<T> reader) {
        JsonNode value = value(key);
        Map<String, T> entries = new LinkedHashMap<>();
        if (value == null) {
            return entries;
        }
        if (!value.isObject()) {
            problems.add(path(key), value, "expected a mapping of names to values", "");
            return entries;
        }
        value.fields().forEachRemaining(entry -> {
            T converted = reader.read(entry.getValue(), join(path(key), entry.getKey()), problems);
            if (converted != null) {
                entries.put(entry.getKey(), converted);
            }
        });
        return entries;
    }

    /** An enumerated value written in lower case, e.g. {@code granularity: node}. */
    <E extends Enum<E>> E choice(String key, Class<E> type, E fallback, Function<E, String> label) {
        String text = text(key, false);
        if (text == null) {
            return has(key) ? null : fallback;
        }
        List<String> labels = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            if (label.apply(constant).equals(text)) {
                return constant;
            }
            labels.add(label.apply(constant));
        }
        problems.add(
                path(key),
                text,
                "is not one of " + String.join(", ", labels),
                Suggest.closest(text, labels)
                        .map(closest -> "Maybe " + closest + "?")
                        .orElse(""));
        return null;
    }

    /** Converts one YAML value, recording a problem and returning null when it does not fit. */
    @FunctionalInterface
    interface Reader<T> {
        T read(JsonNode node, String path, Problems problems);
    }
}
