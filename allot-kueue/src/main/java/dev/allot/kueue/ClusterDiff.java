package dev.allot.kueue;

import java.util.ArrayList;
import java.util.List;

/**
 * The difference between a plan's Kueue objects and a cluster: what apply would create or change, what is already as
 * planned, and what Allot once wrote that the plan no longer holds. "Drift" is any entry that is not unchanged.
 */
public record ClusterDiff(List<ObjectChange> changes) {
    public ClusterDiff {
        changes = List.copyOf(changes);
    }

    public List<ObjectChange> of(ObjectChange.Action action) {
        return changes.stream().filter(change -> change.action() == action).toList();
    }

    /** Whether the cluster differs from the plan in any way. */
    public boolean hasDrift() {
        return changes.stream().anyMatch(change -> change.action() != ObjectChange.Action.UNCHANGED);
    }

    /** A report for people: a count line, then one line per object that differs and one per differing field. */
    public String render(String title) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                "%s: %d to create, %d to update, %d extra, %d as planned",
                title,
                of(ObjectChange.Action.CREATE).size(),
                of(ObjectChange.Action.UPDATE).size(),
                of(ObjectChange.Action.EXTRA).size(),
                of(ObjectChange.Action.UNCHANGED).size()));
        for (ObjectChange change : changes) {
            switch (change.action()) {
                case CREATE -> lines.add("  + " + change.object().id() + " (missing on the cluster)");
                case UPDATE -> {
                    lines.add("  ~ " + change.object().id());
                    change.fields().forEach(field -> lines.add("      " + field.describe()));
                }
                case EXTRA -> lines.add("  - " + change.object().id() + " (labelled as Allot's, not in the plan)");
                case UNCHANGED -> {}
            }
        }
        return String.join("\n", lines) + "\n";
    }
}
