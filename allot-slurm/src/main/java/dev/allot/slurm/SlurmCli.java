package dev.allot.slurm;

import dev.allot.core.AllotException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs Slurm's command-line tools. Every sacctmgr call that changes something gets {@code -i} (without it,
 * sacctmgr with no terminal loops for ever on "Y or N please"), every call has a timeout after which the process
 * is killed (sacctmgr rolls back what it had not committed), and reads use {@code -n -P} (no header, {@code |}
 * separated).
 */
public final class SlurmCli {
    /** What one process did. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private final Duration timeout;
    private final Map<String, String> environment;
    private final String sacctmgr;
    private final String scontrol;
    private final Duration handshake;

    /**
     * @param timeout per process
     * @param environment extra environment, e.g. {@code SLURM_CONF}
     */
    public SlurmCli(Duration timeout, Map<String, String> environment) {
        this(timeout, environment, "", SacctmgrSession.HANDSHAKE);
    }

    /**
     * With sacctmgr and scontrol taken from {@code tools} (a folder; empty: from PATH), where tests play a Slurm's
     * answers with programs of those names, and a session's {@code handshake} time ({@link #openSession}).
     */
    SlurmCli(Duration timeout, Map<String, String> environment, String tools, Duration handshake) {
        this.timeout = timeout;
        this.handshake = handshake;
        this.environment = Map.copyOf(environment);
        this.sacctmgr = tools.isEmpty() ? "sacctmgr" : tools + "/sacctmgr";
        this.scontrol = tools.isEmpty() ? "scontrol" : tools + "/scontrol";
    }

    public static SlurmCli withDefaults() {
        return new SlurmCli(Duration.ofSeconds(60), Map.of());
    }

    /**
     * One cluster's accounts and every user's default account, read with parent information
     * ({@link #FULL_TREE_COMMANDS}, which every Slurm version answers) in one sacctmgr process.
     */
    public LiveState liveState(String cluster) {
        List<String> commands = commands(FULL_TREE_COMMANDS, cluster);
        Result result = require(session(commands));
        SessionOutput output = SessionOutput.parse(result.stdout(), commands.size());
        return LiveStateParser.parse(cluster, output.text(0))
                .withDefaultAccounts(LiveStateParser.parseDefaultAccounts(output.text(1)));
    }

    /**
     * What Slurm's accounting database knows, read in one sacctmgr session: the accounts of one cluster, and as asked
     * the TRES it tracks (empty when not asked) and every user's default account; and its clusters, which are read
     * only when the cluster has no root association (a cluster the database knows always has one), to name them in
     * the error.
     */
    public record Snapshot(java.util.Set<String> clusters, java.util.Set<String> trackedTres, LiveState live) {}

    /** The tracked TRES and every user's default account, as {@link #extras} read them (empty when not asked). */
    record Extras(java.util.Set<String> trackedTres, java.util.Map<String, String> defaultAccounts) {}

    static final String TRES_COMMAND = "show tres format=type,name";

    /**
     * The reads that tell the accounts and users of one cluster ({@code %s}: the cluster), both without parent
     * information ({@code wopinfo}), which slurmdbd would otherwise look up with two queries per association: the
     * associations ({@link LiveStateParser#TREE_FORMAT}) and every user's default account in that cluster.
     */
    static final List<String> TREE_COMMANDS = List.of(
            "show assoc where cluster=%s wopinfo format=" + LiveStateParser.TREE_FORMAT,
            "show assoc where cluster=%s wopinfo onlydefaults format=user,account");

    /**
     * The same reads with parent information, for a Slurm whose accounting database has no nested-set bounds to
     * print ({@code lft}, {@code rgt}): slower, but every version answers them.
     */
    static final List<String> FULL_TREE_COMMANDS = List.of(
            "show assoc where cluster=%s format=" + LiveStateParser.FORMAT, "show user format=user,defaultaccount");

    /** Set once sacctmgr refused a field of the fast reads: this adapter then reads with {@link #FULL_TREE_COMMANDS}. */
    private volatile boolean fullTreeReads;

    /**
     * What sacctmgr prints (to stderr, and then it exits) for a {@code format=} field it does not know: a Slurm whose
     * accounting database has no nested-set bounds refuses {@code lft} and {@code rgt} so.
     */
    static final String UNKNOWN_FIELD = "Unknown field";

    /** {@link Snapshot} of one cluster with its TRES and default accounts, in one sacctmgr process. */
    public Snapshot snapshot(String cluster) {
        return snapshot(cluster, this::session, true, true);
    }

