package dev.allot.lab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.allot.core.rules.IdRules;
import java.util.regex.Pattern;

/**
 * Typed reads of single YAML values. Each returns {@code null} after recording a problem when the value does not
 * fit, so a caller can go on and find the next problem.
 */
final class Scalars {
    static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern PERCENT = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*%\\s*");

    private Scalars() {}

    static String text(JsonNode node, String path, Problems problems) {
        if (node.isTextual() || node.isIntegralNumber()) {
            String text = node.asText();
            if (text.isBlank()) {
                problems.add(path, "", "must not be empty", "");
                return null;
            }
            return text;
        }
        problems.add(path, node, "expected text", node.isValueNode() ? "Maybe put it in quotes?" : "");
        return null;
    }

    static String slug(JsonNode node, String path, Problems problems, String what) {
        String text = text(node, path, problems);
        if (text != null && !SLUG.matcher(text).matches()) {
            problems.add(
                    path,
                    text,
                    "is not a valid " + what + " id: use lower-case letters, digits and '-', "
                            + "starting with a letter or digit, at most 63 characters",
                    "Maybe " + IdRules.slugify(text) + "?");
            return null;
        }
        return text;
    }

    static Integer wholeNumber(JsonNode node, String path, Problems problems) {
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return node.intValue();
        }
        String hint = "";
        if (node.isNumber() && node.doubleValue() == Math.rint(node.doubleValue()) && node.canConvertToInt()) {
            hint = "Maybe " + node.intValue() + "?";
        } else if (node.isTextual() && node.asText().strip().matches("-?[0-9]+")) {
            hint = "Maybe " + node.asText().strip() + " without quotes?";
        }
        problems.add(path, node, "expected a whole number", hint);
        return null;
    }

    /** A whole number >= 0, e.g. a GPU count. */
    static Integer count(JsonNode node, String path, Problems problems) {
        Integer value = wholeNumber(node, path, problems);
        if (value != null && value < 0) {
            problems.add(path, node, "must not be negative", "Maybe " + -value + "?");
            return null;
        }
        return value;
    }

    static Boolean flag(JsonNode node, String path, Problems problems) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        problems.add(path, node, "expected true or false", "");
        return null;
    }

    static Double number(JsonNode node, String path, Problems problems) {
        if (node.isNumber() && Double.isFinite(node.doubleValue())) {
            return node.doubleValue();
        }
        problems.add(path, node, "expected a number", "");
        return null;
    }

    static Double positiveNumber(JsonNode node, String path, Problems problems) {
        Double value = number(node, path, problems);
        if (value != null && value <= 0) {
            problems.add(path, node, "must be greater than 0", "");
            return null;
        }
        return value;
    }

    /** {@code 5%} or {@code 0.05}, within 0..100 %, as a fraction. */
    static Double percent(JsonNode node, String path, Problems problems) {
        Double fraction = anyPercent(node, path, problems);
        if (fraction == null) {
            return null;
        }
        if (fraction < 0 || fraction > 1) {
            String hint = node.isNumber() && fraction > 1 && fraction <= 100 ? "Maybe " + node.asText() + "%?" : "";
            problems.add(path, node, "is outside 0..100 %", hint);
            return null;
        }
        return fraction;
    }

    /** A percentage ({@code 25%}) or fraction ({@code 0.25}) of any size; the caller's rule checks its range. */
    static Double anyPercent(JsonNode node, String path, Problems problems) {
        Double fraction = null;
        if (node.isTextual()) {
            var matcher = PERCENT.matcher(node.asText());
            if (matcher.matches()) {
                fraction = Double.parseDouble(matcher.group(1)) / 100.0;
            }
        } else if (node.isNumber() && Double.isFinite(node.doubleValue())) {
            fraction = node.doubleValue();
        }
        if (fraction == null) {
            problems.add(path, node, "expected a percentage such as 5% or a fraction such as 0.05", "");
            return null;
        }
        return fraction;
    }
}
