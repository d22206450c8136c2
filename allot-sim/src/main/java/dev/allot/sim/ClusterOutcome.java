package dev.allot.sim;

import dev.allot.core.model.GpuTypeId;
import java.util.Map;

/**
 * What a run did to the whole cluster.
 *
 * @param utilisationByType busy GPU-seconds over capacity x makespan, per type
 * @param utilisation the same over all types
 * @param utilisationWhileArriving busy GPU-seconds over capacity x time from the trace start to the last arrival:
 *     the steady state, without the tail in which the last long jobs drain
 * @param unfinished jobs still queued or running when the run ended (at the horizon)
 * @param makespanSeconds simulated time from the trace start to the last event
 */
public record ClusterOutcome(
        Map<GpuTypeId, Integer> capacityGpus,
        Map<GpuTypeId, Double> utilisationByType,
        double utilisation,
        double utilisationWhileArriving,
        long unfinished,
        double makespanSeconds,
        Totals totals) {}
