package dev.allot.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the planner makes of an ask's {@link JobShape}: a grant of a type smaller than the project's largest job leaves
 * that job unable to start on it. Either way the planner grants no type the largest job cannot run on.
 */
public enum JobShapes {
    /** A grant of a type below the largest job is a guard-rail warning before publish (the default). */
    WARN("warn"),
    /** A grant of a type is 0 or at least the largest job; a plan that needs otherwise is infeasible. */
    STRICT("strict");

    private final String label;

    JobShapes(String label) {
        this.label = label;
    }

    /** The spelling in files, the API and forms: {@code warn}, {@code strict}. */
    public String label() {
        return label;
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(JobShapes::label).toList();
    }

    /** The setting spelt {@code label} (exactly, as {@link #label()} writes it), if any. */
    public static Optional<JobShapes> parse(String label) {
        return Arrays.stream(values()).filter(rule -> rule.label.equals(label)).findFirst();
    }
}
