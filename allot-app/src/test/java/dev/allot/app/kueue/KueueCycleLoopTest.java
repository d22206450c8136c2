package dev.allot.app.kueue;

import static dev.allot.app.CycleLoop.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.app.CliRun;
import dev.allot.app.CycleLoop;
import dev.allot.kueue.CrdSchemas;
import dev.allot.kueue.KueueObject;
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
    @TempDir
    Path dir;

    @Test
    void publishedPlanIsExportedItsUsageImportedAndTheIdleGrantCappedNextCycle() throws Exception {
        String db = "jdbc:h2:file:" + dir.resolve("store").toAbsolutePath();
        LocalDate start = LocalDate.now().minusDays(2);
        String first = "loop-1";
        CycleLoop.draft(dir, db, first, start, "k8s");

        // the draft is not exported, and nothing is written
        Path refusedOut = dir.resolve("refused");
        CliRun refused = CliRun.of("kueue", "export", "--cycle", first, "--db", db, "--out", refusedOut.toString());
        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("is a draft; enforcement applies published plans only");
        assertThat(refusedOut).doesNotExist();

        CycleLoop.publish(db, first);
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
        CycleLoop.draft(dir, db, "loop-2", LocalDate.now().plusDays(1), "k8s");
        CycleLoop.assertIdleGrantCapped(db, "loop-2");
    }
}
