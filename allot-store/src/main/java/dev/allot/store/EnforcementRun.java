package dev.allot.store;

import dev.allot.core.model.CycleId;
import java.time.Instant;
import java.util.Objects;

/**
 * One run of an enforcer against a cycle's published plan, as recorded: when, by whom, where, in which mode, and
 * what it found.
 *
 * @param planVersion the published version enforced, or null when the run did not say
 * @param enforcer {@code slurm} or {@code kueue}
 * @param target the Slurm cluster name, the Kubernetes context, or the folder an export was written to
 * @param mode {@code apply}, {@code drift}, {@code dry-run} or {@code export}
 * @param changes objects or limits changed (apply), that would change (dry-run) or written (export); null: not counted
 * @param drift differences from the plan found on the cluster; null: not looked for
 * @param errors failures during the run (0 for a clean run)
 * @param detail the first error, or a short note; empty when there is nothing to add
 */
public record EnforcementRun(
        long id,
        CycleId cycle,
        Integer planVersion,
        Instant ranAt,
        String ranBy,
        String enforcer,
        String target,
        String mode,
        Integer changes,
        Integer drift,
        int errors,
        String detail) {
    public EnforcementRun {
        Objects.requireNonNull(cycle, "cycle");
        Objects.requireNonNull(ranAt, "ranAt");
        Objects.requireNonNull(ranBy, "ranBy");
        Objects.requireNonNull(enforcer, "enforcer");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mode, "mode");
        detail = detail == null ? "" : detail;
    }

    /** A run as an enforcer reports it, before the store gives it an id, a time and a user. */
    public static EnforcementRun report(
            CycleId cycle,
            Integer planVersion,
            String enforcer,
            String target,
            String mode,
            Integer changes,
            Integer drift,
            int errors,
            String detail) {
        return new EnforcementRun(
                0, cycle, planVersion, Instant.EPOCH, "", enforcer, target, mode, changes, drift, errors, detail);
    }
}
