package dev.allot.store;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What a user may do. Each role's rights are decided where the action is defined (cycle transitions, routes). */
public enum Role {
    /** Runs the system: projects, fleet, tokens, any transition. */
    ADMIN,
    /** A research leader: policy, pins, overrides, drafts, publishing. */
    DECIDER,
    /** Scores projects. */
    REVIEWER,
    /** Leads projects: edits the asks of the projects they lead, and nothing else. */
    LEAD,
    /** Reads everything that is not secret. */
    VIEWER;

    /** Lower-case name as used in the CLI, the API and stored rows. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String text, String field) {
        String wanted = text == null
                ? ""
                : text.trim()
                        .toUpperCase(Locale.ROOT)
                        .replace("PROJECT-LEAD", "LEAD")
                        .replace("PROJECT_LEAD", "LEAD");
        for (Role role : values()) {
            if (role.name().equals(wanted)) {
                return role;
            }
        }
        List<String> labels = Arrays.stream(values()).map(Role::label).toList();
        throw new AllotException(
                AllotException.Kind.INVALID_INPUT,
                "unknown-role",
                field + ": unknown role '" + text + "'. Maybe one of " + labels + "?",
                List.of(new Problem(field, text, "unknown role", "Maybe one of " + labels + "?")),
                null);
    }
}
