package dev.allot.slurm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes a cluster's accounting tree match a desired state through {@link SlurmCli}: diff (dry run), apply (only what
 * differs, verified by reading the state back) and drift.
 */
public final class SlurmEnforcer {
    private final SlurmCli cli;

    public SlurmEnforcer(SlurmCli cli) {
        this.cli = cli;
    }

    public ChangeSet diff(DesiredState desired) {
        checkKnownCluster(desired);
        checkTracked(desired);
        return liveDiff(desired);
    }

    /**
     * Fails before anything changes when the accounting database does not know the cluster: {@code sacctmgr load}
     * would otherwise create a new cluster named after a typo and put every account under it.
     */
    private void checkKnownCluster(DesiredState desired) {
        java.util.Set<String> clusters = cli.clusters();
        if (!clusters.contains(desired.cluster())) {
            throw new dev.allot.core.AllotException(
                    dev.allot.core.AllotException.Kind.NOT_FOUND,
                    "slurm.cluster.unknown",
                    "Slurm's accounting database knows no cluster " + desired.cluster()
                            + " (it knows: " + String.join(", ", clusters) + "). Maybe --cluster "
                            + (clusters.isEmpty()
                                    ? "with the ClusterName of slurm.conf"
                                    : clusters.iterator().next())
                            + "?");
        }
    }

    private ChangeSet liveDiff(DesiredState desired) {
        return SlurmDiffer.diff(desired, cli.liveState(desired.cluster()));
    }

    /** Fails before anything changes when the plan needs a GPU TRES the cluster does not track. */
    private void checkTracked(DesiredState desired) {
        java.util.Set<String> tracked = cli.trackedTres();
        List<String> missing = desired.managedTres().stream()
                .filter(tres -> !tracked.contains(tres))
                .sorted()
                .toList();
        if (!missing.isEmpty()) {
            throw dev.allot.core.AllotException.invalid(
                    "slurm.tres.untracked",
                    "Cluster " + desired.cluster()
                            + " does not track " + String.join(", ", missing) + " (tracked: "
                            + String.join(", ", tracked)
                            + "). Maybe map the lab's GPU type to Slurm's name with --gpu-type LAB=SLURM, or add it to"
                            + " AccountingStorageTRES in slurm.conf?");
        }
    }

    /** The same comparison as {@link #diff}, read as drift: what differs from the published plan right now. */
    public ChangeSet drift(DesiredState desired) {
        return diff(desired);
    }

    public ApplyResult apply(DesiredState desired) {
        long start = System.nanoTime();
        checkKnownCluster(desired);
        checkTracked(desired);
        ChangeSet planned = liveDiff(desired);
        if (planned.isEmpty()) {
            return new ApplyResult(planned, List.of(), List.of(), List.of(), elapsedSince(start));
        }
        SacctmgrScript script = SacctmgrScript.render(planned);
        List<String> errors = new ArrayList<>();
        if (!script.loadFile().isEmpty()) {
            collect(cli.load(script.loadFile()), errors);
        }
        if (!script.commands().isEmpty()) {
            collect(cli.commands(script.commands()), errors);
        }
        ChangeSet remaining = liveDiff(desired);
        Set<String> open = remaining.changes().stream().map(SlurmEnforcer::key).collect(Collectors.toSet());
        List<Change> applied = planned.changes().stream()
                .filter(change -> !open.contains(key(change)))
                .toList();
        return new ApplyResult(planned, applied, remaining.changes(), errors, elapsedSince(start));
    }

    private static void collect(SlurmCli.Result result, List<String> errors) {
        if (!result.ok()) {
            errors.add("'" + String.join(" ", result.command()) + "' exit " + result.exitCode() + ": "
                    + SlurmCli.firstLines(result.stderr()));
        }
    }

    private static String key(Change change) {
        return change.getClass().getSimpleName() + ":" + change.account();
    }

    private static Duration elapsedSince(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
