package dev.allot.slurm;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything that differs between a plan and a cluster.
 *
 * @param changes what an apply would do, parents before children
 * @param unknownAccounts accounts Slurm has that the plan does not know (never removed by Allot)
 * @param scheduled dated lowerings not yet in force, one line each
 */
public record ChangeSet(String cluster, List<Change> changes, List<String> unknownAccounts, List<String> scheduled) {
    public ChangeSet {
        changes = List.copyOf(changes);
        unknownAccounts = List.copyOf(unknownAccounts);
        scheduled = List.copyOf(scheduled);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The report printed by {@code allot slurm diff}: one line per change, then notes. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        if (changes.isEmpty()) {
            lines.add("cluster " + cluster + " matches the plan: 0 changes");
        } else {
            lines.add(changes.size() + " change(s) on cluster " + cluster + ":");
            changes.forEach(change -> lines.add("  " + change.describe()));
        }
        scheduled.forEach(line -> lines.add("  scheduled: " + line));
        unknownAccounts.forEach(name -> lines.add("  unknown to the plan (left alone): account " + name));
        return lines;
    }
}
