package dev.allot.web;

import dev.allot.core.Problem;
import java.util.List;
import java.util.function.Function;

/**
 * The policy form after a refused save: each problem's message at its form field, and the values the decider
 * submitted, so a mistake is fixed where it was made instead of retyped. Empty when the form was not refused.
 */
record PolicyFormState(FormErrors errors, Function<String, String> submitted) {
    static final PolicyFormState NONE = new PolicyFormState(new FormErrors(), field -> null);

    /** The problems of a refused save placed at the form's fields; {@code submitted} reads the posted fields. */
    static PolicyFormState refused(List<Problem> problems, Function<String, String> submitted) {
        FormErrors errors = new FormErrors();
        for (Problem problem : problems) {
            errors.add(problem, field(problem.path()));
        }
        return new PolicyFormState(errors, submitted);
    }

    /** The form field a problem's path belongs to: {@code relations[2]} is the relations box, and so on. */
    static String field(String path) {
        if (path.startsWith(PolicyDetails.RELATIONS)) {
            return PolicyDetails.RELATIONS;
        }
        if (path.startsWith(PolicyDetails.WORTH_PROJECTS)) {
            return PolicyDetails.WORTH_PROJECTS;
        }
        return path;
    }

    /** What the field shows: the submitted value after a refused save, else {@code stored}. */
    String value(String field, String stored) {
        String posted = errors.isEmpty() ? null : submitted.apply(field);
        return posted == null ? stored : posted;
    }

    boolean has(String field) {
        return errors.has(field);
    }

    String message(String field) {
        return errors.of(field);
    }
}
