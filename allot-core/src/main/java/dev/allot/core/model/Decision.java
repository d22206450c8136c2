package dev.allot.core.model;

import java.util.HashMap;
import java.util.Map;

/** A project's outcome in a plan, relative to the previous plan. */
public enum Decision {
    /** Funded now, had nothing before. */
    NEW,
    /** Funded with more effective compute (GPUs x relative speed of their type) than before. */
    GROW,
    /** Funded with the same effective compute as before. */
    KEEP,
    /**
     * Funded with less effective compute than before, also when it keeps its GPU count on a slower type (H200:8 ->
     * L40S:8); yields by the plan's date.
     */
    SHRINK,
    /** Had GPUs before, gets nothing now. */
    KILL,
    /** Asked, had nothing before, still gets nothing. */
    DECLINED;

    /** Lower-case name as used in files and the API. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The decision from {@code previous} to {@code grant} under the lab's relative speeds: grow, keep and shrink
     * compare effective compute ({@link ComputeChange}), not GPU counts.
     */
    public static Decision between(Allocation previous, Allocation grant, Map<GpuTypeId, Double> relativeSpeeds) {
        if (grant.totalGpus() == 0) {
            return previous.totalGpus() == 0 ? DECLINED : KILL;
        }
        if (previous.totalGpus() == 0) {
            return NEW;
        }
        return switch (ComputeChange.of(previous, grant, relativeSpeeds).direction()) {
            case 1 -> GROW;
            case -1 -> SHRINK;
            default -> KEEP;
        };
    }

    /** The decision in a fleet whose GPU types all have the same speed (every GPU is one unit of compute). */
    public static Decision between(Allocation previous, Allocation grant) {
        Map<GpuTypeId, Double> sameSpeed = new HashMap<>();
        previous.gpus().keySet().forEach(type -> sameSpeed.put(type, 1.0));
        grant.gpus().keySet().forEach(type -> sameSpeed.put(type, 1.0));
        return between(previous, grant, sameSpeed);
    }
}