    /**
     * {@link Snapshot} of one cluster over {@code session}: its tree, and the tracked TRES ({@code tres}) and default
     * accounts ({@code defaults}) when asked, in one batch. Each sacctmgr command costs about 0.2 s however few rows
     * it prints (slurmdbd's answers wait on TCP acknowledgements), so a diff reads only what it needs. When sacctmgr
     * refuses a field of the fast reads ({@link #UNKNOWN_FIELD}), they are read again with parent information, and
     * this adapter keeps doing so. Any other failure is reported as it is, and a cluster without a root association
     * is unknown.
     */
    Snapshot snapshot(
            String cluster, java.util.function.Function<List<String>, Result> session, boolean tres, boolean defaults) {
        List<String> commands = new ArrayList<>();
        if (tres) {
            commands.add(TRES_COMMAND);
        }
        int tree = commands.size();
        commands.add(treeCommand(cluster));
        if (defaults) {
            commands.add(defaultsCommand(cluster));
        }
        Result result = session.apply(commands);
        if (!fullTreeReads && refusedField(result)) {
            fullTreeReads = true;
            return snapshot(cluster, session, tres, defaults);
        }
        require(result);
        SessionOutput output = reached(SessionOutput.parse(result.stdout(), commands.size()), commands.size(), result);
        LiveState live = treeOf(cluster, output, tree, result);
        if (defaults) {
            live = live.withDefaultAccounts(LiveStateParser.parseDefaultAccounts(output.text(tree + 1)));
        }
        java.util.Set<String> tracked = tres ? trackedTres(output.text(0)) : java.util.Set.of();
        java.util.Set<String> clusters = live.accounts().containsKey("root") ? java.util.Set.of(cluster) : clusters();
        return new Snapshot(clusters, tracked, live);
    }

    /** What a diff may need besides the tree, in one batch over {@code session}: the tracked TRES, the defaults. */
    Extras extras(
            String cluster, java.util.function.Function<List<String>, Result> session, boolean tres, boolean defaults) {
        List<String> commands = new ArrayList<>();
        if (tres) {
            commands.add(TRES_COMMAND);
        }
        if (defaults) {
            commands.add(defaultsCommand(cluster));
        }
        if (commands.isEmpty()) {
            return new Extras(java.util.Set.of(), java.util.Map.of());
        }
        Result result = require(session.apply(commands));
        SessionOutput output = reached(SessionOutput.parse(result.stdout(), commands.size()), commands.size(), result);
        return new Extras(
                tres ? trackedTres(output.text(0)) : java.util.Set.of(),
                defaults ? LiveStateParser.parseDefaultAccounts(output.text(commands.size() - 1)) : java.util.Map.of());
    }

    private static java.util.Set<String> trackedTres(String text) {
        java.util.Set<String> tres = new java.util.TreeSet<>();
        for (ParsableOutput.Line line : ParsableOutput.lines(text, 2, "sacctmgr", "type,name", "")) {
            tres.add(line.field(1).isEmpty() ? line.field(0) : line.field(0) + "/" + line.field(1));
        }
        return tres;
    }

    /** {@code output} when it has a section for each of the {@code commands}; a failure otherwise. */
    private static SessionOutput reached(SessionOutput output, int commands, Result result) {
        if (!output.reached(commands - 1)) {
            require(new Result(result.command(), result.ok() ? 1 : result.exitCode(), "", result.stderr()));
        }
        return output;
    }

    /** Whether sacctmgr failed because it does not know a {@code format=} field. */
    static boolean refusedField(Result result) {
        return !result.ok() && (result.stderr() + result.stdout()).contains(UNKNOWN_FIELD);
    }

    /** The reads of one cluster's tree and default accounts this adapter uses: the fast ones, or the full ones. */
    List<String> treeCommands(String cluster) {
        return commands(fullTreeReads ? FULL_TREE_COMMANDS : TREE_COMMANDS, cluster);
    }

    /** The read of one cluster's associations this adapter uses ({@link #treeCommands}' first). */
    String treeCommand(String cluster) {
        return treeCommands(cluster).get(0);
    }

    private String defaultsCommand(String cluster) {
        return treeCommands(cluster).get(1);
    }

    private static List<String> commands(List<String> reads, String cluster) {
        return reads.stream().map(command -> command.formatted(cluster)).toList();
    }

    /** The tree {@link #treeCommand} printed in section {@code section} of a session, without default accounts. */
    LiveState treeOf(String cluster, SessionOutput output, int section, Result result) {
        reached(output, section + 1, result);
        return fullTreeReads
                ? LiveStateParser.parse(cluster, output.text(section))
                : LiveStateParser.parseTree(cluster, output.text(section));
    }

    /**
     * One {@code sacctmgr -i -n -P} process reading the commands from stdin; it runs them in order, goes on after
     * one fails, and echoes each before its output ({@link SessionOutput}).
     */
    public Result session(List<String> commands) {
        return run(sessionCommand(), String.join("\n", commands) + "\n");
    }

