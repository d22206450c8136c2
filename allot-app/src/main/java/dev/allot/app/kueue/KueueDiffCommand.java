package dev.allot.app.kueue;

import dev.allot.app.Cli;
import dev.allot.kueue.ClusterDiff;
import dev.allot.kueue.KueueManifest;
import picocli.CommandLine.Command;

/** {@code allot kueue diff}: what apply would change, without changing anything. */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = "Show what 'allot kueue apply' would create, update or find extra on the cluster (dry run).")
final class KueueDiffCommand extends KueueCommand.ClusterRun {
    @Override
    public Integer call() {
        KueueManifest manifest = manifest();
        ClusterDiff diff = diff(manifest, "dry-run");
        record("dry-run", KueueCommand.differing(diff), null, 0, "");
        System.out.print(diff.render("Kueue diff (dry run) for " + manifest.asOf()));
        KueueCommand.printPendingYields(manifest, System.out);
        System.out.flush();
        return Cli.OK;
    }
}
