package dev.allot.slurm.usage;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.ProjectId;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Granted versus used GPU-hours per project and GPU type over a period; grants used below a threshold are flagged
 * idle.
 */
public final class AllocationVsUse {
    /**
     * One project and GPU type.
     *
     * @param grantedGpuHours granted GPUs x 24 x days in the period
     * @param usedFraction used / granted; 0 when nothing was granted
     */
    public record Row(
            ProjectId project,
            GpuTypeId gpuType,
            double grantedGpuHours,
            double usedGpuHours,
            double usedFraction,
            boolean idle) {}

    private AllocationVsUse() {}

    public static List<Row> compare(
            Map<ProjectId, Allocation> grants,
            List<UsageRecord> usage,
            LocalDate from,
            LocalDate toExclusive,
            double idleBelowFraction) {
        long days = ChronoUnit.DAYS.between(from, toExclusive);
        Map<ProjectId, Map<GpuTypeId, Double>> used = new TreeMap<>();
        usage.stream()
                .filter(record -> !record.day().isBefore(from) && record.day().isBefore(toExclusive))
                .forEach(record -> used.computeIfAbsent(record.project(), key -> new TreeMap<>())
                        .merge(record.gpuType(), record.gpuHours(), Double::sum));
        List<Row> rows = new ArrayList<>();
        new TreeMap<>(grants)
                .forEach((project, grant) -> grant.gpus().forEach((type, gpus) -> {
                    double granted = gpus * 24.0 * days;
                    double usedHours = used.getOrDefault(project, Map.of()).getOrDefault(type, 0.0);
                    double fraction = granted > 0 ? usedHours / granted : 0;
                    rows.add(new Row(
                            project, type, granted, usedHours, fraction, granted > 0 && fraction < idleBelowFraction));
                }));
        return rows;
    }
}
