package dev.allot.app.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.app.CycleLoop;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One cycle, start to finish, against the real test cluster: a lab is stored, its draft solved, approved and
 * published; {@code slurm apply --cycle current} sets the published grants; a job runs; {@code slurm usage --cycle}
 * records what it used; and the next cycle's draft caps the project that left its grant idle, saying why.
 */
class CycleLoopIT {
    @Test
    void publishedPlanIsEnforcedItsUsageRecordedAndTheIdleGrantCappedNextCycle(@TempDir Path dir) throws Exception {
        SlurmCommandIT.requireCluster();
        String prefix = "itloop" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "-";
        String db = "jdbc:h2:file:" + dir.resolve("store").toAbsolutePath();
        LocalDate today = LocalDate.now();
        try {
            loop(dir, prefix, db, today);
        } finally {
            SlurmCommandIT.removeAccounts(prefix);
        }
    }

    private static void loop(Path dir, String prefix, String db, LocalDate today) throws Exception {
        String first = "loop-1";
        CycleLoop.draft(dir, db, first, today.minusDays(2), "ci");

        // enforcement refuses the cycle while it is only a draft, and changes nothing
        String[] cluster = {"--project-prefix", prefix, "--category-prefix", prefix, "--extra-user", "root", "--db", db
        };
        SlurmCommandRun refused =
                SlurmCommandRun.of(concat(new String[] {"slurm", "apply", "--cycle", first, "--yes"}, cluster));
        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("is a draft; enforcement applies published plans only");
        assertThat(SlurmCommandIT.run("sacctmgr", "-n", "-P", "show", "account", "format=account"))
                .doesNotContain(prefix);

        CycleLoop.publish(db, first);

        SlurmCommandRun apply = ok(concat(new String[] {"slurm", "apply", "--cycle", "current", "--yes"}, cluster));
        assertThat(apply.out()).contains("applied");
        SlurmCommandRun drift = ok(concat(new String[] {"slurm", "drift", "--cycle", "current"}, cluster));
        assertThat(drift.out()).startsWith("no drift");
        String limits = SlurmCommandIT.run(
                "sacctmgr",
                "-n",
                "-P",
                "show",
                "assoc",
                "where",
                "account=" + prefix + "vision-rl",
                "format=user,grptres");
        assertThat(limits).as("vision-rl's association").contains("gres/gpu:h100=24");

        // a short job uses a sliver of vision-rl's 24 H100s
        String job = SlurmCommandIT.run(
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
        SlurmCommandIT.awaitAccounted(job);
        SlurmCommandRun usage = ok(concat(new String[] {"slurm", "usage", "--cycle", first}, cluster));
        assertThat(usage.out()).contains("vision-rl").contains("IDLE");

        // the next cycle: the same asks; the draft caps the idle grant at its use plus headroom, never below the
        // continuity minimum, and says so
        CycleLoop.draft(dir, db, "loop-2", today.plusDays(1), "ci");
        CycleLoop.assertIdleGrantCapped(db, "loop-2");
    }

    private static SlurmCommandRun ok(String... args) {
        SlurmCommandRun run = SlurmCommandRun.of(args);
        assertThat(run.exitCode())
                .as(String.join(" ", args) + "\n" + run.out() + run.err())
                .isZero();
        return run;
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
