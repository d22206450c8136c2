package dev.allot.core;

import java.util.Objects;

/**
 * One thing wrong with an input, located precisely.
 *
 * @param code a stable code of the rule it breaks (e.g. {@code ask-floor-above-target}), or empty when only the
 *     reason says which rule it is
 * @param path where it is, e.g. {@code projects[3].ask.floor} (YAML/JSON path) or a CSV line; a rule in core names
 *     the field by its domain name ({@code floor}) and each entry point places it in its own medium
 * @param value the offending value as written, or empty
 * @param reason why it is wrong
 * @param hint a "Maybe ..." suggestion, or empty
 */
public record Problem(String code, String path, String value, String reason, String hint) {
    public Problem {
        code = code == null ? "" : code;
        Objects.requireNonNull(path, "path");
        value = value == null ? "" : value;
        Objects.requireNonNull(reason, "reason");
        hint = hint == null ? "" : hint;
    }

    /** A problem without a rule code. */
    public Problem(String path, String value, String reason, String hint) {
        this("", path, value, reason, hint);
    }

    public static Problem of(String path, Object value, String reason) {
        return new Problem(path, value == null ? "" : String.valueOf(value), reason, "");
    }

    public Problem withHint(String newHint) {
        return new Problem(code, path, value, reason, newHint);
    }

    /** The same problem at another path, as an entry point names the field. */
    public Problem at(String newPath) {
        return new Problem(code, newPath, value, reason, hint);
    }

    /** The same problem under a parent path: {@code floor} under {@code projects[0].ask} is {@code projects[0].ask.floor}. */
    public Problem under(String parent) {
        return at(parent.isEmpty() ? path : path.isEmpty() ? parent : parent + "." + path);
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
