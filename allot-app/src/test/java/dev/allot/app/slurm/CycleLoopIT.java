package dev.allot.app.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.CycleId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import dev.allot.store.Store;
import dev.allot.store.StoredPlan;
import java.nio.file.Files;
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
    private static final String DECIDER = "--as=dana";
    private static final String AS_DECIDER = "--as-role=decider";

    /** A cycle that started two days ago (so usage today falls in it), with the usage rule that caps idle grants. */
    private static String lab(String cycle, LocalDate start) {
        return """
                name: loop-lab
                cycle: %s
                cycleStart: %s
                gpuTypes:
                  - {name: H100, speed: 1.0}
                  - {name: A100, speed: 0.45}
                pools:
                  - {name: ci-h100, cluster: ci, gpuType: H100, gpus: 24, gpusPerNode: 8}
                  - {name: ci-a100, cluster: ci, gpuType: A100, gpus: 16, gpusPerNode: 8}
                categories:
                  - {id: exploratory}
                  - {id: product}
                policy:
                  reserve: 0%%
                  relations: []
                  granularity: node
                  approvals: 1
                  usage: {idleBelow: 50%%, action: capAtUsedPlusHeadroom, headroom: 25%%}
                projects:
                  - id: vision-rl
                    category: exploratory
                    lead: alice
                    members: [alice, bob]
                    ask: {floor: 8, target: 24, ceiling: 24, gpuTypes: [H100]}
                  - id: chat-sft
                    category: product
                    lead: erin
                    members: [erin]
                    ask: {floor: 8, target: 16, ceiling: 16, gpuTypes: [A100]}
                """.formatted(cycle, start);
    }

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
        Path lab1 = Files.writeString(dir.resolve("lab1.yaml"), lab(first, today.minusDays(2)));
        ok("lab", "import", lab1.toString(), "--db", db);
        ok("cycle", "move", first, "review", "--db", db, DECIDER, AS_DECIDER);
        ok("cycle", "move", first, "draft", "--db", db, DECIDER, AS_DECIDER);
        ok("cycle", "solve", first, "--db", db, DECIDER, AS_DECIDER);

        // enforcement refuses the cycle while it is only a draft, and changes nothing
        String[] cluster = {"--project-prefix", prefix, "--category-prefix", prefix, "--extra-user", "root", "--db", db
        };
        SlurmCommandRun refused =
                SlurmCommandRun.of(concat(new String[] {"slurm", "apply", "--cycle", first, "--yes"}, cluster));
        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("is a draft; enforcement applies published plans only");
        assertThat(SlurmCommandIT.run("sacctmgr", "-n", "-P", "show", "account", "format=account"))
                .doesNotContain(prefix);

        ok("cycle", "approve", first, "--db", db, DECIDER, AS_DECIDER);
        ok("cycle", "publish", first, "--db", db, DECIDER, AS_DECIDER, "--note", "first cycle");

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
        String second = "loop-2";
        Path lab2 = Files.writeString(dir.resolve("lab2.yaml"), lab(second, today.plusDays(1)));
        ok("lab", "import", lab2.toString(), "--db", db);
        ok("cycle", "move", second, "review", "--db", db, DECIDER, AS_DECIDER);
        ok("cycle", "move", second, "draft", "--db", db, DECIDER, AS_DECIDER);
        ok("cycle", "solve", second, "--db", db, DECIDER, AS_DECIDER);
        try (Store store = Store.open(db, null, null)) {
            StoredPlan draft = store.plans().draft(CycleId.of(second)).orElseThrow();
            ProjectPlan vision = draft.plan().projects().stream()
                    .filter(line -> line.project().equals(ProjectId.of("vision-rl")))
                    .findFirst()
                    .orElseThrow();
            assertThat(vision.previous().gpus(GpuTypeId.of("H100"))).isEqualTo(24);
            assertThat(vision.grant().totalGpus())
                    .as("capped below last cycle's 24")
                    .isLessThan(24);
            assertThat(vision.explanation().summary() + " "
                            + vision.explanation().binding())
                    .containsIgnoringCase("capped at")
                    .contains("of 24 last cycle");
        }
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
