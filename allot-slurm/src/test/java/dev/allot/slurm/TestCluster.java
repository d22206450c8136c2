package dev.allot.slurm;

import static org.assertj.core.api.Assertions.fail;

import dev.allot.core.AllotException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Slurm cluster the integration tests run against (scripts/slurm-test-cluster.sh start). Without one the
 * tests are skipped, except under CI ({@code CI} set), where a missing cluster is a failure.
 */
final class TestCluster {
    static final String CLUSTER = System.getenv().getOrDefault("ALLOT_SLURM_CLUSTER", "ci");
    static final SlurmCli CLI = new SlurmCli(Duration.ofSeconds(60), Map.of());

    private TestCluster() {}

    static void require() {
        String problem;
        try {
            SlurmCli.Result result = new SlurmCli(Duration.ofSeconds(15), Map.of())
                    .run(List.of("sacctmgr", "-n", "-P", "show", "cluster", "format=cluster"), "");
            boolean found = result.ok()
                    && result.stdout().lines().anyMatch(line -> line.strip().equals(CLUSTER));
            problem = found
                    ? null
                    : "cluster '" + CLUSTER + "' not in sacctmgr's clusters: "
                            + SlurmCli.firstLines(result.stdout() + result.stderr());
        } catch (AllotException e) {
            problem = e.getMessage();
        }
        if (problem == null) {
            return;
        }
        String message = "No Slurm cluster reachable (" + problem + "). Start one with"
                + " 'scripts/slurm-test-cluster.sh start' (root, Debian 12).";
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank()) {
            fail(message + " CI is set, so this is a failure, not a skip.");
        }
        Assumptions.assumeTrue(false, message + " Skipped because CI is not set.");
    }

    /** A name prefix no earlier run used, so tests never see each other's accounts. */
    static String uniquePrefix() {
        return "it" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "-";
    }

    static String submit(String account, String gres, String command) {
        return sbatch(account, List.of(), gres, command);
    }

    /** A five-minute {@code sleep} job of an account inside a reservation. */
    static String submitTo(String account, String reservation, String gres) {
        return sbatch(account, List.of("--reservation=" + reservation), gres, "sleep 300");
    }

    private static String sbatch(String account, List<String> options, String gres, String command) {
        List<String> arguments =
                new java.util.ArrayList<>(List.of("sbatch", "--parsable", "-o", "/dev/null", "-A", account));
        arguments.addAll(options);
        arguments.addAll(List.of("--gres=" + gres, "-t", "5", "--wrap", command));
        SlurmCli.Result result = SlurmCli.require(CLI.run(arguments, ""));
        return result.stdout().strip().split(";")[0];
    }

    /** {@code STATE Reason} from squeue, or empty once the job has left the queue. */
    static String state(String jobId) {
        return CLI.run(List.of("squeue", "-h", "-j", jobId, "-o", "%T %r"), "")
                .stdout()
                .strip();
    }

    static String awaitState(String jobId, Predicate<String> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String state = state(jobId);
        while (!wanted.test(state) && System.nanoTime() < deadline) {
            sleep(200);
            state = state(jobId);
        }
        return state;
    }

    static void cancel(List<String> jobIds) {
        if (!jobIds.isEmpty()) {
            List<String> command = new java.util.ArrayList<>(List.of("scancel"));
            command.addAll(jobIds);
            CLI.run(command, "");
        }
    }

    /** Waits up to 15 s for the jobs to leave the queue. */
    static void awaitGone(List<String> jobIds) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (jobIds.stream().anyMatch(id -> !state(id).isEmpty()) && System.nanoTime() < deadline) {
            sleep(200);
        }
    }

    /** Best effort: waits for the jobs to leave the queue, then deletes every account whose name starts with prefix. */
    static void removeAccounts(String prefix, List<String> jobIds) {
        awaitGone(jobIds);
        LiveState live = CLI.liveState(CLUSTER);
        List<String> children = new java.util.ArrayList<>();
        List<String> parents = new java.util.ArrayList<>();
        live.accounts().values().stream()
                .filter(account -> account.name().startsWith(prefix))
                .forEach(account -> (account.parent().startsWith(prefix) ? children : parents).add(account.name()));
        List<String> commands = new java.util.ArrayList<>();
        if (!children.isEmpty()) {
            commands.add("delete account where name=" + String.join(",", children) + " cluster=" + CLUSTER);
        }
        if (!parents.isEmpty()) {
            commands.add("delete account where name=" + String.join(",", parents) + " cluster=" + CLUSTER);
        }
        if (!commands.isEmpty()) {
            CLI.commands(commands);
        }
    }

    /** The controller's reservations whose name contains {@code part}. */
    static List<LiveReservation> reservations(String part) {
        return CLI.reservations().stream()
                .filter(reservation -> reservation.name().contains(part))
                .toList();
    }

    /** Best effort: deletes every reservation whose name contains {@code part}. */
    static void removeReservations(String part) {
        reservations(part)
                .forEach(reservation -> CLI.scontrol(List.of("delete", "ReservationName=" + reservation.name())));
    }

    static void scontrol(String... args) {
        SlurmCli.require(CLI.scontrol(List.of(args)));
    }

    static void sacctmgr(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("sacctmgr", "-i"));
        command.addAll(List.of(args));
        SlurmCli.require(CLI.run(command, ""));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
