package dev.allot.sim;

import dev.allot.core.model.GpuTypeId;
import java.util.Map;

/**
 * What a run did to the whole cluster.
 *
 * @param utilisationByType busy GPU-seconds over capacity x makespan, per type
 * @param unfinished jobs still queued or running when the run ended (at the horizon)
 * @param makespanSeconds simulated time from the trace start to the last event
 */
public record ClusterOutcome(
        Map<GpuTypeId, Integer> capacityGpus,
        Map<GpuTypeId, Double> utilisationByType,
        double utilisation,
        long unfinished,
        double makespanSeconds,
        Totals totals) {}
