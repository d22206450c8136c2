package dev.allot.sim;

import dev.allot.core.model.GpuTypeId;
import java.util.Map;

/**
 * What a run did to the whole cluster.
 *
 * @param utilisationByType busy GPU-seconds over capacity x makespan, per type
 * @param utilisation the same over all types
 * @param effectiveUtilisation busy GPU-seconds weighted by each type's relative speed over the fleet's effective
 *     capacity (GPUs x relative speed x makespan): a run that keeps slow GPUs busy while fast ones idle scores lower
 *     here than on raw utilisation. It divides by the makespan, so one long job on slow GPUs that stretches the run
 *     lowers it for every GPU that idles in that tail
 * @param effectiveUtilisationWhileArriving the same over the arrival window (from the first to the last arrival) only:
 *     how much effective capacity the policy kept busy while work was coming in; policies are ranked on this one. When
 *     every job arrives at once the window has no length and this is the makespan figure
 * @param utilisationWhileArriving busy GPU-seconds over GPUs in service x time in the arrival window, unweighted:
 *     the steady state, without the tail in which the last long jobs drain (the whole run's figure when every job
 *     arrives at once)
 * @param unfinished jobs that arrived but were still queued or running when the run ended (at the horizon); they
 *     are not in any completion time
 * @param unfinishedGpuHours their work left at the end, in GPU-hours on the fastest type each may use
 * @param notArrived jobs that would arrive after the horizon (not simulated, not counted anywhere else)
 * @param makespanSeconds simulated time from the trace start to the last event
 */
public record ClusterOutcome(
        Map<GpuTypeId, Integer> capacityGpus,
        Map<GpuTypeId, Double> utilisationByType,
        double utilisation,
        double effectiveUtilisation,
        double effectiveUtilisationWhileArriving,
        double utilisationWhileArriving,
        long unfinished,
        double unfinishedGpuHours,
        long notArrived,
        double makespanSeconds,
        Totals totals) {}
