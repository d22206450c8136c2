package dev.allot.core;

import java.util.Objects;

/**
 * One thing wrong with an input, located precisely.
 *
 * @param path where it is, e.g. {@code projects[3].ask.floor} (YAML/JSON path) or a CSV line
 * @param value the offending value as written, or empty
 * @param reason why it is wrong
 * @param hint a "Maybe ..." suggestion, or empty
 */
public record Problem(String path, String value, String reason, String hint) {
    public Problem {
        Objects.requireNonNull(path, "path");
        value = value == null ? "" : value;
        Objects.requireNonNull(reason, "reason");
        hint = hint == null ? "" : hint;
    }

    public static Problem of(String path, Object value, String reason) {
        return new Problem(path, value == null ? "" : String.valueOf(value), reason, "");
    }

    public Problem withHint(String newHint) {
        return new Problem(path, value, reason, newHint);
    }

    /** One line: {@code path: reason (value: x). Maybe ...} */
    public String describe() {
        StringBuilder line = new StringBuilder(path).append(": ").append(reason);
        if (!value.isEmpty()) {
            line.append(" (value: ").append(value).append(')');
        }
        if (!hint.isEmpty()) {
            line.append(". ").append(hint);
        }
        return line.toString();
    }
}
