package dev.allot.slurm.usage;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.ProjectId;
import java.time.LocalDate;
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
     * @param grantedGpuHours granted GPUs x 24 summed over the days of the period
     * @param usedFraction used / granted; 0 when nothing was granted
     */
    public record Row(
            ProjectId project,
            GpuTypeId gpuType,
            double grantedGpuHours,
            double usedGpuHours,
            double usedFraction,
            boolean idle) {}

    /** GPUs of each type a project was granted on one day (the limits in force that day). */
    @FunctionalInterface
    public interface GrantSchedule {
        Allocation on(ProjectId project, LocalDate day);
    }

    private AllocationVsUse() {}

    /** The same grant on every day of the period. */
    public static List<Row> compare(
            Map<ProjectId, Allocation> grants,
            List<UsageRecord> usage,
            LocalDate from,
            LocalDate toExclusive,
            double idleBelowFraction) {
        return compare(
                grants.keySet(), (project, day) -> grants.get(project), usage, from, toExclusive, idleBelowFraction);
    }

    /**
     * Granted GPU-hours follow the schedule day by day, so a period that starts before the cycle counts the previous
     * grant for those days, not the new one.
     */
    public static List<Row> compare(
            java.util.Set<ProjectId> projects,
            GrantSchedule schedule,
            List<UsageRecord> usage,
            LocalDate from,
            LocalDate toExclusive,
            double idleBelowFraction) {
        Map<ProjectId, Map<GpuTypeId, Double>> used = new TreeMap<>();
        usage.stream()
                .filter(record -> !record.day().isBefore(from) && record.day().isBefore(toExclusive))
                .forEach(record -> used.computeIfAbsent(record.project(), key -> new TreeMap<>())
                        .merge(record.gpuType(), record.gpuHours(), Double::sum));
        List<Row> rows = new ArrayList<>();
        for (ProjectId project : new java.util.TreeSet<>(projects)) {
            Map<GpuTypeId, Double> granted = new TreeMap<>();
            for (LocalDate day = from; day.isBefore(toExclusive); day = day.plusDays(1)) {
                schedule.on(project, day).gpus().forEach((type, gpus) -> granted.merge(type, gpus * 24.0, Double::sum));
            }
            granted.forEach((type, hours) -> {
                double usedHours = used.getOrDefault(project, Map.of()).getOrDefault(type, 0.0);
                double fraction = hours > 0 ? usedHours / hours : 0;
                rows.add(new Row(project, type, hours, usedHours, fraction, hours > 0 && fraction < idleBelowFraction));
            });
        }
        return rows;
    }
}
