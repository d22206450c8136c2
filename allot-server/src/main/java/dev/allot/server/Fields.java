package dev.allot.server;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import dev.allot.store.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads a JSON request body field by field, collecting every problem (field path, value, reason, hint) so that a
 * request learns all its mistakes at once. {@link #done()} throws them as one {@code validation-failed} error.
 */
final class Fields {
    static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    static final int MAX_TEXT = 10_000;
    static final int MAX_NAME = 200;
    static final int MAX_LIST = 1_000;

    private final JsonNode node;
    private final String prefix;
    private final List<Problem> problems;

    private Fields(JsonNode node, String prefix, List<Problem> problems) {
        this.node = node;
        this.prefix = prefix;
        this.problems = problems;
    }

    /** The body as a JSON object; anything else is refused at once. */
    static Fields parse(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : Json.mapper().readTree(body);
        } catch (JacksonException e) {
            throw new AllotException(
                    AllotException.Kind.INVALID_INPUT,
                    "malformed-json",
                    "The request body is not" + " valid JSON: " + e.getOriginalMessage()
                            + ". Maybe check quotes, commas and brackets?",
                    List.of(new Problem("body", "", "not valid JSON", "Maybe check quotes and brackets?")),
                    null);
        }
        if (root == null || !root.isObject()) {
            throw new AllotException(
                    AllotException.Kind.INVALID_INPUT,
                    "malformed-json",
                    "The request body must be" + " a JSON object. Maybe wrap the fields in { }?",
                    List.of(new Problem(
                            "body",
                            root == null ? "" : root.getNodeType().name().toLowerCase(java.util.Locale.ROOT),
                            "not a JSON object",
                            "Maybe wrap the fields in { }?")),
                    null);
        }
        return new Fields(root, "", new ArrayList<>());
    }

    String path(String field) {
        return prefix.isEmpty() ? field : prefix + "." + field;
    }

    boolean has(String field) {
        return node.hasNonNull(field);
    }

    /** Whether the field is a JSON string (some fields take a short form as a string or an object). */
    boolean isText(String field) {
        return has(field) && node.get(field).isTextual();
    }

    void problem(String field, Object value, String reason, String hint) {
        String text = value == null ? "" : String.valueOf(value);
        problems.add(
                new Problem(path(field), text.length() > 100 ? text.substring(0, 100) + "..." : text, reason, hint));
    }

    /** A problem found by a rule in core, placed at this body's {@code field} (the medium's name for it). */
    void add(Problem problem, String field) {
        problems.add(problem.at(path(field)));
    }

    String text(String field, int maxLength, String fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (fallback == null) {
                problem(field, "", "is required", "Maybe add \"" + field + "\": \"...\"?");
            }
            return fallback == null ? "" : fallback;
        }
        if (!value.isTextual()) {
            problem(field, value, "must be a string", "Maybe put it in quotes?");
            return fallback == null ? "" : fallback;
        }
        if (value.asText().length() > maxLength) {
            problem(field, value.asText(), "is longer than " + maxLength + " characters", "Maybe shorten it?");
        }
        return value.asText();
    }

    String slug(String field, String fallback) {
        String value = text(field, 64, fallback);
        if (!value.isEmpty() && !SLUG.matcher(value).matches()) {
            problem(
                    field,
                    value,
                    "must be a slug (a-z, 0-9, '.', '_', '-'; at most 64)",
                    "Maybe " + value.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._-]", "-") + "?");
        }
        return value;
    }

    int integer(String field, int min, int max, Integer fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (fallback == null) {
                problem(field, "", "is required", "Maybe add \"" + field + "\": " + min + "?");
            }
            return fallback == null ? min : fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            problem(field, value, "must be a whole number from " + min + " to " + max, "");
            return fallback == null ? min : fallback;
        }
        return value.asInt();
    }

    double number(String field, double min, double max, Double fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (fallback == null) {
                problem(field, "", "is required", "");
            }
            return fallback == null ? min : fallback;
        }
        if (!value.isNumber()
                || !Double.isFinite(value.asDouble())
                || value.asDouble() < min
                || value.asDouble() > max) {
            problem(field, value, "must be a number from " + min + " to " + max, "");
            return fallback == null ? min : fallback;
        }
        return value.asDouble();
    }

    /** A JSON boolean; anything else is a problem (and reads as false). */
    boolean flag(String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isBoolean()) {
            problem(field, value, "must be true or false", "Maybe false?");
            return false;
        }
        return value.asBoolean();
    }

    /** One of {@code options} (lower-case labels). */
    String choice(String field, List<String> options, String fallback) {
        String value = text(field, 64, fallback);
        if (!options.contains(value)) {
            problem(field, value, "must be one of " + options, "Maybe " + options.get(0) + "?");
            return fallback == null ? options.get(0) : fallback;
        }
        return value;
    }

    java.time.LocalDate date(String field) {
        String value = text(field, 10, null);
        try {
            return java.time.LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            if (!value.isEmpty()) {
                problem(field, value, "must be a date like 2026-12-01", "");
            }
            return java.time.LocalDate.EPOCH;
        }
    }

    /** The objects of an array field (at most {@code maxCount}), each read by {@code element}. */
    <T> List<T> list(String field, int maxCount, Function<Fields, T> element) {
        List<T> items = new ArrayList<>();
        JsonNode array = array(field, maxCount);
        for (int i = 0; array != null && i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (!item.isObject()) {
                problem(field + "[" + i + "]", item, "must be an object", "Maybe { }?");
                continue;
            }
            items.add(element.apply(new Fields(item, path(field) + "[" + i + "]", problems)));
        }
        return items;
    }

    List<String> texts(String field, int maxCount, int maxLength) {
        List<String> items = new ArrayList<>();
        JsonNode array = array(field, maxCount);
        for (int i = 0; array != null && i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (!item.isTextual() || item.asText().length() > maxLength) {
                problem(field + "[" + i + "]", item, "must be a string of at most " + maxLength + " characters", "");
                continue;
            }
            items.add(item.asText());
        }
        return items;
    }

    private JsonNode array(String field, int maxCount) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            problem(field, value.getNodeType(), "must be a list", "Maybe [ ... ]?");
            return null;
        }
        if (value.size() > maxCount) {
            problem(field, value.size() + " items", "has more than " + maxCount + " items", "Maybe split it up?");
            return null;
        }
        return value;
    }

    /** A nested object's fields, or null (with a problem recorded) when it is not an object. */
    Fields object(String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problem(field, "", "is required", "Maybe add \"" + field + "\": { }?");
            }
            return null;
        }
        if (!value.isObject()) {
            problem(field, value.getNodeType(), "must be an object", "Maybe { }?");
            return null;
        }
        return new Fields(value, path(field), problems);
    }

    /** Names of an object's fields, for maps such as {@code gpus: {H100: 8}}. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    boolean ok() {
        return problems.isEmpty();
    }

    /** Throws every collected problem at once, if any. */
    void done() {
        if (!problems.isEmpty()) {
            Problem first = problems.get(0);
            String more = problems.size() == 1 ? "" : " (and " + (problems.size() - 1) + " more)";
            throw new AllotException(
                    AllotException.Kind.INVALID_INPUT, "validation-failed", first.describe() + more, problems, null);
        }
    }
}
