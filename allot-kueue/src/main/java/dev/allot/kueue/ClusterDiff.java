package dev.allot.kueue;

import dev.allot.core.AllotException;
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

    /** Objects apply would delete: those to re-create, and with {@code prune} the extra ones. */
    public int deletions(boolean prune) {
        return of(ObjectChange.Action.RECREATE).size()
                + (prune ? of(ObjectChange.Action.EXTRA).size() : 0);
    }

    /** The deletion cap when none is given: 5 % of the objects Allot manages on the cluster, at least 1. */
    public int defaultMaxDeletions() {
        return Math.max(1, managedObjects() * 5 / 100);
    }

    /**
     * Refuses an apply that would delete more than {@code maxDeletions} objects (a plan that lost most of its projects
     * must not empty the cluster), before anything is written.
     */
    public void checkDeletions(boolean prune, int maxDeletions) {
        int deletions = deletions(prune);
        if (deletions > maxDeletions) {
            throw AllotException.invalid(
                    "kueue.too-many-deletions",
                    "Apply would delete " + deletions + " of the " + managedObjects()
                            + " objects Allot manages on the cluster, more than --max-deletions " + maxDeletions
                            + "; nothing was changed. Maybe check that the plan is the whole plan, or raise"
                            + " --max-deletions?");
        }
    }

    /** Objects labelled as Allot's on the cluster (all but those to create). */
    public int managedObjects() {
        return changes.size() - of(ObjectChange.Action.CREATE).size();
    }

    /** A report for people: a count line, then one line per object that differs and one per differing field. */
    public String render(String title) {
        List<String> lines = new ArrayList<>();
        int recreate = of(ObjectChange.Action.RECREATE).size();
        lines.add(String.format(
                "%s: %d to create, %d to update, %s%d extra, %d as planned",
                title,
                of(ObjectChange.Action.CREATE).size(),
                of(ObjectChange.Action.UPDATE).size(),
                recreate == 0 ? "" : recreate + " to delete and re-create, ",
                of(ObjectChange.Action.EXTRA).size(),
                of(ObjectChange.Action.UNCHANGED).size()));
        for (ObjectChange change : changes) {
            switch (change.action()) {
                case CREATE -> lines.add("  + " + change.object().id() + " (missing on the cluster)");
                case UPDATE -> {
                    lines.add("  ~ " + change.object().id());
                    change.fields().forEach(field -> lines.add("      " + field.describe()));
                }
                case RECREATE -> {
                    lines.add("  ! " + change.object().id()
                            + " (a field that cannot be changed differs: apply deletes and re-creates it)");
                    change.fields().forEach(field -> lines.add("      " + field.describe()));
                }
                case EXTRA -> lines.add("  - " + change.object().id() + " (labelled as Allot's, not in the plan)");
                case UNCHANGED -> {}
            }
        }
        return String.join("\n", lines) + "\n";
    }
}
