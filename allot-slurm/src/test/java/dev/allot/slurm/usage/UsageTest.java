package dev.allot.slurm.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.allot.core.AllotException;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.ProjectId;
import dev.allot.slurm.Golden;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageTest {
    private static final LocalDate DEC_1 = LocalDate.parse("2026-12-01");
    private static final LocalDate DEC_2 = LocalDate.parse("2026-12-02");
    private static final LocalDateTime NOW = LocalDateTime.parse("2026-12-02T08:00:00");
    private static final UsageAggregator AGGREGATOR =
            new UsageAggregator(ProjectId::of, Map.of("h100", GpuTypeId.of("H100"), "a100", GpuTypeId.of("A100")));

    private static double hours(List<UsageRecord> records, String project, String type, LocalDate day) {
        return records.stream()
                .filter(r -> r.project().value().equals(project)
                        && r.gpuType().value().equals(type)
                        && r.day().equals(day))
                .mapToDouble(UsageRecord::gpuHours)
                .sum();
    }

    @Test
    void sacctLinesBecomeJobsWithGpusPerType() {
        List<JobRecord> jobs = SacctParser.parse(Golden.read("sacct.txt"));

        assertThat(jobs).hasSize(6);
        assertThat(jobs.get(0).gpus()).isEqualTo(Map.of("h100", 2));
        assertThat(jobs.get(2).gpus()).as("untyped GPUs").isEqualTo(Map.of("", 4));
        assertThat(jobs.get(2).end()).isEmpty();
        assertThat(jobs.get(3).start()).isEmpty();
        assertThat(jobs.get(4).gpus()).isEmpty();
    }

    @Test
    void gpuHoursAreSplitAtMidnightClippedToTheWindowAndRunningJobsCountUntilNow() {
        List<UsageRecord> records =
                AGGREGATOR.aggregate(SacctParser.parse(Golden.read("sacct.txt")), DEC_1, DEC_2.plusDays(1), NOW);

        assertThat(hours(records, "vision-rl", "H100", DEC_1))
                .as("2 GPUs x 2.5 h + 1 GPU x 2 h after midnight")
                .isCloseTo(7.0, within(1e-9));
        assertThat(hours(records, "vision-rl", "A100", DEC_1)).isCloseTo(1.0, within(1e-9));
        assertThat(hours(records, "vision-rl", "A100", DEC_2)).isCloseTo(1.0, within(1e-9));
        assertThat(hours(records, "llm-prod", "GPU", DEC_2))
                .as("running: 4 GPUs x 2 h")
                .isCloseTo(8.0, within(1e-9));
        assertThat(records).noneMatch(r -> r.project().value().equals("cpu-only"));
        assertThat(records).noneMatch(r -> r.day().isBefore(DEC_1));
    }

    @Test
    void aBadTimeInSacctOutputNamesTheLine() {
        assertThatThrownBy(() -> SacctParser.parse("1|a|COMPLETED|yesterday|Unknown|gres/gpu=1"))
                .isInstanceOf(AllotException.class)
                .hasMessage("sacct output line 1 has a time 'yesterday' that is not yyyy-MM-ddTHH:mm:ss:"
                        + " '1|a|COMPLETED|yesterday|Unknown|gres/gpu=1'. Maybe SLURM_TIME_FORMAT is set to something"
                        + " else than 'standard'?");
    }

    @Test
    void reImportingTheSameDaysReplacesInsteadOfAdding(@TempDir Path dir) throws Exception {
        CsvUsageSink sink = new CsvUsageSink(dir);
        List<UsageRecord> first =
                AGGREGATOR.aggregate(SacctParser.parse(Golden.read("sacct.txt")), DEC_1, DEC_2.plusDays(1), NOW);

        sink.upsert(first);
        String once = Files.readString(sink.file());
        sink.upsert(first);

        assertThat(Files.readString(sink.file())).isEqualTo(once);
        assertThat(sink.read(DEC_1, DEC_2.plusDays(1))).containsExactlyElementsOf(first);
        sink.upsert(List.of(new UsageRecord(ProjectId.of("llm-prod"), GpuTypeId.of("GPU"), DEC_2, 12.0)));
        assertThat(sink.read(DEC_2, DEC_2.plusDays(1)))
                .filteredOn(r -> r.project().value().equals("llm-prod"))
                .singleElement()
                .extracting(UsageRecord::gpuHours)
                .isEqualTo(12.0);
        assertThat(sink.read(DEC_1, DEC_2)).allMatch(r -> r.day().equals(DEC_1));
    }

    @Test
    void aHandEditedCsvLineIsReportedWithFileAndLine(@TempDir Path dir) throws Exception {
        CsvUsageSink sink = new CsvUsageSink(dir);
        Files.writeString(sink.file(), CsvUsageSink.HEADER + "\nvision-rl,H100,2026-13-01,1.0\n");

        assertThatThrownBy(() -> sink.read(DEC_1, DEC_2))
                .isInstanceOf(AllotException.class)
                .hasMessageStartingWith(sink.file() + " line 2: day '2026-13-01' or gpu_hours '1.0' is not valid");
    }

    @Test
    void grantsUsedBelowTheThresholdAreFlaggedIdle() {
        List<UsageRecord> usage = List.of(
                new UsageRecord(ProjectId.of("busy"), GpuTypeId.of("H100"), DEC_1, 8 * 24 * 0.9),
                new UsageRecord(ProjectId.of("idle"), GpuTypeId.of("H100"), DEC_1, 8 * 24 * 0.05));
        Map<ProjectId, Allocation> grants =
                Map.of(ProjectId.of("busy"), Allocation.of("H100", 8), ProjectId.of("idle"), Allocation.of("H100", 8));

        List<AllocationVsUse.Row> rows = AllocationVsUse.compare(grants, usage, DEC_1, DEC_2, 0.25);

        assertThat(rows)
                .extracting(AllocationVsUse.Row::project, AllocationVsUse.Row::idle)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ProjectId.of("busy"), false),
                        org.assertj.core.groups.Tuple.tuple(ProjectId.of("idle"), true));
        assertThat(rows.get(0).grantedGpuHours()).isEqualTo(192.0);
        assertThat(rows.get(0).usedFraction()).isCloseTo(0.9, within(1e-9));
    }

    @Test
    void aQuotedFieldWithACommaIsOneField(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("usage.csv"),
                "project,gpu_type,day,gpu_hours\r\n\"vision,rl\",H100,2026-12-01,1.5000\r\n\"say \"\"hi\"\"\",A100,"
                        + "2026-12-01,2.0000\r\n");
        CsvUsageSink sink = new CsvUsageSink(dir);

        List<UsageRecord> read = sink.read(DEC_1, DEC_2);
        sink.upsert(List.of(new UsageRecord(ProjectId.of("vision,rl"), GpuTypeId.of("H100"), DEC_2, 3)));

        assertThat(read)
                .extracting(record -> record.project().value())
                .containsExactlyInAnyOrder("vision,rl", "say \"hi\"");
        assertThat(Files.readString(dir.resolve("usage.csv")))
                .contains("\"vision,rl\",H100,2026-12-02,3.0000\n")
                .contains("\"say \"\"hi\"\"\",A100,2026-12-01,2.0000\n");
        assertThat(new CsvUsageSink(dir).read(DEC_1, DEC_2.plusDays(1))).hasSize(3);
    }

    @Test
    void grantedHoursBeforeTheCycleStartFollowThePreviousGrant() {
        LocalDate cycleStart = DEC_1;
        AllocationVsUse.GrantSchedule schedule =
                (project, day) -> day.isBefore(cycleStart) ? Allocation.of("H100", 8) : Allocation.of("H100", 16);

        List<AllocationVsUse.Row> rows = AllocationVsUse.compare(
                java.util.Set.of(ProjectId.of("vision-rl")),
                schedule,
                List.of(new UsageRecord(ProjectId.of("vision-rl"), GpuTypeId.of("H100"), DEC_1.minusDays(3), 100)),
                LocalDate.parse("2026-11-25"),
                LocalDate.parse("2026-12-05"),
                0.2);

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.grantedGpuHours()).isEqualTo(6 * 8 * 24 + 4 * 16 * 24);
            assertThat(row.usedGpuHours()).isEqualTo(100);
        });
    }
}
