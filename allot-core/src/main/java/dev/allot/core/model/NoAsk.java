package dev.allot.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How the planner treats an active continuing project (one with a previous grant) that has no ask this cycle. Silence
 * is never a silent kill: each rule is named in the project's explanation.
 */
public enum NoAsk {
    /** Keep the last grant: it is the project's floor, target and ceiling, on the GPU types of that grant. */
    KEEP("keep"),
    /**
     * Keep only what continuity must keep: floor, target and ceiling are the least the policy's max change allows
     * from the last grant (last grant x (1 - maxChangeFraction), rounded up to whole nodes, never above the last
     * grant), on the GPU types of that grant. The project shrinks by the most one cycle allows, with a yield-by date.
     */
    FLOOR_ONLY("floorOnly"),
    /** Release: the project gets nothing; the plan shows it as released for want of an ask, with a yield-by date. */
    RELEASE("release");

    private final String label;

    NoAsk(String label) {
        this.label = label;
    }

    /** The spelling in files, the API and forms: {@code keep}, {@code floorOnly}, {@code release}. */
    public String label() {
        return label;
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(NoAsk::label).toList();
    }

    /** The rule spelt {@code label} (exactly, as {@link #label()} writes it), if any. */
    public static Optional<NoAsk> parse(String label) {
        return Arrays.stream(values()).filter(rule -> rule.label.equals(label)).findFirst();
    }
}
