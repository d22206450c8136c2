package dev.allot.sim;

/**
 * What a {@link SharingPolicy} sees and may do during one scheduling pass. Projects, GPU types and jobs are
 * indices: projects in plan order, types in lab order, jobs in arrival order. Not thread-safe; valid only during the
 * call it is passed to.
 */
public interface SchedulingContext {
    /** Simulated time of the pass, in seconds from the trace start. */
    double nowSeconds();

    int gpuTypeCount();

    /**
     * The project's grant of the type in the plan's current period, in GPUs, plus the GPUs of its reserved blocks
     * while their runs hold them.
     */
    int grantGpus(int project, int type);

    /**
     * The project's largest grant of the type in the plan's current period or a later one; the grant itself for a
     * plan without periods.
     */
    default int largestGrantGpus(int project, int type) {
        return grantGpus(project, type);
    }

    /** GPUs of the type the project's running jobs hold. */
    int usedGpus(int project, int type);

    /** Free GPUs of the type in the whole cluster (they may be fragmented over nodes). */
    int freeGpus(int type);

    int jobGpus(int job);

    int jobProject(int job);

    /** Types the job can run on, fastest first for that job. */
    int[] typesFastestFirst(int job);

    /** Whether the job could ever be placed on this type with the cluster empty (node layout permitting). */
    boolean couldEverFit(int job, int type);

    /** The next pending job of the project in queue order, or -1. */
    int headJob(int project);

    /**
     * The project's usage in effective GPU-seconds (GPU-seconds x relative speed), decayed with the configured
     * half-life, as of now.
     */
    double decayedUsage(int project);

    /**
     * Sum of {@link #decayedUsage} over all projects, as of now. While the scheduler computes order keys it may answer
     * with a running total within a relative 1e-9 of the sum; it then computes every key again on the exact sum
     * whenever two keys come within 1e-9 of each other, so a key must move by less than that when the total moves by
     * a relative 1e-10 (a fair-share factor does).
     */
    double totalDecayedUsage();

    /** The project's share of all granted effective GPUs in the plan, in [0, 1]. */
    double entitledShare(int project);

    /**
     * Whether the project could hold {@code gpus} more GPUs of the type and every category relation of the lab policy
     * (e.g. {@code exploratory >= product}, on effective GPUs in use) would still hold with each left-hand category
     * counted at least at its entitlement (its granted effective GPUs: what it holds once it takes back what it
     * lends). True when the project's category is on no right-hand side.
     */
    boolean keepsCategoryRelations(int project, int type, int gpus);

    /** Starts the job on the type if its GPUs fit on the nodes right now; returns whether it started. */
    boolean tryPlace(int job, int type);

    /**
     * Preempts running jobs of projects that use more of the type than their grant (lowest priority, then most
     * recently started first) until the job fits, then starts it. When it still cannot fit, nothing is preempted.
     * Preempted jobs keep their progress (checkpoint-restart) and go back to their queue.
     */
    boolean tryReclaim(int job, int type);
}
