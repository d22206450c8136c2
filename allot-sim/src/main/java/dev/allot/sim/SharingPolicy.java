package dev.allot.sim;

/**
 * How a cluster shares GPUs between projects at run time, given the plan's grants. Implementations are small,
 * stateless and chosen by {@link #name()} (see {@code dev.allot.sim.policy.SharingPolicies}).
 *
 * <p>At each scheduling pass the simulator offers capacity to projects with pending jobs in ascending
 * {@link #orderKey}; for each project it calls {@link #tryStart} on its pending jobs in queue order (how far, and with
 * which reservation, says {@link Backfill}), and after
 * every start it checks {@link #violation} as an invariant.
 *
 * <p>A policy reads the state only through its {@link SchedulingContext}: the scheduler notes whether a refusal read
 * anything beyond the project's own usage and queue and fixed facts, and when it did not, skips the project until the
 * project itself changes (a job of it arrives or stops), since the answer could not differ before.
 */
public interface SharingPolicy {
    /** Registry name, e.g. {@code strict}. */
    String name();

    /** One line for reports. */
    String description();

    /** Projects with smaller keys are offered capacity first; ties go to the lower project index. */
    double orderKey(SchedulingContext context, int project);

    /** Starts the job if the policy allows it now (via {@link SchedulingContext#tryPlace} or tryReclaim). */
    boolean tryStart(SchedulingContext context, int job);

    /**
     * An upper bound on the GPUs of the type a job of the project could start on right now under this policy (free
     * GPUs, capped by what the policy lets the project hold, raised by what it may reclaim). The scheduler stops
     * trying a project's jobs once none could fit anywhere; a bound that is too high only costs time.
     */
    default int roomGpus(SchedulingContext context, int project, int type) {
        return context.freeGpus(type);
    }

    /**
     * At most how many GPUs of the type a job of the project may start on under the project's own state alone,
     * whatever the rest of the cluster does: a job asking for more on every type it can use must be refused by
     * {@link #tryStart} without asking the cluster. It may read only the project's own usage and fixed facts, and it
     * must not grow as the project starts jobs. The scheduler refuses such jobs itself, and skips the project until
     * it changes when nothing else held its jobs back. No bound by default.
     */
    default int ownRoomGpus(SchedulingContext context, int project, int type) {
        return Integer.MAX_VALUE;
    }

    /** Whether the job could ever start under this policy; jobs that could not are rejected at arrival. */
    default boolean everAdmissible(SchedulingContext context, int job) {
        return true;
    }

    /**
     * The rule this policy guarantees for the project's use of the type, checked after every start: empty when it
     * holds, otherwise what is broken.
     */
    default String violation(SchedulingContext context, int project, int type) {
        return "";
    }
}
