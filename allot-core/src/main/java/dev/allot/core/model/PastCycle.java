package dev.allot.core.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a past cycle granted and how much of it was used.
 *
 * @param grants published grant per project
 * @param usedFraction per project, the fraction of its granted GPU-hours it used (0..1+), when known
 */
public record PastCycle(CycleId cycle, Map<ProjectId, Allocation> grants, Map<ProjectId, Double> usedFraction) {
    public PastCycle {
        Checks.present(cycle, "cycle");
        grants = java.util.Collections.unmodifiableMap(new TreeMap<>(grants == null ? Map.of() : grants));
        usedFraction =
                java.util.Collections.unmodifiableMap(new TreeMap<>(usedFraction == null ? Map.of() : usedFraction));
    }

    public Allocation grant(ProjectId project) {
        return grants.getOrDefault(project, Allocation.NONE);
    }
}
