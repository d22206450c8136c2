package dev.allot.slurm;

import dev.allot.core.AllotException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
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

    /** What an apply would change, read in one sacctmgr session (or one process per batch, {@link Sacctmgr}). */
    public ChangeSet diff(DesiredState desired) {
        try (Sacctmgr sacctmgr = new Sacctmgr(cli)) {
            return read(desired, sacctmgr::read).changes();
        }
    }

    /** The live state a diff read, with what it needed of it, and the changes. */
    private record Read(LiveState live, ChangeSet changes) {}

    /**
     * Reads the accounting tree (sacctmgr reads through {@code sacctmgr}) and the controller's reservations (one
     * scontrol process, run at the same time: it talks to slurmctld, not to slurmdbd), checks it against the plan and
     * compares them. Only when something differs does a second batch read the TRES slurmdbd tracks (a plan that
     * needs one it does not is refused before anything changes), and the default accounts of users when some leave
     * an account; each sacctmgr command costs about 0.2 s.
     */
    private Read read(DesiredState desired, Function<List<String>, SlurmCli.Result> sacctmgr) {
        LiveState live;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<List<LiveReservation>> reservations = executor.submit(cli::reservations);
            SlurmCli.Snapshot snapshot = cli.snapshot(desired.cluster(), sacctmgr, false, false);
            checkKnownCluster(desired, snapshot.clusters());
            live = snapshot.live().withReservations(joined(reservations));
        }
        ChangeSet changes = SlurmDiffer.diff(desired, live);
        if (changes.isEmpty()) {
            return new Read(live, changes);
        }
        boolean defaults = usersLeave(changes);
        SlurmCli.Extras extras = cli.extras(desired.cluster(), sacctmgr, true, defaults);
        checkTracked(desired, extras.trackedTres());
        return defaults ? withDefaults(desired, live, extras) : new Read(live, changes);
    }

    /**
     * Whether some user leaves an account: only then do the users' default accounts matter ({@link
     * SlurmDiffer#diff} moves the default of a user who leaves it), so only then are they read.
     */
    private static boolean usersLeave(ChangeSet changes) {
        return changes.changes().stream().anyMatch(Change.RemoveUsers.class::isInstance);
    }

    private static Read withDefaults(DesiredState desired, LiveState live, SlurmCli.Extras extras) {
        LiveState known = live.withDefaultAccounts(extras.defaultAccounts());
        return new Read(known, SlurmDiffer.diff(desired, known));
    }

    private static <T> T joined(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AllotException(
                    AllotException.Kind.INTERNAL, "slurm.interrupted", "Interrupted while reading the reservations.");
        }
    }

    /**
     * Fails before anything changes when the accounting database does not know the cluster: {@code sacctmgr load}
     * would otherwise create a new cluster named after a typo and put every account under it.
     */
    private static void checkKnownCluster(DesiredState desired, Set<String> clusters) {
        if (!clusters.contains(desired.cluster())) {
            throw new AllotException(
                    AllotException.Kind.NOT_FOUND,
                    "slurm.cluster.unknown",
                    "Slurm's accounting database knows no cluster " + desired.cluster()
                            + " (it knows: " + String.join(", ", clusters) + "). Maybe --cluster "
                            + (clusters.isEmpty()
                                    ? "with the ClusterName of slurm.conf"
                                    : clusters.iterator().next())
                            + "?");
        }
    }

    /** Fails before anything changes when the plan needs a GPU TRES the cluster does not track. */
    private static void checkTracked(DesiredState desired, Set<String> tracked) {
        List<String> missing = desired.managedTres().stream()
                .filter(tres -> !tracked.contains(tres))
                .sorted()
                .toList();
        if (!missing.isEmpty()) {
            throw AllotException.invalid(
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

    /**
     * One sacctmgr session ({@link Sacctmgr}) reads the cluster, then runs every change and reads the accounts back,
     * which tells each account's state ({@link ApplyResult.AccountState}). Then one scontrol process per reservation
     * change (after the accounts, which a new reservation names), and one that reads the reservations back.
     */
    public ApplyResult apply(DesiredState desired) {
        long start = System.nanoTime();
        try (Sacctmgr sacctmgr = new Sacctmgr(cli)) {
            return apply(desired, sacctmgr, start);
        }
    }

    private ApplyResult apply(DesiredState desired, Sacctmgr sacctmgr, long start) {
        Read before = read(desired, sacctmgr::read);
        ChangeSet planned = before.changes();
        if (planned.isEmpty()) {
            return new ApplyResult(planned, List.of(), List.of(), Map.of(), List.of(), elapsedSince(start));
        }
        SacctmgrScript script = SacctmgrScript.render(planned);
        List<String> errors = new ArrayList<>();
        SessionOutput output = SessionOutput.parse("", 0);
        LiveState after = before.live();
        if (!script.isEmpty()) {
            Path flatFile = script.loadFile().isEmpty() ? null : cli.writeTemporary(script.loadFile());
            try {
                List<String> commands = new ArrayList<>();
                script.commands()
                        .forEach(command ->
                                commands.add(command.equals(SacctmgrScript.LOAD) ? "load file=" + flatFile : command));
                commands.add(cli.treeCommand(desired.cluster()));
                SlurmCli.Result result = sacctmgr.write(commands);
                output = SessionOutput.parse(result.stdout(), commands.size());
                if (!result.ok()) {
                    // sacctmgr's progress notes go to stderr too; keep the errors
                    String stderr = result.stderr()
                            .lines()
                            .filter(line -> !line.contains("Done adding cluster"))
                            .collect(Collectors.joining("\n"));
                    errors.add("sacctmgr exit " + result.exitCode() + ": " + SlurmCli.firstLines(stderr));
                }
                // the read back is the tree alone; the default accounts only when a user still has to leave one
                after = (output.reached(commands.size() - 1)
                                ? cli.treeOf(
                                        desired.cluster(),
                                        output,
                                        script.steps().size(),
                                        result)
                                : cli.snapshot(desired.cluster()).live())
                        .withReservations(before.live().reservations());
            } finally {
                if (flatFile != null) {
                    flatFile.toFile().delete();
                }
            }
        }
        ReservationScript reservations = ReservationScript.render(planned);
        for (ReservationScript.Step step : reservations.steps()) {
            SlurmCli.Result result = cli.scontrol(step.arguments());
            if (!result.ok()) {
                errors.add("scontrol exit " + result.exitCode() + " on reservation "
                        + step.change().reservation() + ": "
                        + SlurmCli.firstLines(result.stderr() + result.stdout()));
            }
        }
        if (!reservations.isEmpty()) {
            after = after.withReservations(cli.reservations());
        }
        ChangeSet remaining = SlurmDiffer.diff(desired, after);
        if (usersLeave(remaining) && after.defaultAccounts().isEmpty()) {
            remaining = withDefaults(desired, after, cli.extras(desired.cluster(), cli::session, false, true))
                    .changes();
        }
        return result(planned, remaining, script, output, errors, elapsedSince(start));
    }

    /**
     * The sacctmgr of one apply or diff: a {@link SacctmgrSession} for the reads and then the writes, or, when none opens or
     * one answers unexpectedly (writes to stderr, ends), one {@code sacctmgr -i -n -P} process per batch of commands
     * ({@link SlurmCli#session}) from then on. A read that answered unexpectedly is asked again that way, unless
     * sacctmgr refused a field of it ({@link SlurmCli#UNKNOWN_FIELD}), which it would refuse again.
     */
    private static final class Sacctmgr implements AutoCloseable {
        private final SlurmCli cli;
        private SacctmgrSession session;

        Sacctmgr(SlurmCli cli) {
            this.cli = cli;
            this.session = cli.openSession().orElse(null);
        }

        SlurmCli.Result read(List<String> commands) {
            if (session != null) {
                java.util.Optional<String> answer = session.ask(commands);
                if (answer.isPresent()) {
                    return new SlurmCli.Result(session.command(), 0, answer.get(), "");
                }
                SlurmCli.Result refused = new SlurmCli.Result(session.command(), 1, "", session.error());
                close();
                if (SlurmCli.refusedField(refused)) {
                    return refused;
                }
            }
            return cli.session(commands);
        }

        /** Runs the last batch: the session ends with it, and the result carries sacctmgr's exit code. */
        SlurmCli.Result write(List<String> commands) {
            if (session != null) {
                SacctmgrSession last = session;
                session = null;
                return last.finish(commands);
            }
            return cli.session(commands);
        }

        @Override
        public void close() {
            if (session != null) {
                session.close();
                session = null;
            }
        }
    }

    /**
     * Starts the budgets of a new cycle from zero: sets {@code RawUsage=0} on every project or category account with
     * a GPU-minute budget ({@code GrpTRESMins}), which Slurm counts against that usage. Unused budget does not carry
     * over. Not idempotent by nature: run it once, on the first apply of a cycle.
     *
     * @return the accounts whose usage was reset
     */
    public java.util.SortedSet<String> resetUsage(DesiredState desired) {
        java.util.SortedSet<String> accounts = budgetedAccounts(desired);
        List<String> commands = resetCommands(desired.cluster(), accounts);
        if (!commands.isEmpty()) {
            SlurmCli.require(cli.session(commands));
        }
        return accounts;
    }

    static java.util.SortedSet<String> budgetedAccounts(DesiredState desired) {
        java.util.SortedSet<String> accounts = new java.util.TreeSet<>();
        desired.accounts().stream()
                .filter(account -> !account.limits().grpTresMins().isEmpty())
                .forEach(account -> accounts.add(account.name()));
        return accounts;
    }

    /** {@code modify account where name=a,b cluster=C set RawUsage=0}, in lines sacctmgr accepts. */
    static List<String> resetCommands(String cluster, java.util.SortedSet<String> accounts) {
        return SacctmgrScript.chunks(accounts).stream()
                .map(names -> "modify account where name=" + names + " cluster=" + cluster + " set RawUsage=0")
                .toList();
    }

    private static ApplyResult result(
            ChangeSet planned,
            ChangeSet remaining,
            SacctmgrScript script,
            SessionOutput output,
            List<String> errors,
            Duration elapsed) {
        Set<String> open = remaining.changes().stream().map(SlurmEnforcer::key).collect(Collectors.toSet());
        Set<String> openAccounts = remaining.changes().stream()
                .filter(change -> !(change instanceof Change.ReservationChange))
                .map(Change::account)
                .collect(Collectors.toSet());
        Set<String> reached = new HashSet<>();
        for (int index = 0; index < script.steps().size(); index++) {
            if (output.reached(index)) {
                reached.addAll(script.steps().get(index).accounts());
            }
        }
        List<Change> applied = planned.changes().stream()
                .filter(change -> !open.contains(key(change)))
                .toList();
        Map<String, ApplyResult.AccountState> accounts = new TreeMap<>();
        planned.changes().stream()
                .filter(change -> !(change instanceof Change.ReservationChange))
                .forEach(change -> accounts.put(
                        change.account(),
                        !openAccounts.contains(change.account())
                                ? ApplyResult.AccountState.APPLIED
                                : reached.contains(change.account())
                                        ? ApplyResult.AccountState.FAILED
                                        : ApplyResult.AccountState.UNTOUCHED));
        return new ApplyResult(planned, applied, remaining.changes(), accounts, errors, elapsed);
    }

    private static String key(Change change) {
        String subject =
                change instanceof Change.ReservationChange reservation ? reservation.reservation() : change.account();
        return change.getClass().getSimpleName() + ":" + subject;
    }

    private static Duration elapsedSince(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
