package dev.allot.sim;

/**
 * Job and GPU figures of a run summed over a set of projects (one project, a category, or the whole cluster).
 *
 * @param rejected jobs that could never start under the policy (e.g. larger than the grant under strict quotas) or
 *     on this cluster (larger than any pool)
 * @param queueSeconds wait from arrival to first start
 * @param completionSeconds arrival to finish, for completed jobs
 * @param entitlementMet while the projects wanted GPUs, the fraction of their entitlement (grant, capped by demand)
 *     they held: integral of min(used, grant) over integral of min(running + pending, grant); NaN when they never
 *     wanted any or have no grant
 * @param borrowedGpuHours GPU-hours held beyond the grant
 * @param lentGpuHours GPU-hours of idle grant that others borrowed
 * @param preemptions jobs stopped to give their GPUs back to an owner (each is requeued)
 * @param workLostGpuHours GPU-hours of running time that preemptions threw away (the preemption cost per preemption,
 *     at most what the job ran since it last started); already part of {@code gpuHours}
 */
public record Totals(
        long jobs,
        long completed,
        long rejected,
        Distribution queueSeconds,
        Distribution completionSeconds,
        double gpuHours,
        double entitlementMet,
        double borrowedGpuHours,
        double lentGpuHours,
        long preemptions,
        double workLostGpuHours) {}
