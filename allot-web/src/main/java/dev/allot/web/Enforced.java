package dev.allot.web;

import dev.allot.application.Enforcements;
import dev.allot.core.model.CycleId;
import dev.allot.store.EnforcementRun;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The cycle page's enforcement line: "applied to slurm/cluster-a at 10:42, 37 changes, 0 drift since". */
final class Enforced {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Enforced() {}

    /** {@code " · applied to ..."} for the cycle's latest apply or export, or empty when none is recorded. */
    static String line(Enforcements enforcements, CycleId cycle) {
        return enforcements.latest(cycle).map(Enforced::describe).orElse("");
    }

    static String describe(Enforcements.Latest latest) {
        EnforcementRun run = latest.applied();
        StringBuilder line = new StringBuilder(" · ")
                .append(run.mode().equals("export") ? "exported for " : "applied to ")
                .append(run.enforcer())
                .append('/')
                .append(run.target())
                .append(" at ")
                .append(WHEN.format(run.ranAt()));
        if (run.changes() != null) {
            line.append(", ").append(run.changes()).append(run.mode().equals("export") ? " objects" : " changes");
        }
        if (run.errors() > 0) {
            line.append(", ").append(run.errors()).append(" error(s)");
        }
        line.append(latest.driftSince()
                .map(drift -> ", " + (drift.drift() == null ? "?" : drift.drift()) + " drift since")
                .orElse(", no drift check since"));
        return line.toString();
    }
}
