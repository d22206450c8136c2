package dev.allot.store;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a project's ask stands in a cycle: written or confirmed by its lead, copied from the previous cycle and not
 * yet confirmed, or missing. Only the first two are stored; a missing ask is an active project without a row.
 */
public enum AskState {
    /** Written, edited or confirmed by the lead (or an admin) in this cycle. */
    CONFIRMED,
    /** Copied from the previous cycle when this one was created; the lead has not confirmed or edited it yet. */
    CARRIED,
    /** No ask at all. */
    MISSING;

    /** The spelling in the API and query parameters: {@code confirmed}, {@code carried}, {@code missing}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** As people read it: {@code confirmed}, {@code carried over}, {@code no ask}. */
    public String words() {
        return switch (this) {
            case CONFIRMED -> "confirmed";
            case CARRIED -> "carried over";
            case MISSING -> "no ask";
        };
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(AskState::label).toList();
    }

    public static Optional<AskState> parse(String label) {
        return Arrays.stream(values()).filter(s -> s.label().equals(label)).findFirst();
    }
}
