package dev.allot.slurm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What an apply did, checked by reading Slurm's state back afterwards.
 *
 * @param planned the changes found before applying
 * @param applied planned changes that Slurm now shows
 * @param notApplied what still differs when Slurm's state is read back (a failure, or a concurrent edit)
 * @param errors what the sacctmgr calls reported on failure
 */
public record ApplyResult(
        ChangeSet planned, List<Change> applied, List<Change> notApplied, List<String> errors, Duration elapsed) {
    public ApplyResult {
        applied = List.copyOf(applied);
        notApplied = List.copyOf(notApplied);
        errors = List.copyOf(errors);
    }

    public boolean succeeded() {
        return notApplied.isEmpty() && errors.isEmpty();
    }

    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        if (planned.isEmpty()) {
            lines.add("cluster " + planned.cluster() + " already matches the plan: 0 changes applied");
        } else {
            lines.add("applied " + applied.size() + " of " + planned.changes().size() + " change(s) on cluster "
                    + planned.cluster() + " in " + elapsed.toMillis() + " ms");
            applied.forEach(change -> lines.add("  done: " + change.describe()));
            notApplied.forEach(change -> lines.add("  NOT applied: " + change.describe()));
        }
        errors.forEach(error -> lines.add("  error: " + error));
        if (!notApplied.isEmpty()) {
            lines.add("  Maybe fix the cause above and run apply again: it only changes what still differs.");
        }
        planned.scheduled().forEach(line -> lines.add("  scheduled: " + line));
        return lines;
    }
}
