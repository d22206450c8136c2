package dev.allot.app.kueue;

import dev.allot.app.Cli;
import dev.allot.kueue.ClusterDiff;
import dev.allot.kueue.KueueCluster;
import dev.allot.kueue.KueueManifest;
import dev.allot.kueue.ObjectChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code allot kueue apply}: makes the cluster obey the plan; idempotent. */
@Command(
        name = "apply",
        mixinStandardHelpOptions = true,
        description = {
            "Create and update the plan's Kueue objects on the cluster (server-side apply, field manager",
            "'allot'). Writes only what differs, so running it again changes nothing. Run it daily to enforce",
            "dated yields."
        })
final class KueueApplyCommand extends KueueCommand.ClusterRun {
    @Option(
            names = "--prune",
            description = "Also delete Allot's Kueue objects the plan no longer holds (never" + " namespaces).")
    boolean prune;

    @Override
    public Integer call() {
        KueueManifest manifest = manifest();
        ClusterDiff applied;
        try (KueueCluster connection = connect()) {
            applied = connection.apply(manifest, prune);
        }
        System.out.print(applied.render("Kueue apply for " + manifest.asOf()));
        int extra = applied.of(ObjectChange.Action.EXTRA).size();
        System.out.println(
                !applied.hasDrift()
                        ? "The cluster already obeyed the plan; nothing was written."
                        : extra > 0 && !prune
                                ? extra + " extra object(s) left in place; --prune deletes them."
                                : "Done.");
        KueueCommand.printPendingYields(manifest, System.out);
        System.out.flush();
        return Cli.OK;
    }
}
