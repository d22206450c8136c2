package dev.allot.sim;

import java.util.Map;
import java.util.TreeMap;

/**
 * How to replay a trace.
 *
 * @param seed seeds every random choice (the automatic group mapping deals a group's jobs to its projects at random);
 *     reported in every outcome
 * @param groupToProject explicit trace group to project mapping; empty means the automatic mapping
 *     (see docs/simulation.md)
 * @param labTypeToTraceType explicit lab GPU type to trace GPU type mapping for traces with per-type durations;
 *     types not named are mapped automatically
 * @param arrivalScale arrival times are divided by this factor (2 = jobs arrive twice as fast), {@code > 0}
 * @param backfill how a pass walks each project's pending jobs (see {@link Backfill}); EASY, as Slurm, by default
 * @param fairShareHalfLifeSeconds half-life of the usage decay of the fair-share policy
 * @param preemptionCostSeconds work a preempted job loses (checkpoint interval plus restart), in seconds of its
 *     running time, at most what it ran since it last started; {@code >= 0}
 * @param horizonSeconds stop at this simulated time (jobs still queued or running are reported as unfinished);
 *     infinity runs until every job that can run has run
 */
public record SimOptions(
        long seed,
        Map<String, String> groupToProject,
        Map<String, String> labTypeToTraceType,
        double arrivalScale,
        Backfill backfill,
        double preemptionCostSeconds,
        double fairShareHalfLifeSeconds,
        double horizonSeconds) {
    /** Default work lost per preemption: five minutes, a common checkpoint interval for training jobs. */
    public static final double DEFAULT_PREEMPTION_COST_SECONDS = 300;

    public SimOptions {
        groupToProject = java.util.Collections.unmodifiableMap(
                new TreeMap<>(groupToProject == null ? Map.of() : groupToProject));
        labTypeToTraceType = java.util.Collections.unmodifiableMap(
                new TreeMap<>(labTypeToTraceType == null ? Map.of() : labTypeToTraceType));
        if (!(arrivalScale > 0) || Double.isInfinite(arrivalScale)) {
            throw new IllegalArgumentException("arrivalScale must be > 0, was " + arrivalScale);
        }
        if (backfill == null) {
            throw new IllegalArgumentException("backfill must not be null");
        }
        if (!(preemptionCostSeconds >= 0) || Double.isInfinite(preemptionCostSeconds)) {
            throw new IllegalArgumentException("preemptionCostSeconds must be >= 0, was " + preemptionCostSeconds);
        }
        if (!(fairShareHalfLifeSeconds > 0)) {
            throw new IllegalArgumentException("fairShareHalfLifeSeconds must be > 0, was " + fairShareHalfLifeSeconds);
        }
        if (!(horizonSeconds > 0)) {
            throw new IllegalArgumentException("horizonSeconds must be > 0, was " + horizonSeconds);
        }
    }

    /**
     * Seed 1, automatic mappings, arrivals as recorded, EASY backfill, 300 s lost per preemption, 7-day fair-share
     * half-life, run to the end.
     */
    public static SimOptions defaults() {
        return new SimOptions(
                1,
                Map.of(),
                Map.of(),
                1.0,
                Backfill.EASY,
                DEFAULT_PREEMPTION_COST_SECONDS,
                7 * 86_400.0,
                Double.POSITIVE_INFINITY);
    }

    public SimOptions withSeed(long newSeed) {
        return new SimOptions(
                newSeed,
                groupToProject,
                labTypeToTraceType,
                arrivalScale,
                backfill,
                preemptionCostSeconds,
                fairShareHalfLifeSeconds,
                horizonSeconds);
    }

    public SimOptions withGroupToProject(Map<String, String> mapping) {
        return new SimOptions(
                seed,
                mapping,
                labTypeToTraceType,
                arrivalScale,
                backfill,
                preemptionCostSeconds,
                fairShareHalfLifeSeconds,
                horizonSeconds);
    }

    public SimOptions withLabTypeToTraceType(Map<String, String> mapping) {
        return new SimOptions(
                seed,
                groupToProject,
                mapping,
                arrivalScale,
                backfill,
                preemptionCostSeconds,
                fairShareHalfLifeSeconds,
                horizonSeconds);
    }

    public SimOptions withArrivalScale(double scale) {
        return new SimOptions(
                seed,
                groupToProject,
                labTypeToTraceType,
                scale,
                backfill,
                preemptionCostSeconds,
                fairShareHalfLifeSeconds,
                horizonSeconds);
    }

    public SimOptions withBackfill(Backfill discipline) {
        return new SimOptions(
                seed,
                groupToProject,
                labTypeToTraceType,
                arrivalScale,
                discipline,
                preemptionCostSeconds,
                fairShareHalfLifeSeconds,
                horizonSeconds);
    }

    public SimOptions withPreemptionCostSeconds(double seconds) {
        return new SimOptions(
                seed,
                groupToProject,
                labTypeToTraceType,
                arrivalScale,
                backfill,
                seconds,
                fairShareHalfLifeSeconds,
                horizonSeconds);
    }

    public SimOptions withHorizonSeconds(double horizon) {
        return new SimOptions(
                seed,
                groupToProject,
                labTypeToTraceType,
                arrivalScale,
                backfill,
                preemptionCostSeconds,
                fairShareHalfLifeSeconds,
                horizon);
    }
}
