package dev.allot.app.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.ProjectId;
import dev.allot.store.Store;
import dev.allot.store.UsageDay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code allot slurm} end to end against the real test cluster (scripts/slurm-test-cluster.sh start). */
class SlurmCommandIT {
    @Test
    void applyThenApplyAgainThenNoDrift(@TempDir Path dir) throws Exception {
        requireCluster();
        Path lab = Files.writeString(dir.resolve("lab.yaml"), SlurmCommandRun.LAB);
        String prefix = "itcli" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "-";
        String[] common = concat(replanned(lab, prefix), new String[] {"--extra-user", "root"});

        // another group's account on the shared cluster, outside Allot's subtree: never drift
        String foreign = prefix + "foreign";
        run("sacctmgr", "-i", "add", "account", foreign, "parent=root", "cluster=ci", "GrpTRES=gres/gpu=4");
        try {
            applyDiffDriftAndUsage(dir, prefix, common);
        } finally {
            removeAccounts(prefix);
        }
    }

    private static void applyDiffDriftAndUsage(Path dir, String prefix, String[] common) {
        SlurmCommandRun diff = SlurmCommandRun.of(concat(new String[] {"slurm", "diff", "--commands"}, common));
        SlurmCommandRun apply = SlurmCommandRun.of(concat(new String[] {"slurm", "apply", "--yes"}, common));
        SlurmCommandRun again = SlurmCommandRun.of(concat(new String[] {"slurm", "apply", "--yes"}, common));
        SlurmCommandRun drift = SlurmCommandRun.of(concat(new String[] {"slurm", "drift"}, common));

        assertThat(diff.exitCode()).as(diff.err()).isZero();
        assertThat(diff.out())
                .contains("+ account " + prefix + "vision-rl under " + prefix + "exploratory")
                .contains("# sacctmgr -i -n -P <<EOF");
        assertThat(apply.exitCode()).as(apply.err()).isZero();
        assertThat(apply.out())
                .startsWith("will change 4 association(s) on cluster ci: 0 lower, 2 raise, 0 hold, 2 other (users,"
                        + " QOS, parent)\napplied 4 of 4 change(s) on cluster ci");
        assertThat(again.out())
                .startsWith(
                        "will change nothing on cluster ci\ncluster ci already matches the plan: 0 changes applied");
        assertThat(drift.exitCode()).isZero();
        assertThat(drift.out()).startsWith("no drift: cluster ci matches the plan");

        SlurmCommandRun usage = SlurmCommandRun.of(
                "slurm", "usage", "--since", LocalDate.now().minusDays(1).toString(), "--dir", dir.toString());
        assertThat(usage.exitCode()).as(usage.err()).isZero();
        assertThat(usage.out()).startsWith("imported ");
        assertThat(dir.resolve("usage.csv")).exists();
    }

    @Test
    void diffListsEachReservedBlockOnOneLineWithItsDays(@TempDir Path dir) throws Exception {
        requireCluster();
        Path lab = Files.writeString(
                dir.resolve("lab.yaml"),
                SlurmCommandRun.LAB.replace(
                        "ask: {floor: 8, target: 16, ceiling: 24, gpuTypes: [H100]}",
                        "ask: {floor: 8, target: 16, ceiling: 24, gpuTypes: [H100]}\n    blocks:"
                                + " [{gpuType: H100, gpus: 8, days: 5, earliestStart: 2027-01-11,"
                                + " latestEnd: 2027-01-16}]"));
        String prefix = "itblk" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "-";

        SlurmCommandRun diff = SlurmCommandRun.of(concat(new String[] {"slurm", "diff"}, replanned(lab, prefix)));

        assertThat(diff.exitCode()).as(diff.err()).isZero();
        assertThat(diff.out())
                .contains("+ reservation allot-2027-01-" + prefix + "vision-rl-1")
                .contains("  block: " + prefix + "vision-rl 2027-01-11 .. 2027-01-16: block of 8 H100, 8 per node"
                        + " (reservation allot-2027-01-" + prefix + "vision-rl-1, 1 node(s))\n");
    }

    @Test
    void usageOfAFinishedJobIsRecordedInTheStore(@TempDir Path dir) throws Exception {
        requireCluster();
        Path lab = Files.writeString(dir.resolve("lab.yaml"), SlurmCommandRun.LAB);
        String prefix = "itrec" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "-";
        String db = "jdbc:h2:file:" + dir.resolve("store").toAbsolutePath();
        assertThat(SlurmCommandRun.of("lab", "import", lab.toString(), "--db", db)
                        .exitCode())
                .isZero();
        try {
            runJobAndRecordUsage(dir, lab, prefix, db);
        } finally {
            removeAccounts(prefix);
        }
    }

