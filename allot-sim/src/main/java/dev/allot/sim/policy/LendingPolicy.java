package dev.allot.sim.policy;

import dev.allot.sim.SchedulingContext;
import dev.allot.sim.SharingPolicy;

/**
 * Quotas with lending and borrowing, as a Kueue cohort with {@code reclaimWithinCohort: Any}: every grant is a
 * nominal quota; a project may borrow GPUs that are idle (unused grants of others, ungranted capacity); when an
 * owner needs its quota back, borrowed jobs are preempted. Jobs that fit within their project's quota are admitted
 * before jobs that must borrow, and a job first looks for a type where it fits without borrowing.
 */
public final class LendingPolicy implements SharingPolicy {
    public static final String NAME = "lending";

    /** Lending that keeps the lab policy's category relations (see {@link #keepingCategoryRelations()}). */
    public static final String KEEPING_RELATIONS = "lending-relations";

    private final boolean keepRelations;

    public LendingPolicy() {
        this(false);
    }

    private LendingPolicy(boolean keepRelations) {
        this.keepRelations = keepRelations;
    }

    /**
     * Lending as above, except that a project of a category on the right-hand side of a relation of the lab policy
     * (e.g. {@code product} in {@code exploratory >= product}) borrows only while the relation would still hold with
     * the left-hand category at its entitlement: idle GPUs are lent across the relation only as far as the lender
     * could take them back without the relation breaking. Borrowing by the left-hand side, or within a category
     * that is on no right-hand side, is as under plain lending.
     */
    public static LendingPolicy keepingCategoryRelations() {
        return new LendingPolicy(true);
    }

    /** Keeps projects that can run within quota ahead of every project that would have to borrow. */
    private static final double BORROWING_OFFSET = 1e12;

    @Override
    public String name() {
        return keepRelations ? KEEPING_RELATIONS : NAME;
    }

    @Override
    public String description() {
        return keepRelations
                ? "lending that keeps the category relations: a right-hand category borrows only while the relation"
                        + " holds with the left-hand one at its entitlement"
                : "quotas + lending/borrowing; owners reclaim borrowed GPUs by preemption (Kueue cohort)";
    }

    @Override
    public double orderKey(SchedulingContext context, int project) {
        int head = context.headJob(project);
        return (withinQuotaSomewhere(context, head) ? 0 : BORROWING_OFFSET) + head;
    }

    @Override
    public boolean tryStart(SchedulingContext context, int job) {
        int project = context.jobProject(job);
        int gpus = context.jobGpus(job);
        int[] types = context.typesFastestFirst(job);
        for (int type : types) {
            if (withinQuota(context, project, type, gpus) && context.tryPlace(job, type)) {
                return true;
            }
        }
        for (int type : types) {
            if (withinQuota(context, project, type, gpus) && context.tryReclaim(job, type)) {
                return true;
            }
        }
        for (int type : types) {
            if ((!keepRelations || context.keepsCategoryRelations(project, type, gpus))
                    && context.tryPlace(job, type)) {
                return true;
            }
        }
        return false;
    }

    /** Free GPUs, or the rest of the project's quota, which it may reclaim from borrowers. */
    @Override
    public int roomGpus(SchedulingContext context, int project, int type) {
        return Math.max(context.freeGpus(type), context.grantGpus(project, type) - context.usedGpus(project, type));
    }

    private static boolean withinQuotaSomewhere(SchedulingContext context, int job) {
        int project = context.jobProject(job);
        for (int type : context.typesFastestFirst(job)) {
            if (withinQuota(context, project, type, context.jobGpus(job))) {
                return true;
            }
        }
        return false;
    }

    private static boolean withinQuota(SchedulingContext context, int project, int type, int gpus) {
        return context.usedGpus(project, type) + gpus <= context.grantGpus(project, type);
    }
}
