package dev.allot.core.rules;

import dev.allot.core.ErrorCode;
import dev.allot.core.Problem;
import java.util.List;
import java.util.Locale;

/** The syntax of ids a person chooses. */
public final class IdRules {
    /** How many known ids a refused project names as its hint. */
    private static final int CLOSEST = 3;

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

    /**
     * A project a person typed (in a picker): one of {@code known}, the lab's project ids. The problem names the
     * field {@code project}, the value and, as its hint, the {@value #CLOSEST} closest known ids.
     */
    public static List<Problem> knownProject(String typed, java.util.Collection<String> known) {
        if (typed != null && known.contains(typed)) {
            return List.of();
        }
        String shown = typed == null ? "" : typed.length() > 80 ? typed.substring(0, 77) + "..." : typed;
        List<String> closest = Suggest.nearest(shown, known, CLOSEST);
        return List.of(new Problem(
                ErrorCode.UNKNOWN_PROJECT.code(),
                "project",
                shown,
                shown.isBlank() ? "is empty: a project id is needed" : "is not a project of the lab",
                closest.isEmpty() ? "Maybe add the project first?" : "Maybe " + or(closest) + "?"));
    }

    private static String or(List<String> names) {
        return names.size() == 1
                ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
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
