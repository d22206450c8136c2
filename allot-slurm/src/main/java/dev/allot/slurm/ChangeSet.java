package dev.allot.slurm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything that differs between a plan and a cluster.
 *
 * @param changes what an apply would do, parents before children
 * @param unknownAccounts accounts in Allot's subtree that the plan does not know (never deleted by Allot)
 * @param unknownLimits the GPU caps those accounts still have
 * @param scheduled dated lowerings not yet in force, one line each
 * @param parents the parent Slurm shows for each existing account whose limits change ({@link Change.SetLimits}); a
 *     {@code sacctmgr load} file must name it, or it moves the account
 */
public record ChangeSet(
        String cluster,
        List<Change> changes,
        List<String> unknownAccounts,
        Map<String, AccountLimits> unknownLimits,
        List<String> scheduled,
        Map<String, String> parents) {
    public ChangeSet {
        changes = List.copyOf(changes);
        unknownAccounts = List.copyOf(unknownAccounts);
        unknownLimits = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(unknownLimits));
        scheduled = List.copyOf(scheduled);
        parents = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(parents));
    }

    /** Without limits of unknown accounts nor parents: limit changes then go through {@code modify} commands only. */
    public ChangeSet(String cluster, List<Change> changes, List<String> unknownAccounts, List<String> scheduled) {
        this(cluster, changes, unknownAccounts, Map.of(), scheduled, Map.of());
    }

    /** Unknown accounts that may still run GPU jobs: a cap above 0, or none at all. */
    public List<String> unknownHoldingGpus() {
        return unknownAccounts.stream()
                .filter(name -> {
                    AccountLimits limits = unknownLimits.getOrDefault(name, AccountLimits.NONE);
                    return limits.grpTres().isEmpty()
                            || limits.grpTres().values().stream().anyMatch(gpus -> gpus > 0);
                })
                .toList();
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
        unknownAccounts.forEach(name -> {
            AccountLimits limits = unknownLimits.getOrDefault(name, AccountLimits.NONE);
            lines.add("  unknown to the plan: account " + name + " still holds "
                    + (limits.grpTres().isEmpty() ? "GPUs without a cap" : limits.describe())
                    + (unknownHoldingGpus().contains(name) ? " (--prune sets its GPU caps to 0)" : ""));
        });
        return lines;
    }
}
