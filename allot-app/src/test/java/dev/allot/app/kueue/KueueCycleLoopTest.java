package dev.allot.app.kueue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.app.CliRun;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import dev.allot.kueue.CrdSchemas;
import dev.allot.kueue.KueueObject;
import dev.allot.store.Store;
import dev.allot.store.StoredPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cycle loop through Kueue, as far as it runs without a Kubernetes API server: a lab is stored, its draft solved,
 * approved and published; {@code kueue export --cycle current} writes the published grants as Kueue objects that pass
 * Kueue's schemas; the cluster's usage comes back as the documented CSV ({@code kueue usage import}); and the next
 * cycle's draft caps the project that left its grant idle, saying why. (The same loop on a real Slurm is
 * {@code CycleLoopIT}.)
 */
class KueueCycleLoopTest {
    private static final String DECIDER = "--as=dana";
    private static final String AS_DECIDER = "--as-role=decider";

    @TempDir
    Path dir;

    private static String lab(String cycle, LocalDate start) {
        return """
                name: loop-lab
                cycle: %s
                cycleStart: %s
                gpuTypes:
                  - {name: H100, speed: 1.0}
                  - {name: A100, speed: 0.45}
                pools:
                  - {name: k8s-h100, cluster: k8s, gpuType: H100, gpus: 24, gpusPerNode: 8}
                  - {name: k8s-a100, cluster: k8s, gpuType: A100, gpus: 16, gpusPerNode: 8}
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
    void publishedPlanIsExportedItsUsageImportedAndTheIdleGrantCappedNextCycle() throws Exception {
        String db = "jdbc:h2:file:" + dir.resolve("store").toAbsolutePath();
        LocalDate start = LocalDate.now().minusDays(2);
        String first = "loop-1";
        ok(
                "lab",
                "import",
                Files.writeString(dir.resolve("lab1.yaml"), lab(first, start)).toString(),
                "--db",
                db);
        ok("cycle", "move", first, "review", "--db", db, DECIDER, AS_DECIDER);
        ok("cycle", "move", first, "draft", "--db", db, DECIDER, AS_DECIDER);
        ok("cycle", "solve", first, "--db", db, DECIDER, AS_DECIDER);

        // the draft is not exported, and nothing is written
        Path refusedOut = dir.resolve("refused");
        CliRun refused = CliRun.of("kueue", "export", "--cycle", first, "--db", db, "--out", refusedOut.toString());
        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("is a draft; enforcement applies published plans only");
        assertThat(refusedOut).doesNotExist();

        ok("cycle", "approve", first, "--db", db, DECIDER, AS_DECIDER);
        ok("cycle", "publish", first, "--db", db, DECIDER, AS_DECIDER, "--note", "first cycle");

        Path out = dir.resolve("kueue");
        ok("kueue", "export", "--cycle", "current", "--db", db, "--out", out.toString(), "--at", start.toString());
        List<KueueObject> objects = new ArrayList<>();
        try (var files = Files.list(out)) {
            for (Path file : files.sorted().toList()) {
                objects.addAll(KueueCommandTest.parse(Files.readString(file)));
            }
        }
        assertThat(CrdSchemas.bundled().validate(objects)).isEmpty();
        assertThat(KueueCommandTest.clusterQueue(Files.readString(out.resolve("30-clusterqueues.yaml")), "vision-rl"))
                .contains("name=h100")
                .contains("nominalQuota=24");

        // the cluster reports that vision-rl used 2 of its 24 GPUs for a day, chat-sft all of its 16 for two
        Path usage = Files.writeString(dir.resolve("usage.csv"), """
                project,gpu_type,date,gpu_hours
                vision-rl,H100,%s,48
                chat-sft,A100,%s,384
                chat-sft,A100,%s,384
                """.formatted(start, start, start.plusDays(1)));
        CliRun imported = ok("kueue", "usage", "import", "--db", db, usage.toString());
        assertThat(imported.out()).contains("3 day(s) new or changed");

        // the next cycle: the same asks; the idle grant is capped at its use plus headroom, and the draft says so
        String second = "loop-2";
        ok(
                "lab",
                "import",
                Files.writeString(
                                dir.resolve("lab2.yaml"),
                                lab(second, LocalDate.now().plusDays(1)))
                        .toString(),
                "--db",
                db);
        ok("cycle", "move", second, "review", "--db", db, DECIDER, AS_DECIDER);
        ok("cycle", "move", second, "draft", "--db", db, DECIDER, AS_DECIDER);
        ok("cycle", "solve", second, "--db", db, DECIDER, AS_DECIDER);
        try (Store store = Store.open(db, null, null)) {
            StoredPlan draft = store.plans().draft(CycleId.of(second)).orElseThrow();
            ProjectPlan vision = line(draft, "vision-rl");
            ProjectPlan chat = line(draft, "chat-sft");
            assertThat(vision.previous().gpus(GpuTypeId.of("H100"))).isEqualTo(24);
            assertThat(vision.grant().totalGpus())
                    .as("capped below last cycle's 24")
                    .isLessThan(24);
            assertThat(vision.explanation().summary() + " "
                            + vision.explanation().binding())
                    .containsIgnoringCase("capped at")
                    .contains("of 24 last cycle");
            assertThat(chat.grant().totalGpus())
                    .as("chat-sft used its grant and keeps it")
                    .isEqualTo(16);
        }
    }

    private static ProjectPlan line(StoredPlan plan, String project) {
        return plan.plan().projects().stream()
                .filter(line -> line.project().equals(ProjectId.of(project)))
                .findFirst()
                .orElseThrow();
    }

    private static CliRun ok(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode())
                .as(String.join(" ", args) + "\n" + run.out() + run.err())
                .isZero();
        return run;
    }
}
