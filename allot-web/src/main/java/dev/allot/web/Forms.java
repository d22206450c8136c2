package dev.allot.web;

import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import dev.allot.core.Problem;
import io.javalin.http.Context;
import java.util.List;

/** Reading form fields; a bad value is refused with a message naming the field, the value and what would do. */
final class Forms {
    private Forms() {}

    /** The trimmed field, "" when absent; longer than {@code max} characters is refused. */
    static String text(Context ctx, String field, int max) {
        return text(ctx.formParam(field), field, max);
    }

    /** A submitted value read as {@link #text(Context, String, int)} does; null counts as absent. */
    static String text(String submitted, String field, int max) {
        String value = submitted == null ? "" : submitted.strip();
        if (value.length() > max) {
            throw invalid(
                    field, value.substring(0, 40) + "...", "longer than " + max + " characters", "Maybe shorten it?");
        }
        return value;
    }

    static int integer(Context ctx, String field, int min, int max) {
        String value = text(ctx, field, 12);
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw invalid(field, value, "not a whole number from " + min + " to " + max, "Maybe " + min + "?");
    }

    /** The version a form was rendered with (for optimistic locking), or null when the form did not carry one. */
    static Integer version(Context ctx, String field) {
        String value = text(ctx, field, 12);
        return value.isEmpty() ? null : integer(ctx, field, 1, Integer.MAX_VALUE);
    }

    /** A problem found by a rule in core, refused at the form's {@code field} with the rule's code. */
    static AllotException refused(Problem problem, String field) {
        Problem placed = problem.at(field);
        return new AllotException(Kind.INVALID_INPUT, problem.code(), placed.describe(), List.of(placed), null);
    }

    static AllotException invalid(String field, String value, String reason, String hint) {
        return new AllotException(
                Kind.INVALID_INPUT,
                "invalid-field",
                field + ": '" + value + "' is " + reason + ". " + hint,
                List.of(new Problem(field, value, reason, hint)),
                null);
    }
}
