package dev.allot.slurm.usage;

import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.ProjectId;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns jobs into GPU-hours per project, GPU type and day. A job's run is clipped to the import window and split at
 * midnight, so a job from 23:00 to 01:00 with 2 GPUs counts 2 GPU-hours on each day. Running jobs count up to
 * {@code now}; a later import of the same days replaces those figures. Pure.
 */
public final class UsageAggregator {
    private final Function<String, ProjectId> projectOfAccount;
    private final Map<String, GpuTypeId> gpuTypeOfSlurmName;

    /**
     * @param projectOfAccount the project a Slurm account belongs to
     * @param gpuTypeOfSlurmName lab GPU type per Slurm GPU type name; others are upper-cased, untyped GPUs count
     *     as {@code GPU}
     */
    public UsageAggregator(Function<String, ProjectId> projectOfAccount, Map<String, GpuTypeId> gpuTypeOfSlurmName) {
        this.projectOfAccount = projectOfAccount;
        this.gpuTypeOfSlurmName = Map.copyOf(gpuTypeOfSlurmName);
    }

    public List<UsageRecord> aggregate(List<JobRecord> jobs, LocalDate from, LocalDate toExclusive, LocalDateTime now) {
        LocalDateTime windowStart = from.atStartOfDay();
        LocalDateTime windowEnd = toExclusive.atStartOfDay();
        Map<UsageRecord.Key, Double> hours = new TreeMap<>();
        for (JobRecord job : jobs) {
            if (job.start().isEmpty() || job.gpus().isEmpty() || job.account().isEmpty()) {
                continue;
            }
            LocalDateTime start = later(job.start().get(), windowStart);
            LocalDateTime end = earlier(job.end().orElse(now), windowEnd);
            ProjectId project = projectOfAccount.apply(job.account());
            for (LocalDateTime cursor = start; cursor.isBefore(end); ) {
                LocalDateTime dayEnd = earlier(cursor.toLocalDate().plusDays(1).atStartOfDay(), end);
                double dayHours = Duration.between(cursor, dayEnd).toMillis() / 3_600_000.0;
                LocalDate day = cursor.toLocalDate();
                job.gpus()
                        .forEach((type, count) -> hours.merge(
                                new UsageRecord.Key(project, gpuType(type), day), count * dayHours, Double::sum));
                cursor = dayEnd;
            }
        }
        List<UsageRecord> records = new ArrayList<>();
        hours.forEach((key, value) -> records.add(new UsageRecord(key.project(), key.gpuType(), key.day(), value)));
        return records;
    }

    private GpuTypeId gpuType(String slurmName) {
        if (slurmName.isEmpty()) {
            return GpuTypeId.of("GPU");
        }
        return gpuTypeOfSlurmName.getOrDefault(slurmName, GpuTypeId.of(slurmName.toUpperCase(Locale.ROOT)));
    }

    private static LocalDateTime later(LocalDateTime first, LocalDateTime second) {
        return first.isAfter(second) ? first : second;
    }

    private static LocalDateTime earlier(LocalDateTime first, LocalDateTime second) {
        return first.isBefore(second) ? first : second;
    }
}
