package dev.allot.app.kueue;

import dev.allot.app.Cli;
import dev.allot.kueue.ClusterDiff;
import dev.allot.kueue.KueueManifest;
import picocli.CommandLine.Command;

/** {@code allot kueue drift}: whether the cluster still matches the plan; exit status 1 when it does not. */
@Command(
        name = "drift",
        mixinStandardHelpOptions = true,
        description = {
            "Report where the cluster's Kueue objects differ from the plan (hand edits, missing or extra objects). Exit status 0 when the cluster obeys the plan, 1 when it has drifted (for monitoring)."
        })
final class KueueDriftCommand extends KueueCommand.ClusterRun {
    @Override
    public Integer call() {
        KueueManifest manifest = manifest();
        ClusterDiff diff = diff(manifest, "drift");
        record("drift", null, KueueCommand.differing(diff), 0, "");
        System.out.print(diff.render(
                diff.hasDrift()
                        ? "Kueue drift on " + manifest.asOf()
                                + " (apply repairs updates and creates; --prune deletes extras)"
                        : "No Kueue drift on " + manifest.asOf()));
        KueueCommand.printPendingYields(manifest, System.out);
        System.out.flush();
        return diff.hasDrift() ? Cli.FAILED : Cli.OK;
    }
}