    private List<String> sessionCommand() {
        return List.of(sacctmgr, "-i", "-n", "-P");
    }

    /**
     * A {@code sacctmgr -i -n -P} process kept open for several batches of commands ({@link SacctmgrSession});
     * empty when sacctmgr cannot be started or does not answer as a session should within the handshake time (5 s
     * unless a test says otherwise), and the caller then runs {@link #session} processes instead.
     */
    Optional<SacctmgrSession> openSession() {
        return SacctmgrSession.open(sessionCommand(), environment, timeout, handshake);
    }

    /**
     * Every reservation of the controller slurm.conf names ({@code scontrol show reservation --oneliner}); scontrol
     * talks to slurmctld, not to the accounting database.
     */
    public java.util.List<LiveReservation> reservations() {
        return ReservationParser.parse(require(run(List.of(scontrol, "--oneliner", "show", "reservation"), ""))
                .stdout());
    }

    /** One {@code scontrol} command; the caller reads the result. */
    public Result scontrol(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(scontrol));
        command.addAll(arguments);
        return run(command, "");
    }

    /** Names of the clusters the accounting database knows ({@code sacctmgr show cluster}). */
    public java.util.Set<String> clusters() {
        Result result = require(run(List.of(sacctmgr, "-n", "-P", "show", "cluster", "format=cluster"), ""));
        return result.stdout()
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    /** Writes a flat file for {@code load} to a temporary file the caller deletes. */
    public Path writeTemporary(String text) {
        try {
            Path file = Files.createTempFile("allot-slurm-", ".cfg");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new AllotException(
                    AllotException.Kind.INTERNAL,
                    "slurm.io",
                    "Could not write the sacctmgr flat file: " + e.getMessage()
                            + ". Maybe the temporary directory is full?",
                    List.of(),
                    e);
        }
    }

    /** One {@code sacctmgr -i} process reading the commands from stdin. */
    public Result commands(List<String> commands) {
        return run(List.of(sacctmgr, "-i"), String.join("\n", commands) + "\n");
    }

    /** Runs any Slurm tool (sacct, sbatch, squeue, scancel...) with this adapter's timeout and environment. */
    public Result run(List<String> command, String stdin) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("allot-slurm-", ".out");
            err = Files.createTempFile("allot-slurm-", ".err");
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("SLURM_TIME_FORMAT", "standard");
            builder.environment().putAll(environment);
            Process process = builder.start();
            try (var input = process.getOutputStream()) {
                input.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw timedOut(command, timeout);
            }
            return new Result(List.copyOf(command), process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new AllotException(
                    AllotException.Kind.UNAVAILABLE,
                    "slurm.tool.missing",
                    "Could not run '"
                            + command.get(0) + "': " + e.getMessage() + ". Maybe install the Slurm client tools"
                            + " (apt-get install slurm-client) or put them on PATH?",
                    List.of(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(command, e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    static AllotException timedOut(List<String> command, Duration timeout) {
        return new AllotException(
                AllotException.Kind.UNAVAILABLE,
                "slurm.timeout",
                "'" + String.join(" ", command)
                        + "' did not finish within " + timeout.toMillis()
                        + " ms and was stopped. Maybe slurmdbd or"
                        + " slurmctld is hanging; check 'scontrol ping' and the daemon logs.");
    }

    static AllotException interrupted(List<String> command, InterruptedException e) {
        return new AllotException(
                AllotException.Kind.INTERNAL,
                "slurm.interrupted",
                "Interrupted while running '" + String.join(" ", command) + "'.",
                List.of(),
                e);
    }

    /** Throws a readable error when the tool failed, e.g. because slurmdbd is down. */
    public static Result require(Result result) {
        if (!result.ok()) {
            throw new AllotException(
                    AllotException.Kind.UNAVAILABLE,
                    "slurm.unavailable",
                    "'"
                            + String.join(" ", result.command()) + "' failed (exit " + result.exitCode() + "): "
                            + firstLines(result.stderr() + result.stdout()) + ". Maybe slurmdbd or slurmctld is"
                            + " down or unreachable (check 'sacctmgr ping' and 'scontrol ping'), or this user may"
                            + " not run it?");
        }
        return result;
    }

    static String firstLines(String text) {
        List<String> lines = new ArrayList<>(
                text.strip().lines().filter(line -> !line.isBlank()).toList());
        if (lines.isEmpty()) {
            return "no output";
        }
        return String.join(" / ", lines.subList(0, Math.min(3, lines.size())));
    }

    private static void delete(Path file) {
        if (file != null) {
            file.toFile().delete();
        }
    }
}
