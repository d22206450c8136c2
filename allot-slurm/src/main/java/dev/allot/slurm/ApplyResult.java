package dev.allot.slurm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an apply did, checked by reading Slurm's state back in the same session.
 *
 * @param planned the changes found before applying
 * @param applied planned changes that Slurm now shows
 * @param notApplied what still differs when Slurm's state is read back (a failure, or a concurrent edit)
 * @param accounts every account a planned change was about, and where it ended (reservations are not accounts: a
 *     reservation change that was not done is in {@code notApplied})
 * @param errors what the sacctmgr calls reported on failure
 */
public record ApplyResult(
        ChangeSet planned,
        List<Change> applied,
        List<Change> notApplied,
        Map<String, AccountState> accounts,
        List<String> errors,
        Duration elapsed) {
    /** Where an account ended after an apply. */
    public enum AccountState {
        /** Slurm shows every planned change of the account. */
        APPLIED,
        /** Its commands ran and failed, or did part of the change: it is not as planned. */
        FAILED,
        /** Its commands were never run (the session ended before them): it is as it was. */
        UNTOUCHED
    }

    public ApplyResult {
        applied = List.copyOf(applied);
        notApplied = List.copyOf(notApplied);
        accounts = java.util.Collections.unmodifiableMap(new TreeMap<>(accounts));
        errors = List.copyOf(errors);
    }

    public boolean succeeded() {
        return notApplied.isEmpty() && errors.isEmpty();
    }

    /** Accounts in one state, in name order. */
    public List<String> accountsIn(AccountState state) {
        return accounts.entrySet().stream()
                .filter(entry -> entry.getValue() == state)
                .map(Map.Entry::getKey)
                .toList();
    }

    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        if (planned.isEmpty()) {
            lines.add("cluster " + planned.cluster() + " already matches the plan: 0 changes applied");
        } else {
            lines.add("applied " + applied.size() + " of " + planned.changes().size() + " change(s) on cluster "
                    + planned.cluster() + " in " + elapsed.toMillis() + " ms");
            if (!accounts.isEmpty()) {
                lines.add("  accounts: " + accountsIn(AccountState.APPLIED).size() + " applied, "
                        + accountsIn(AccountState.FAILED).size() + " failed, "
                        + accountsIn(AccountState.UNTOUCHED).size() + " untouched");
            }
            applied.forEach(change -> lines.add("  done: " + change.describe()));
            notApplied.forEach(change -> lines.add("  NOT applied"
                    + (accounts.get(change.account()) == AccountState.UNTOUCHED ? " (untouched)" : " (failed)")
                    + ": " + change.describe()));
        }
        errors.forEach(error -> lines.add("  error: " + error));
        if (!notApplied.isEmpty()) {
            lines.add("  Maybe fix the cause above and run apply again: it only changes what still differs.");
        }
        planned.scheduled().forEach(line -> lines.add("  scheduled: " + line));
        return lines;
    }
}
