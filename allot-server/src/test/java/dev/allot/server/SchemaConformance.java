package dev.allot.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Checks a JSON value against a schema of the server's OpenAPI document, as far as the document's schemas go. */
final class SchemaConformance {
    private SchemaConformance() {}

    /** Adds where {@code value} breaks {@code schema}: a type, a required property, a null the schema does not allow. */
    static void conform(JsonNode document, JsonNode schema, JsonNode value, String at, List<String> out) {
        JsonNode resolved = resolve(document, schema);
        if (resolved.has("oneOf")) {
            for (JsonNode option : resolved.path("oneOf")) {
                List<String> tried = new ArrayList<>();
                conform(document, option, value, at, tried);
                if (tried.isEmpty()) {
                    return;
                }
            }
            out.add(at + ": " + value.toString() + " matches none of " + resolved.path("oneOf"));
            return;
        }
        JsonNode types = resolved.path("type");
        if (types.isMissingNode()) {
            return;
        }
        List<String> allowed = new ArrayList<>();
        if (types.isArray()) {
            types.forEach(t -> allowed.add(t.asText()));
        } else {
            allowed.add(types.asText());
        }
        String actual = switch (value.getNodeType()) {
            case NULL -> "null";
            case OBJECT -> "object";
            case ARRAY -> "array";
            case STRING -> "string";
            case BOOLEAN -> "boolean";
            case NUMBER -> value.isIntegralNumber() ? "integer" : "number";
            default -> "other";
        };
        boolean typeOk = allowed.contains(actual) || (actual.equals("integer") && allowed.contains("number"));
        if (!typeOk) {
            out.add(at + ": " + actual + " where the schema says " + allowed);
            return;
        }
        resolved.path("required").forEach(name -> {
            if (!value.has(name.asText())) {
                out.add(at + ": missing required " + name.asText());
            }
        });
        resolved.path("properties").fields().forEachRemaining(property -> {
            if (value.has(property.getKey())) {
                conform(document, property.getValue(), value.get(property.getKey()), at + "." + property.getKey(), out);
            }
        });
        if (value.isArray() && resolved.has("items")) {
            for (int i = 0; i < Math.min(value.size(), 5); i++) {
                conform(document, resolved.path("items"), value.get(i), at + "[" + i + "]", out);
            }
        }
        if (value.isObject() && resolved.path("additionalProperties").isObject()) {
            value.fields()
                    .forEachRemaining(entry -> conform(
                            document,
                            resolved.path("additionalProperties"),
                            entry.getValue(),
                            at + "." + entry.getKey(),
                            out));
        }
    }

    static JsonNode resolve(JsonNode document, JsonNode schema) {
        JsonNode at = schema;
        while (at.has("$ref")) {
            at = document.at(at.path("$ref").asText().substring(1));
        }
        return at;
    }
}
