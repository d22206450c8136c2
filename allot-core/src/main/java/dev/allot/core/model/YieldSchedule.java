package dev.allot.core.model;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The dated yield rule every enforcer follows: a project that must yield GPUs keeps its previous quota of each GPU
 * type until its {@link ProjectPlan#yieldBy() yield date}; from that date it holds its new grant. GPUs it gains are
 * granted at once. Re-applying the plan on or after the date (e.g. a daily job) enforces the yield. The Slurm and
 * Kueue enforcers both use it, so the two schedulers never disagree about who holds what on a given day.
 */
public final class YieldSchedule {
    private YieldSchedule() {}

    /** The quota a project holds on {@code date}: per type the larger of previous and new grant before the yield date. */
    public static Allocation quotaOn(ProjectPlan line, LocalDate date) {
        if (!isYielding(line, date)) {
            return line.grant();
        }
        Map<GpuTypeId, Integer> held = new TreeMap<>(line.previous().gpus());
        line.grant().gpus().forEach((type, gpus) -> held.merge(type, gpus, Math::max));
        return new Allocation(held);
    }

    /** Whether the project still holds GPUs on {@code date} that it must yield later. */
    public static boolean isYielding(ProjectPlan line, LocalDate date) {
        Optional<LocalDate> yieldBy = line.yieldBy();
        if (yieldBy.isEmpty() || !date.isBefore(yieldBy.get())) {
            return false;
        }
        return line.previous().gpus().entrySet().stream()
                .anyMatch(entry -> entry.getValue() > line.grant().gpus(entry.getKey()));
    }
}
