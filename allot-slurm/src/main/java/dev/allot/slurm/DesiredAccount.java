package dev.allot.slurm;

import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One account as the plan wants it.
 *
 * @param name Slurm account name
 * @param parent parent account name
 * @param description free text (Slurm lower-cases it)
 * @param limits the managed limits
 * @param users users that must have an association with it
 * @param qos extra QOS names the account may use, beyond the cluster default
 * @param project whether it is a project account (its users and limits are managed) or a category/parent account
 * @param pending a lowering that waits for its yield date, if any
 */
public record DesiredAccount(
        String name,
        String parent,
        String description,
        AccountLimits limits,
        SortedSet<String> users,
        SortedSet<String> qos,
        boolean project,
        Optional<DatedLimit> pending) {
    public DesiredAccount {
        users = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(users));
        qos = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(qos));
    }

    static DesiredAccount group(String name, String parent, String description) {
        return group(name, parent, description, AccountLimits.NONE);
    }

    /** A group account with limits of its own, such as a category's GPU-minute budgets. */
    static DesiredAccount group(String name, String parent, String description, AccountLimits limits) {
        return new DesiredAccount(
                name, parent, description, limits, new TreeSet<>(), new TreeSet<>(), false, Optional.empty());
    }

    /** Limits that take over on a date (a dated yield or kill). */
    public record DatedLimit(java.time.LocalDate on, AccountLimits limits, String reason) {}
}
