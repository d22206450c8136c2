package dev.allot.app.kueue;

import dev.allot.app.Cli;
import dev.allot.core.AllotException;
import dev.allot.kueue.ClusterDiff;
import dev.allot.kueue.KueueCluster;
import dev.allot.kueue.KueueManifest;
import dev.allot.kueue.ObjectChange;
import java.io.Console;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code allot kueue apply}: makes the cluster obey the plan; idempotent. */
@Command(
        name = "apply",
        mixinStandardHelpOptions = true,
        description = {
            "Show what will change, then create and update the plan's Kueue objects on the cluster (server-side apply, field manager 'allot'). On a terminal it asks before changing anything; scripts pass --yes, which deletions always need. Writes only what differs, so running it again changes nothing."
        })
final class KueueApplyCommand extends KueueCommand.ClusterRun {
    @Option(
            names = "--prune",
            description = "Also delete Allot's Kueue objects the plan no longer holds (never namespaces).")
    boolean prune;

    @Option(names = "--yes", description = "Apply without asking (for scripts); needed for any deletion.")
    boolean yes;

    @Option(
            names = "--max-deletions",
            paramLabel = "N",
            description = "Refuse to apply when more than N objects would be deleted (default: 5 %% of the objects"
                    + " Allot manages on the cluster, at least 1).")
    Integer maxDeletions;

    @Override
    public Integer call() {
        KueueManifest manifest = manifest();
        try (KueueCluster connection = connect()) {
            ClusterDiff diff = connection.diff(manifest);
            System.out.print(diff.render("Kueue apply for " + manifest.asOf() + " will change"));
            int extra = diff.of(ObjectChange.Action.EXTRA).size();
            boolean writes = diff.changes().stream()
                    .anyMatch(change -> change.action() != ObjectChange.Action.UNCHANGED
                            && (change.action() != ObjectChange.Action.EXTRA || prune));
            if (!writes) {
                record("apply", 0, null, 0, "");
                System.out.println(
                        extra > 0
                                ? "Nothing to write; " + extra
                                        + " extra object(s) left in place (--prune deletes them)."
                                : "The cluster already obeys the plan; nothing was written.");
                System.out.flush();
                return Cli.OK;
            }
            diff.checkDeletions(prune, maxDeletions == null ? diff.defaultMaxDeletions() : maxDeletions);
            if (!yes && !confirmed(diff.deletions(prune))) {
                System.out.println("Nothing was changed.");
                System.out.flush();
                return Cli.OK;
            }
            int written = (int) diff.changes().stream()
                    .filter(change -> change.action() != ObjectChange.Action.UNCHANGED
                            && (change.action() != ObjectChange.Action.EXTRA || prune))
                    .count();
            try {
                connection.apply(diff, prune);
            } catch (AllotException failure) {
                record("apply", null, null, 1, failure.getMessage());
                throw failure;
            }
            record("apply", written, null, 0, "");
        }
        System.out.println("Done.");
        KueueCommand.printPendingYields(manifest, System.out);
        System.out.flush();
        return Cli.OK;
    }

    /** Asks on a terminal; without one, changes proceed but deletions need {@code --yes}. */
    private static boolean confirmed(int deletions) {
        Console console = System.console();
        if (console == null) {
            if (deletions > 0) {
                throw AllotException.invalid(
                        "kueue.confirm-deletions",
                        "Apply would delete " + deletions
                                + " object(s) and there is no terminal to confirm it; nothing was changed. Maybe"
                                + " review 'allot kueue diff' and pass --yes?");
            }
            return true;
        }
        System.out.flush();
        String answer = console.readLine(
                "Apply these changes%s? [y/N] ", deletions > 0 ? " (deleting " + deletions + " object(s))" : "");
        return answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
    }
}
