package dev.allot.core.rules;

import dev.allot.core.ErrorCode;
import dev.allot.core.Problem;
import java.util.List;
import java.util.Locale;

/** The syntax of ids a person chooses. */
public final class IdRules {
    private IdRules() {}

    /** A project id: {@link Limits#PROJECT_ID}. The problem names the field {@code id}. */
    public static List<Problem> projectId(String id) {
        if (id != null && Limits.PROJECT_ID.matcher(id).matches()) {
            return List.of();
        }
        String shown = id == null ? "" : id.length() > 80 ? id.substring(0, 77) + "..." : id;
        return List.of(new Problem(
                ErrorCode.PROJECT_ID_SYNTAX.code(),
                "id",
                shown,
                "is not a valid project id: use lower-case letters, digits and '-', starting and ending with a letter"
                        + " or digit, at most " + Limits.MAX_PROJECT_ID_LENGTH + " characters",
                "Maybe " + slugify(shown) + "?"));
    }

    /** The closest valid id to {@code text}: lower case, runs of other characters as one '-'. */
    public static String slugify(String text) {
        String slug =
                text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        slug = slug.length() > Limits.MAX_PROJECT_ID_LENGTH
                ? slug.substring(0, Limits.MAX_PROJECT_ID_LENGTH).replaceAll("-+$", "")
                : slug;
        return slug.isEmpty() ? "my-id" : slug;
    }
}
