package dev.allot.core.planner;

import dev.allot.core.model.Policy;

/**
 * The range a funded continuing project's total grant may take this cycle: within {@code maxChangeFraction} of its
 * previous total, always allowing growth by one node and up to its floor, and never forcing more than it asks.
 */
record Continuity(int minGpus, int maxGpus) {
    static Continuity of(Policy policy, PlannedProject project, Fleet fleet) {
        int previous = project.previous().totalGpus();
        double change = policy.maxChangeFraction();
        int min = Math.min((int) Math.floor(previous * (1 - change) + 1e-9), project.ceilingGpus());
        int max = Math.max((int) Math.ceil(previous * (1 + change) - 1e-9), previous + fleet.maxUnitGpus());
        max = Math.max(max, project.floorGpus());
        return new Continuity(Math.max(0, min), max);
    }
}
