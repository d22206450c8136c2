package dev.allot.web;

import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import dev.allot.core.Problem;
import java.util.List;
import java.util.regex.Pattern;

/** Ids in URLs and forms: a-z, 0-9, '.', '_', '-', at most 64 characters (the store's rule). */
final class Slugs {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private Slugs() {}

    static String require(String value, String field) {
        if (value == null || !SLUG.matcher(value).matches()) {
            String shown = value == null ? "" : value.length() > 64 ? value.substring(0, 64) + "..." : value;
            throw new AllotException(
                    Kind.INVALID_INPUT,
                    "invalid-id",
                    field + ": '" + shown + "' is not a valid id"
                            + " (a-z, 0-9, '.', '_', '-'; at most 64). Maybe pick one from the list?",
                    List.of(new Problem(field, shown, "not a valid id", "Maybe pick one from the list?")),
                    null);
        }
        return value;
    }

    static String orEmpty(String value) {
        return value != null && SLUG.matcher(value).matches() ? value : "";
    }
}
