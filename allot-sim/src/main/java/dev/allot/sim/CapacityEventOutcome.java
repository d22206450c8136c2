package dev.allot.sim;

/**
 * What one capacity event of the lab did during the run.
 *
 * @param event e.g. {@code outage east-h100 -64 from 2027-02-20 until 2027-02-22}
 * @param startSeconds when it took effect, in seconds from the trace start
 * @param jobsPreempted running jobs stopped because the GPUs they ran on went out of service (each resumed later,
 *     keeping its progress but the preemption cost)
 * @param workLostGpuHours their running time lost to the preemption cost, in GPU-hours
 */
public record CapacityEventOutcome(String event, double startSeconds, int jobsPreempted, double workLostGpuHours) {}
