package dev.allot.kueue;

import dev.allot.core.AllotException;

/** Kueue's ClusterQueue {@code spec.stopPolicy}. */
public enum StopPolicy {
    /** Admits workloads normally. */
    None,
    /** Admits no new workloads; running ones finish. */
    Hold,
    /** Admits no new workloads and evicts the admitted ones. */
    HoldAndDrain;

    /** Parses {@code Hold} or {@code HoldAndDrain} (case-insensitive). */
    public static StopPolicy parse(String text, String field) {
        for (StopPolicy candidate : values()) {
            if (candidate.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return candidate;
            }
        }
        throw AllotException.invalid(
                "kueue.stop-policy",
                field + " '" + text
                        + "' is not a Kueue stop policy; expected None, Hold or HoldAndDrain. Maybe HoldAndDrain?");
    }
}
