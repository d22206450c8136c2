package dev.allot.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.ProjectId;
import dev.allot.slurm.usage.CsvUsageSink;
import dev.allot.slurm.usage.UsageAggregator;
import dev.allot.slurm.usage.UsageImporter;
import dev.allot.slurm.usage.UsageRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage of finished jobs read back from a real Slurm cluster's accounting. */
class SlurmUsageIT {
    @Test
    void finishedJobsComeBackAsGpuHoursPerProjectAndType(@TempDir Path dir) throws Exception {
        TestCluster.require();
        String prefix = TestCluster.uniquePrefix();
        SlurmConfig config = SlurmConfig.defaults(TestCluster.CLUSTER)
                .withPrefixes(prefix, prefix)
                .withExtraUsers(List.of("root"));
        PlanFixture plan = PlanFixture.plan("H100", "A100")
                .project("zeta", "exploratory")
                .grant("H100", 2)
                .grant("A100", 1);
        LocalDate today = LocalDate.now();
        assertThat(new SlurmEnforcer(TestCluster.CLI)
                        .apply(SlurmCompiler.compile(plan.build(), plan.lab(), config, today))
                        .succeeded())
                .isTrue();
        String account = config.accountFor(ProjectId.of("zeta"));

        String h100 = TestCluster.submit(account, "gpu:h100:2", "sleep 3");
        String a100 = TestCluster.submit(account, "gpu:a100:1", "sleep 2");
        awaitCompleted(h100);
        awaitCompleted(a100);

        CsvUsageSink sink = new CsvUsageSink(dir);
        UsageImporter importer = new UsageImporter(
                TestCluster.CLI,
                new UsageAggregator(
                        config::projectOf, Map.of("h100", GpuTypeId.of("H100"), "a100", GpuTypeId.of("A100"))),
                sink);
        LocalDate from = today.minusDays(1);
        LocalDate to = today.plusDays(1);
        importer.importDays(TestCluster.CLUSTER, from, to, LocalDateTime.now());
        String firstImport = Files.readString(sink.file());
        importer.importDays(TestCluster.CLUSTER, from, to, LocalDateTime.now());

        assertThat(Files.readString(sink.file())).as("re-import is idempotent").isEqualTo(firstImport);
        List<UsageRecord> zeta = sink.read(from, to).stream()
                .filter(record -> record.project().equals(ProjectId.of("zeta")))
                .toList();
        String sacct = TestCluster.CLI
                .run(
                        List.of(
                                "sacct",
                                "-X",
                                "-n",
                                "-P",
                                "-j",
                                h100 + "," + a100,
                                "-o",
                                "jobid,account,state,start,end,elapsedraw,alloctres"),
                        "")
                .stdout();
        assertThat(gpuHours(zeta, "H100"))
                .as("imported %s from sacct:%n%s", zeta, sacct)
                .isCloseTo(2 * elapsedSeconds(h100) / 3600.0, within(1e-4));
        assertThat(gpuHours(zeta, "A100"))
                .as("imported %s from sacct:%n%s", zeta, sacct)
                .isCloseTo(elapsedSeconds(a100) / 3600.0, within(1e-4));
        assertThat(gpuHours(zeta, "H100")).isGreaterThan(0);
        TestCluster.removeAccounts(prefix, List.of(h100, a100));
    }

    private static double gpuHours(List<UsageRecord> records, String type) {
        return records.stream()
                .filter(record -> record.gpuType().value().equals(type))
                .mapToDouble(UsageRecord::gpuHours)
                .sum();
    }

    /** Elapsed seconds as sacct reports them, independently of the importer's start/end arithmetic. */
    private static long elapsedSeconds(String jobId) {
        String out = SlurmCli.require(
                        TestCluster.CLI.run(List.of("sacct", "-X", "-n", "-P", "-j", jobId, "-o", "elapsedraw"), ""))
                .stdout()
                .strip();
        return Long.parseLong(out);
    }

    private static boolean inWindowQuery(String jobId) {
        String window = LocalDate.now().minusDays(1) + "T00:00:00";
        return SlurmCli.require(TestCluster.CLI.run(
                        List.of("sacct", "-a", "-X", "-n", "-P", "-S", window, "-o", "jobid,state,alloctres"), ""))
                .stdout()
                .lines()
                .anyMatch(line -> line.startsWith(jobId + "|COMPLETED|") && line.contains("gres/gpu"));
    }

    private static void awaitCompleted(String jobId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String state = "";
        while (System.nanoTime() < deadline) {
            state = SlurmCli.require(
                            TestCluster.CLI.run(List.of("sacct", "-X", "-n", "-P", "-j", jobId, "-o", "state,end"), ""))
                    .stdout()
                    .strip();
            // The import reads a time-window query, which lists a finished job with its GPUs a little after
            // "sacct -j" reports it COMPLETED; only then is the job's usage there to import.
            if (state.startsWith("COMPLETED|") && !state.endsWith("Unknown") && inWindowQuery(jobId)) {
                return;
            }
            TestCluster.sleep(300);
        }
        throw new AssertionError("job " + jobId + " did not complete within 60 s; sacct says '" + state + "'");
    }
}
