package dev.allot.app.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
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
        String[] common = {"--lab", lab.toString(), "--time-limit", "20", "--category-prefix", prefix,
                "--project-prefix", prefix, "--extra-user", "root"};

        SlurmCommandRun diff = SlurmCommandRun.of(concat(new String[] {"slurm", "diff", "--commands"}, common));
        SlurmCommandRun apply = SlurmCommandRun.of(concat(new String[] {"slurm", "apply"}, common));
        SlurmCommandRun again = SlurmCommandRun.of(concat(new String[] {"slurm", "apply"}, common));
        SlurmCommandRun drift = SlurmCommandRun.of(concat(new String[] {"slurm", "drift"}, common));

        assertThat(diff.exitCode()).as(diff.err()).isZero();
        assertThat(diff.out()).contains("+ account " + prefix + "vision-rl under " + prefix + "exploratory")
                .contains("# sacctmgr -i load file=<this part>");
        assertThat(apply.exitCode()).as(apply.err()).isZero();
        assertThat(apply.out()).startsWith("applied 4 of 4 change(s) on cluster ci");
        assertThat(again.out()).startsWith("cluster ci already matches the plan: 0 changes applied");
        assertThat(drift.exitCode()).isZero();
        assertThat(drift.out()).startsWith("no drift: cluster ci matches the plan");

        SlurmCommandRun usage = SlurmCommandRun.of("slurm", "usage", "--since", LocalDate.now().minusDays(1).toString(),
                "--dir", dir.toString());
        assertThat(usage.exitCode()).as(usage.err()).isZero();
        assertThat(usage.out()).startsWith("imported ");
        assertThat(dir.resolve("usage.csv")).exists();
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    private static void requireCluster() throws Exception {
        Process process = new ProcessBuilder("sacctmgr", "-n", "-P", "show", "cluster", "format=cluster")
                .redirectErrorStream(true).start();
        boolean up;
        try {
            up = process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS) && process.exitValue() == 0
                    && new String(process.getInputStream().readAllBytes()).lines().anyMatch("ci"::equals);
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
