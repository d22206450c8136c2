package dev.allot.core.model;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One period of a plan over time: the days {@code [from, until)}, the fleet on those days (after capacity events)
 * and the grant of every planned project for them.
 *
 * @param capacityGpus GPUs per type in the pools on these days
 * @param allocatableGpus capacity minus reserve, per type
 * @param grants per planned project, GPUs per type held during the period (projects with nothing are listed too)
 */
public record PlanPeriod(
        LocalDate from,
        LocalDate until,
        Map<GpuTypeId, Integer> capacityGpus,
        Map<GpuTypeId, Integer> allocatableGpus,
        Map<ProjectId, Allocation> grants) {
    public PlanPeriod {
        Checks.present(from, "from");
        Checks.present(until, "until");
        if (!until.isAfter(from)) {
            throw new IllegalArgumentException("a period ends after it starts, was " + from + " .. " + until);
        }
        capacityGpus = Collections.unmodifiableMap(new LinkedHashMap<>(capacityGpus));
        allocatableGpus = Collections.unmodifiableMap(new LinkedHashMap<>(allocatableGpus));
        grants = Collections.unmodifiableMap(new LinkedHashMap<>(grants));
    }

    public long days() {
        return java.time.temporal.ChronoUnit.DAYS.between(from, until);
    }

    public Allocation grant(ProjectId project) {
        return grants.getOrDefault(project, Allocation.NONE);
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && day.isBefore(until);
    }

    /** GPUs granted per type over all projects in this period. */
    public Map<GpuTypeId, Integer> grantedGpus() {
        Map<GpuTypeId, Integer> granted = new LinkedHashMap<>();
        capacityGpus.keySet().forEach(type -> granted.put(type, 0));
        grants.values()
                .forEach(grant -> grant.gpus().forEach((type, count) -> granted.merge(type, count, Integer::sum)));
        return granted;
    }
}
