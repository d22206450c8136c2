package dev.allot.core.planner;

import dev.allot.core.model.Policy;

/**
 * The range a funded continuing project's total grant may take this cycle: within {@code maxChangeFraction} of its
 * previous total, always allowing growth by one node of the largest node size among the types it accepts (its own
 * types, not the fleet's largest), and up to its floor, and never forcing more than it asks.
 */
record Continuity(int minGpus, int maxGpus) {
    static Continuity of(Policy policy, PlannedProject project, Fleet fleet) {
        int node = project.effectiveSpeed().keySet().stream()
                .mapToInt(fleet::unitGpus)
                .max()
                .orElse(fleet.maxUnitGpus());
        return of(policy, project.previous().totalGpus(), project.floorGpus(), project.ceilingGpus(), node);
    }

    /** @param nodeGpus GPUs of the project's one-node growth step */
    static Continuity of(Policy policy, int previousGpus, int floorGpus, int ceilingGpus, int nodeGpus) {
        double change = policy.maxChangeFraction();
        int min = Math.min((int) Math.floor(previousGpus * (1 - change) + 1e-9), ceilingGpus);
        int max = Math.max((int) Math.ceil(previousGpus * (1 + change) - 1e-9), previousGpus + nodeGpus);
        max = Math.max(max, floorGpus);
        return new Continuity(Math.max(0, min), max);
    }
}
