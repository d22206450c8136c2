package dev.allot.web;

import dev.allot.core.Problem;
import java.util.LinkedHashMap;
import java.util.Map;

/** Messages for the fields of one submitted form, shown next to each field; the submitted values are kept. */
final class FormErrors {
    private final Map<String, String> messages = new LinkedHashMap<>();
    private final Map<String, String> codes = new LinkedHashMap<>();

    void add(String field, String message) {
        messages.putIfAbsent(field, message);
    }

    /** A problem found by a rule in core, shown at the form's {@code field}: "field: reason. Maybe ...". */
    void add(Problem problem, String field) {
        String value = problem.hint().isEmpty() ? "" : ". " + problem.hint();
        if (!messages.containsKey(field)) {
            codes.put(field, problem.code());
        }
        add(field, field + ": " + problem.reason() + value);
    }

    /** The rule code of the field's message, or empty when no rule in core gave it. */
    String code(String field) {
        return codes.getOrDefault(field, "");
    }

    boolean has(String field) {
        return messages.containsKey(field);
    }

    String of(String field) {
        return messages.getOrDefault(field, "");
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    int count() {
        return messages.size();
    }

    /**
     * Reads a positive finite number ("1.5e21" allowed), recording a message (and returning NaN) when it is not one;
     * an empty optional field is NaN without a message.
     */
    double positive(String field, String value, boolean required, String hint) {
        if (value.isBlank() && !required) {
            return Double.NaN;
        }
        try {
            double number = Double.parseDouble(value.strip());
            if (number > 0 && Double.isFinite(number)) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        add(
                field,
                field + ": '" + (value.length() > 20 ? value.substring(0, 20) + "..." : value)
                        + "' is not a positive number. " + hint);
        return Double.NaN;
    }

    /** Reads a whole number, recording a message (and returning -1) when it is not one within the range. */
    int integer(String field, String value, int min, int max, String hint) {
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        add(
                field,
                field + ": '" + (value.length() > 20 ? value.substring(0, 20) + "..." : value)
                        + "' is not a whole number from " + min + " to " + max + ". " + hint);
        return -1;
    }
}
