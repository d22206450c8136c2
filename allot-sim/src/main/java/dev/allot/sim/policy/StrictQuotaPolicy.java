package dev.allot.sim.policy;

import dev.allot.sim.SchedulingContext;
import dev.allot.sim.SharingPolicy;

/**
 * Strict quotas: a project never holds more GPUs of a type than its grant, even when the rest of the cluster is idle
 * (Slurm {@code GrpTRES} limits without borrowing). Projects are served oldest pending job first.
 */
public final class StrictQuotaPolicy implements SharingPolicy {
    public static final String NAME = "strict";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "strict quotas: a project never exceeds its grant";
    }

    @Override
    public double orderKey(SchedulingContext context, int project) {
        return context.headJob(project);
    }

    @Override
    public boolean tryStart(SchedulingContext context, int job) {
        int project = context.jobProject(job);
        int gpus = context.jobGpus(job);
        for (int type : context.typesFastestFirst(job)) {
            if (context.usedGpus(project, type) + gpus <= context.grantGpus(project, type)
                    && context.tryPlace(job, type)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int roomGpus(SchedulingContext context, int project, int type) {
        int quota = context.grantGpus(project, type) - context.usedGpus(project, type);
        // a full quota needs no look at the cluster, so the scheduler may skip the project until it changes
        return quota <= 0 ? quota : Math.min(context.freeGpus(type), quota);
    }

    @Override
    public int ownRoomGpus(SchedulingContext context, int project, int type) {
        return context.grantGpus(project, type) - context.usedGpus(project, type);
    }

    @Override
    public boolean everAdmissible(SchedulingContext context, int job) {
        int project = context.jobProject(job);
        for (int type : context.typesFastestFirst(job)) {
            if (context.jobGpus(job) <= context.largestGrantGpus(project, type) && context.couldEverFit(job, type)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String violation(SchedulingContext context, int project, int type) {
        int used = context.usedGpus(project, type);
        int grant = context.grantGpus(project, type);
        return used <= grant ? "" : "uses " + used + " GPUs of type #" + type + " with a grant of " + grant;
    }
}
