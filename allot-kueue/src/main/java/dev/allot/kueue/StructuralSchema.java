package dev.allot.kueue;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.allot.core.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One served version of a CRD: its structural (OpenAPI v3) schema, checked the way the Kubernetes API server checks a
 * custom resource on create. Defaults are filled in first; the JSON Schema keywords (types, required fields, enums,
 * lengths, bounds, patterns, {@code anyOf}) are checked by networknt's validator, with every object that lists its
 * properties closed to unknown fields, as kubectl's strict field validation does; the Kubernetes extensions (list-map
 * keys, {@code x-kubernetes-validations} CEL rules) are checked here.
 */
final class StructuralSchema {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);

    private final Map<String, Object> openApi;
    private final Schema jsonSchema;

    StructuralSchema(Map<String, Object> openApi) {
        this.openApi = openApi;
        this.jsonSchema = REGISTRY.getSchema(MAPPER.valueToTree(asJsonSchema(openApi)));
    }

    Map<String, Object> openApi() {
        return openApi;
    }

    /** Adds every problem of {@code body} to {@code problems}; CEL rules that could not run go to {@code failedRules}. */
    void check(Map<String, Object> body, CelRules rules, List<Problem> problems, Set<String> failedRules) {
        Object defaulted = withDefaults(body, openApi);
        JsonNode node = MAPPER.valueToTree(defaulted);
        for (Error error : jsonSchema.validate(node)) {
            problems.add(describe(error));
        }
        new Extensions(rules, problems, failedRules, false).check(defaulted, null, openApi, "");
    }

    /**
     * Adds a problem for every transition rule ({@code oldSelf}) that {@code body} breaks as an update of {@code live},
     * such as "field is immutable": such an object cannot be updated, only deleted and created again.
     */
    void checkUpdate(
            Map<String, Object> body,
            Map<String, Object> live,
            CelRules rules,
            List<Problem> problems,
            Set<String> failedRules) {
        new Extensions(rules, problems, failedRules, true).check(withDefaults(body, openApi), live, openApi, "");
    }

    /**
     * The OpenAPI schema as a JSON Schema: objects that list properties reject others (unless they preserve unknown
     * fields), and the Kubernetes extensions, checked by {@link Extensions}, are left out.
     */
    private static Object asJsonSchema(Object schema) {
        if (schema instanceof List<?> list) {
            return list.stream().map(StructuralSchema::asJsonSchema).toList();
        }
        if (!(schema instanceof Map<?, ?> map)) {
            return schema;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            String name = String.valueOf(key);
            if (name.startsWith("x-kubernetes-") || name.equals("nullable")) {
                return;
            }
            boolean literal = name.equals("enum") || name.equals("default") || name.equals("required");
            if (name.equals("properties") && value instanceof Map<?, ?> properties) {
                Map<String, Object> converted = new LinkedHashMap<>();
                properties.forEach((property, sub) -> converted.put(String.valueOf(property), asJsonSchema(sub)));
                copy.put(name, converted);
            } else {
                copy.put(name, literal ? value : asJsonSchema(value));
            }
        });
        if (map.containsKey("properties")
                && !map.containsKey("additionalProperties")
                && !Boolean.TRUE.equals(map.get("x-kubernetes-preserve-unknown-fields"))) {
            copy.put("additionalProperties", false);
        }
        return copy;
    }

    private static Problem describe(Error error) {
        String path = path(error.getInstanceLocation());
        JsonNode instance = error.getInstanceNode();
        String value = instance == null || instance.isContainer() || instance.isNull()
                ? ""
                : instance.isString() ? instance.asString() : instance.toString();
        JsonNode schema = error.getSchemaNode();
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        String property = error.getProperty();
        return switch (keyword) {
            case "required" -> Problem.of(join(path, property), "", "is required");
            case "additionalProperties" ->
                Problem.of(
                        join(path, property), "", "is an unknown field (kubectl's strict field validation rejects it)");
            case "enum" -> Problem.of(path, value, "is not one of " + literalList(schema));
            case "pattern" -> Problem.of(path, value, "does not match pattern " + schema.asString());
            case "maxItems", "minItems" ->
                Problem.of(path, "", "has " + instance.size() + " items, " + bound(keyword) + " " + schema);
            case "maxLength", "minLength" ->
                Problem.of(
                        path,
                        value,
                        "has " + value.codePointCount(0, value.length()) + " characters, " + bound(keyword) + " "
                                + schema);
            case "maximum" -> Problem.of(path, value, "is above the maximum " + schema);
            case "minimum" -> Problem.of(path, value, "is below the minimum " + schema);
            case "type" -> Problem.of(path, value, "must be of type " + schema.asString());
            case "anyOf" -> Problem.of(path, value, "must be of type integer or string");
            default -> Problem.of(path, value, error.getMessage());
        };
    }

    private static String bound(String keyword) {
        return keyword.startsWith("max") ? "more than the maximum" : "fewer than the minimum";
    }

    private static String literalList(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(item -> items.add(item.isString() ? item.asString() : item.toString()));
        return items.toString();
    }

    /** {@code spec.resourceGroups[0].flavors}, from a node path such as {@code $.spec.resourceGroups[0].flavors}. */
    private static String path(NodePath location) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(element);
            }
        }
        return path.toString();
    }

    static String join(String path, Object key) {
        return key == null ? path : path.isEmpty() ? String.valueOf(key) : path + "." + key;
    }

    /** Fills missing properties that have a schema default, as the API server does before validating. */
    @SuppressWarnings("unchecked")
    static Object withDefaults(Object value, Map<String, Object> schema) {
        if (value instanceof List<?> list && schema.get("items") instanceof Map<?, ?> items) {
            return list.stream()
                    .map(item -> withDefaults(item, (Map<String, Object>) items))
                    .toList();
        }
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        Map<String, Object> properties =
                schema.get("properties") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
        Map<String, Object> filled = new LinkedHashMap<>();
        map.forEach((key, item) -> {
            Object property = properties.get(String.valueOf(key));
            if (property == null && schema.get("additionalProperties") instanceof Map<?, ?> additional) {
                property = additional;
            }
            filled.put(
                    String.valueOf(key),
                    property instanceof Map<?, ?> sub ? withDefaults(item, (Map<String, Object>) sub) : item);
        });
        properties.forEach((key, property) -> {
            Object fallback = ((Map<String, Object>) property).get("default");
            if (fallback != null && filled.get(key) == null) {
                filled.put(key, fallback);
            }
        });
        return filled;
    }

    /** The Kubernetes extensions JSON Schema does not know: list-map keys and CEL rules. */
    /**
     * @param old the value before an update ({@code null} on create, and for list items, which are not correlated)
     * @param update whether to check only the transition rules of an update
     */
    private record Extensions(CelRules rules, List<Problem> problems, Set<String> failedRules, boolean update) {
        @SuppressWarnings("unchecked")
        void check(Object value, Object old, Map<String, Object> schema, String path) {
            Map<?, ?> oldMap = old instanceof Map<?, ?> map ? map : Map.of();
            if (value instanceof Map<?, ?> map && schema.get("properties") instanceof Map<?, ?> properties) {
                map.forEach((key, item) -> {
                    if (properties.get(key) instanceof Map<?, ?> property) {
                        check(item, oldMap.get(key), (Map<String, Object>) property, join(path, key));
                    }
                });
            } else if (value instanceof Map<?, ?> map
                    && schema.get("additionalProperties") instanceof Map<?, ?> additional) {
                map.forEach(
                        (key, item) -> check(item, oldMap.get(key), (Map<String, Object>) additional, join(path, key)));
            } else if (value instanceof List<?> list && schema.get("items") instanceof Map<?, ?> items) {
                for (int i = 0; i < list.size(); i++) {
                    check(list.get(i), null, (Map<String, Object>) items, path + "[" + i + "]");
                }
                if (!update) {
                    checkListMapKeys(list, schema, path);
                }
            }
            checkRules(value, old, schema, path);
        }

        private void checkListMapKeys(List<?> list, Map<String, Object> schema, String path) {
            Object listType = schema.get("x-kubernetes-list-type");
            if ("set".equals(listType) && new HashSet<>(list).size() != list.size()) {
                problems.add(Problem.of(path, "", "has duplicate items in a set"));
            }
            if ("map".equals(listType) && schema.get("x-kubernetes-list-map-keys") instanceof List<?> keys) {
                Set<List<Object>> seen = new HashSet<>();
                for (Object item : list) {
                    List<Object> key = keys.stream()
                            .<Object>map(k -> item instanceof Map<?, ?> m ? m.get(k) : null)
                            .toList();
                    if (!seen.add(key)) {
                        problems.add(Problem.of(path, key.toString(), "has two items with the same key " + keys));
                    }
                }
            }
        }

        private void checkRules(Object self, Object old, Map<String, Object> schema, String path) {
            if (!(schema.get("x-kubernetes-validations") instanceof List<?> entries)) {
                return;
            }
            for (Object entry : entries) {
                Map<?, ?> rule = (Map<?, ?>) entry;
                String text = String.valueOf(rule.get("rule"));
                // the API server checks transition rules only on update, and only where the old value exists
                if (CelRules.isTransitionRule(text) != update || update && old == null) {
                    continue;
                }
                String where = path.isEmpty() ? "(root)" : path;
                switch (rules.evaluate(text, self, old)) {
                    case CelRules.Outcome.Holds holds -> {}
                    case CelRules.Outcome.Breaks breaks ->
                        problems.add(Problem.of(where, "", "breaks rule: " + rule.get("message")));
                    case CelRules.Outcome.Failed failed -> {
                        failedRules.add(text);
                        problems.add(Problem.of(
                                where, "", "CEL rule '" + text + "' could not be checked: " + failed.reason()));
                    }
                }
            }
        }
    }
}
