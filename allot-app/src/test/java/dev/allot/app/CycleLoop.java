package dev.allot.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.CycleId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import dev.allot.store.Store;
import dev.allot.store.StoredPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * The steps of one cycle as the console runs them, shared by the loop tests of each enforcer: a two-project lab whose
 * policy caps idle grants, stored, solved, approved and published, and the check that the next cycle's draft capped
 * the project that left its grant idle.
 */
public final class CycleLoop {
    private static final String DECIDER = "--as=dana";
    private static final String AS_DECIDER = "--as-role=decider";

    private CycleLoop() {}

    /** vision-rl asks 24 H100 and chat-sft 16 A100 on {@code cluster}; grants used below half are capped next cycle. */
    public static String lab(String cycle, LocalDate start, String cluster) {
        return """
                name: loop-lab
                cycle: %s
                cycleStart: %s
                gpuTypes:
                  - {name: H100, speed: 1.0}
                  - {name: A100, speed: 0.45}
                pools:
                  - {name: %s-h100, cluster: %s, gpuType: H100, gpus: 24, gpusPerNode: 8}
                  - {name: %s-a100, cluster: %s, gpuType: A100, gpus: 16, gpusPerNode: 8}
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
                """.formatted(cycle, start, cluster, cluster, cluster, cluster);
    }

    /** Writes the lab of {@code cycle} into {@code dir}, imports it and leaves its solved draft. */
    public static void draft(Path dir, String db, String cycle, LocalDate start, String cluster) throws IOException {
        Path file = Files.writeString(dir.resolve(cycle + ".yaml"), lab(cycle, start, cluster));
        ok("lab", "import", file.toString(), "--db", db);
        ok("cycle", "move", cycle, "review", "--db", db, DECIDER, AS_DECIDER);
        ok("cycle", "move", cycle, "draft", "--db", db, DECIDER, AS_DECIDER);
        ok("cycle", "solve", cycle, "--db", db, DECIDER, AS_DECIDER);
    }

    /** Approves and publishes the cycle's draft. */
    public static void publish(String db, String cycle) {
        ok("cycle", "approve", cycle, "--db", db, DECIDER, AS_DECIDER);
        ok("cycle", "publish", cycle, "--db", db, DECIDER, AS_DECIDER, "--note", "loop");
    }

    /** The draft of {@code cycle} caps vision-rl below last cycle's 24 H100 at its use plus headroom, and says so. */
    public static void assertIdleGrantCapped(String db, String cycle) {
        try (Store store = Store.open(db, null, null)) {
            StoredPlan draft = store.plans().draft(CycleId.of(cycle)).orElseThrow();
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

    /** Runs the CLI and requires exit code 0, showing what it printed otherwise. */
    public static CliRun ok(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode())
                .as(String.join(" ", args) + "\n" + run.out() + run.err())
                .isZero();
        return run;
    }
}
