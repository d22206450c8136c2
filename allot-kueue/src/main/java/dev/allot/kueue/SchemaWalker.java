package dev.allot.kueue;

import dev.allot.core.Problem;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a value against an OpenAPI v3 structural schema the way the Kubernetes API server does for a custom
 * resource: defaults first, then type, required fields, unknown fields (kubectl's strict field validation), enums,
 * lengths and item counts, bounds, patterns, list-map keys and the CEL rules {@link CelRules} knows.
 */
final class SchemaWalker {
    private final List<Problem> problems;
    private final Set<String> uncheckedRules;
    private final Map<String, Pattern> patterns;

    /** {@code patterns} caches compiled {@code pattern}s across walks (the same few recur in every object). */
    SchemaWalker(List<Problem> problems, Set<String> uncheckedRules, Map<String, Pattern> patterns) {
        this.problems = problems;
        this.uncheckedRules = uncheckedRules;
        this.patterns = patterns;
    }

    void check(Object value, Map<String, Object> schema, String path) {
        if (!typeMatches(value, schema, path)) {
            return;
        }
        Object self = value instanceof Map<?, ?> map ? withDefaults(map, schema) : value;
        checkScalar(self, schema, path);
        if (self instanceof Map<?, ?> map) {
            checkObject(map, schema, path);
        } else if (self instanceof List<?> list) {
            checkArray(list, schema, path);
        }
        checkRules(self, schema, path);
    }

    private boolean typeMatches(Object value, Map<String, Object> schema, String path) {
        String type = (String) schema.get("type");
        boolean valid;
        if (Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))) {
            valid = isInteger(value) || value instanceof String;
            type = "integer or string";
        } else if (type == null) {
            valid = true;
        } else {
            valid = switch (type) {
                case "object" -> value instanceof Map;
                case "array" -> value instanceof List;
                case "string" -> value instanceof String;
                case "integer" -> isInteger(value);
                case "number" -> value instanceof Number;
                case "boolean" -> value instanceof Boolean;
                default -> true;
            };
        }
        if (!valid) {
            add(path, value, "must be of type " + type);
        }
        return valid;
    }

    private void checkScalar(Object value, Map<String, Object> schema, String path) {
        if (schema.get("enum") instanceof List<?> allowed && !allowed.contains(value)) {
            add(path, value, "is not one of " + allowed);
        }
        if (value instanceof String text) {
            bound(text.length(), schema, "minLength", "maxLength", path, text, "characters");
            if (schema.get("pattern") instanceof String regex
                    && !patterns.computeIfAbsent(regex, Pattern::compile)
                            .matcher(text)
                            .find()) {
                add(path, text, "does not match pattern " + regex);
            }
        } else if (isInteger(value)) {
            long number = ((Number) value).longValue();
            if ("int32".equals(schema.get("format")) && (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE)) {
                add(path, value, "is outside the int32 range");
            }
            if (schema.get("minimum") instanceof Number min && number < min.longValue()) {
                add(path, value, "is below the minimum " + min);
            }
            if (schema.get("maximum") instanceof Number max && number > max.longValue()) {
                add(path, value, "is above the maximum " + max);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void checkObject(Map<?, ?> map, Map<String, Object> schema, String path) {
        bound(map.size(), schema, "minProperties", "maxProperties", path, "", "properties");
        if (schema.get("required") instanceof List<?> required) {
            required.stream()
                    .filter(field -> map.get(field) == null)
                    .forEach(field -> add(join(path, field), "", "is required"));
        }
        Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
        Object additional = schema.get("additionalProperties");
        boolean preserve = Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"));
        map.forEach((key, item) -> {
            String itemPath = join(path, key);
            if (properties != null && properties.get(key) instanceof Map<?, ?> property) {
                check(item, (Map<String, Object>) property, itemPath);
            } else if (additional instanceof Map<?, ?> valueSchema) {
                check(item, (Map<String, Object>) valueSchema, itemPath);
            } else if (properties != null && !preserve) {
                add(itemPath, "", "is an unknown field (kubectl's strict field validation rejects it)");
            }
        });
    }

    @SuppressWarnings("unchecked")
    private void checkArray(List<?> list, Map<String, Object> schema, String path) {
        bound(list.size(), schema, "minItems", "maxItems", path, "", "items");
        if (schema.get("items") instanceof Map<?, ?> itemSchema) {
            for (int i = 0; i < list.size(); i++) {
                check(list.get(i), (Map<String, Object>) itemSchema, path + "[" + i + "]");
            }
        }
        Object listType = schema.get("x-kubernetes-list-type");
        if ("set".equals(listType) && new HashSet<>(list).size() != list.size()) {
            add(path, list, "has duplicate items in a set");
        }
        if ("map".equals(listType) && schema.get("x-kubernetes-list-map-keys") instanceof List<?> keys) {
            Set<List<Object>> seen = new HashSet<>();
            for (Object item : list) {
                List<Object> key = keys.stream()
                        .<Object>map(k -> item instanceof Map<?, ?> m ? m.get(k) : null)
                        .toList();
                if (!seen.add(key)) {
                    add(path, key.toString(), "has two items with the same key " + keys);
                }
            }
        }
    }

    private void checkRules(Object self, Map<String, Object> schema, String path) {
        if (!(schema.get("x-kubernetes-validations") instanceof List<?> rules)) {
            return;
        }
        for (Object entry : rules) {
            Map<?, ?> rule = (Map<?, ?>) entry;
            String text = String.valueOf(rule.get("rule"));
            if (!CelRules.isKnown(text)) {
                uncheckedRules.add(text);
            } else if (!CelRules.isTransitionRule(text) && !CelRules.holds(text, self)) {
                add(path.isEmpty() ? "(root)" : path, "", "breaks rule: " + rule.get("message"));
            }
        }
    }

    /** Fills missing properties that have a schema default, as the API server does before validating. */
    @SuppressWarnings("unchecked")
    private static Map<?, ?> withDefaults(Map<?, ?> map, Map<String, Object> schema) {
        if (!(schema.get("properties") instanceof Map<?, ?> properties)) {
            return map;
        }
        Map<Object, Object> filled = null;
        for (Map.Entry<?, ?> property : properties.entrySet()) {
            Object fallback = ((Map<String, Object>) property.getValue()).get("default");
            if (fallback != null && map.get(property.getKey()) == null) {
                filled = filled == null ? new LinkedHashMap<>(map) : filled;
                filled.put(property.getKey(), fallback);
            }
        }
        return filled == null ? map : filled;
    }

    private void bound(
            long size,
            Map<String, Object> schema,
            String minKey,
            String maxKey,
            String path,
            Object value,
            String unit) {
        if (schema.get(minKey) instanceof Number min && size < min.longValue()) {
            add(path, value, "has " + size + " " + unit + ", fewer than the minimum " + min);
        }
        if (schema.get(maxKey) instanceof Number max && size > max.longValue()) {
            add(path, value, "has " + size + " " + unit + ", more than the maximum " + max);
        }
    }

    private static boolean isInteger(Object value) {
        return value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof BigInteger;
    }

    private static String join(String path, Object key) {
        return path.isEmpty() ? String.valueOf(key) : path + "." + key;
    }

    private void add(String path, Object value, String reason) {
        String shown = value instanceof Map || value instanceof List ? "" : String.valueOf(value);
        problems.add(Problem.of(path, shown, reason));
    }
}