    private static void runJobAndRecordUsage(Path dir, Path lab, String prefix, String db) throws Exception {
        SlurmCommandRun apply = SlurmCommandRun.of(
                "slurm",
                "apply",
                "--yes",
                "--replan",
                "--at",
                "2027-01-04",
                "--lab",
                lab.toString(),
                "--time-limit",
                "20",
                "--category-prefix",
                prefix,
                "--project-prefix",
                prefix,
                "--extra-user",
                "root");
        assertThat(apply.exitCode()).as(apply.err()).isZero();

        String job = run(
                        "sbatch",
                        "--parsable",
                        "-o",
                        "/dev/null",
                        "-A",
                        prefix + "vision-rl",
                        "--gres=gpu:h100:2",
                        "-t",
                        "5",
                        "--wrap",
                        "sleep 2")
                .split(";")[0];
        awaitAccounted(job);
        SlurmCommandRun usage = SlurmCommandRun.of(
                "slurm",
                "usage",
                "--since",
                LocalDate.now().minusDays(1).toString(),
                "--dir",
                dir.toString(),
                "--project-prefix",
                prefix,
                "--category-prefix",
                prefix,
                "--record",
                "--db",
                db);
        assertThat(usage.exitCode()).as(usage.err()).isZero();
        assertThat(usage.out()).contains("recorded them in the store");
        try (Store store = Store.open(db, null, null)) {
            double hours = store
                    .usage()
                    .usage(
                            ProjectId.of("vision-rl"),
                            LocalDate.now().minusDays(1),
                            LocalDate.now().plusDays(1))
                    .stream()
                    .filter(day -> day.gpuType().equals(GpuTypeId.of("H100")))
                    .mapToDouble(UsageDay::gpuHours)
                    .sum();
            long elapsed = Long.parseLong(run("sacct", "-X", "-n", "-P", "-j", job, "-o", "elapsedraw")
                    .strip());
            assertThat(hours)
                    .as(usage.out())
                    .isGreaterThan(0)
                    .isCloseTo(2 * elapsed / 3600.0, org.assertj.core.api.Assertions.within(1e-4));
        }
    }

    /**
     * Waits until accounting lists the finished job in time-window queries (what the usage import reads), which it
     * does a little after "sacct -j" reports it COMPLETED.
     */
    static void awaitAccounted(String job) throws Exception {
        long deadline = System.nanoTime() + 90_000_000_000L;
        String window = LocalDate.now().minusDays(1) + "T00:00:00";
        while (!run("sacct", "-a", "-X", "-n", "-P", "-S", window, "-o", "jobid,state,alloctres")
                .lines()
                .anyMatch(line -> line.startsWith(job + "|COMPLETED|") && line.contains("gres/gpu"))) {
            if (System.nanoTime() > deadline) {
                fail("job " + job + " did not complete within 90 s");
            }
            Thread.sleep(300);
        }
    }

    /** Deletes this run's accounts so that later runs on the same cluster see no accounts unknown to their plan. */
    static void removeAccounts(String prefix) throws Exception {
        List<String> accounts = run("sacctmgr", "-n", "-P", "show", "account", "format=account")
                .lines()
                .filter(name -> name.startsWith(prefix))
                .toList();
        // Slurm refuses to delete a user's default account: give root back its own, and remove the test users
        // (the lab's members) whose default is one of this run's accounts.
        run("sacctmgr", "-i", "modify", "user", "where", "name=root", "set", "defaultaccount=root");
        List<String> users = run("sacctmgr", "-n", "-P", "show", "user", "format=user,defaultaccount")
                .lines()
                .map(line -> line.split("\\|", 2))
                .filter(pair -> pair.length == 2 && pair[1].startsWith(prefix) && !pair[0].equals("root"))
                .map(pair -> pair[0])
                .toList();
        if (!users.isEmpty()) {
            run("sacctmgr", "-i", "delete", "user", "where", "name=" + String.join(",", users));
        }
        List<String> categories = accounts.stream()
                .filter(name -> name.endsWith("-exploratory") || name.endsWith("-product"))
                .toList();
        for (List<String> batch : List.of(
                accounts.stream().filter(name -> !categories.contains(name)).toList(), categories)) {
            if (!batch.isEmpty()) {
                run("sacctmgr", "-i", "delete", "account", "where", "name=" + String.join(",", batch));
            }
        }
    }

    static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within 30 s");
        }
        return new String(process.getInputStream().readAllBytes()).strip();
    }

    /** The lab replanned on the spot, enforced on its first day with Allot's accounts under {@code prefix}. */
    private static String[] replanned(Path lab, String prefix) {
        return new String[] {
            "--lab",
            lab.toString(),
            "--replan",
            "--at",
            "2027-01-04",
            "--time-limit",
            "20",
            "--category-prefix",
            prefix,
            "--project-prefix",
            prefix
        };
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    static void requireCluster() throws Exception {
        Process process = new ProcessBuilder("sacctmgr", "-n", "-P", "show", "cluster", "format=cluster")
                .redirectErrorStream(true)
                .start();
        boolean up;
        try {
            up = process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)
                    && process.exitValue() == 0
                    && new String(process.getInputStream().readAllBytes())
                            .lines()
                            .anyMatch("ci"::equals);
        } finally {
            process.destroyForcibly();
        }
        if (!up) {
            String message = "No Slurm cluster 'ci' reachable; start one with 'scripts/slurm-test-cluster.sh start'.";
            if (System.getenv("CI") != null && !System.getenv("CI").isBlank()) {
                fail(message + " CI is set, so this is a failure.");
            }
            Assumptions.assumeTrue(false, message + " Skipped because CI is not set.");
        }
    }
}
