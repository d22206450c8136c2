package dev.allot.sim.policy;

import dev.allot.sim.SchedulingContext;
import dev.allot.sim.SharingPolicy;

/**
 * Usage-decayed fair share without quotas, like Slurm's {@code priority/multifactor} with only the fair-share factor:
 * the grants become shares, and the project with the highest factor {@code F = 2^(-U/S)} is served first, where
 * {@code U} is its share of the cluster's decayed usage and {@code S} its share of the granted effective GPUs. Any
 * job that fits on idle nodes starts; nothing is preempted. This is the baseline a lab would otherwise run.
 */
public final class FairSharePolicy implements SharingPolicy {
    public static final String NAME = "fairshare";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "usage-decayed fair share (Slurm multifactor-like), no quotas, no preemption";
    }

    @Override
    public double orderKey(SchedulingContext context, int project) {
        return -factor(context, project);
    }

    /** Slurm's classic fair-share factor in [0, 1]; projects without a share get 0. */
    static double factor(SchedulingContext context, int project) {
        double share = context.entitledShare(project);
        if (share <= 0) {
            return 0;
        }
        double used = context.decayedUsage(project);
        if (used == 0) {
            // no usage: the factor is 1 whatever the total (the scheduler need not know the total for this key)
            return 1;
        }
        double total = context.totalDecayedUsage();
        double usage = total > 0 ? used / total : 0;
        return Math.pow(2, -usage / share);
    }

    @Override
    public boolean tryStart(SchedulingContext context, int job) {
        for (int type : context.typesFastestFirst(job)) {
            if (context.tryPlace(job, type)) {
                return true;
            }
        }
        return false;
    }
}
