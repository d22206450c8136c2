package dev.allot.sim;

/**
 * One scheduling pass at a time: offers capacity to projects with pending jobs in the policy's order, and is the
 * {@link SchedulingContext} the policy sees. A project whose last pass failed is skipped until something that could
 * change the outcome happens (a job of it arrives, or GPUs are freed or borrowed anywhere).
 */
final class Scheduler implements SchedulingContext {
    private final Engine engine;
    private double totalDecayedCache = Double.NaN;

    Scheduler(Engine engine) {
        this.engine = engine;
        this.reservation = new Reservation(engine);
        this.noRoomVersion = new long[engine.work.typeCount()];
        java.util.Arrays.fill(noRoomVersion, -1);
        this.noRoomGpus = new int[engine.work.typeCount()];
    }

    /** Forgets values cached for the previous event time. */
    void newTime() {
        totalDecayedCache = Double.NaN;
    }

    private int currentJob = -1;
    /** The first type on which the current job was allowed to start but found no room, or -1. */
    private int roomlessType = -1;

    private final Reservation reservation;
    /**
     * Per type, the fewest GPUs that found no room since the last time GPUs were freed: a job as large cannot fit
     * either (placement is monotone in the GPU count), so it is turned away without looking at the nodes.
     */
    private final long[] noRoomVersion;

    private final int[] noRoomGpus;
    private int[] candidates = new int[0];
    private double[] keys = new double[0];
    private final long[] reclaimFailedAt = new long[64];
    private final int[] reclaimFailedGpus = new int[64];

    /** One pass; returns whether it preempted jobs. */
    boolean pass() {
        long preemptionsBefore = engine.preemptions;
        int count = 0;
        if (candidates.length < engine.pendingProjectCount) {
            candidates = new int[engine.pendingProjects.length];
            keys = new double[engine.pendingProjects.length];
        }
        int kept = 0;
        for (int i = 0; i < engine.pendingProjectCount; i++) {
            int project = engine.pendingProjects[i];
            if (engine.queues[project].isEmpty()) {
                engine.isPending[project] = false;
                continue;
            }
            engine.pendingProjects[kept++] = project;
            if (engine.triedAt[project] != engine.stateVersion) {
                candidates[count++] = project;
            }
        }
        engine.pendingProjectCount = kept;
        for (int i = 0; i < count; i++) {
            keys[i] = engine.policy.orderKey(this, candidates[i]);
        }
        Sorting.byKey(candidates, keys, count);
        reservation.clear();
        Backfill backfill = engine.options.backfill();
        for (int i = 0; i < count; i++) {
            int project = candidates[i];
            JobQueue queue = engine.queues[project];
            queue.rewind();
            int failed = 0;
            for (int job = queue.next(); job >= 0 && roomForSmallest(project); job = queue.next()) {
                currentJob = job;
                roomlessType = -1;
                if (engine.policy.tryStart(this, job)) {
                    continue;
                }
                if (backfill == Backfill.NONE || ++failed >= Backfill.MAX_FAILED_TRIES) {
                    break;
                }
                if (backfill == Backfill.EASY && roomlessType >= 0 && !reservation.isHeld()) {
                    reservation.reserve(job, roomlessType);
                }
            }
            currentJob = -1;
            engine.triedAt[project] = engine.stateVersion;
        }
        return engine.preemptions != preemptionsBefore;
    }

    /** Whether the project's smallest pending job could start on some type, as far as GPU counts go. */
    private boolean roomForSmallest(int project) {
        int smallest = engine.queues[project].smallestGpusAtLeast();
        for (int type = 0; type < engine.work.typeCount(); type++) {
            if (engine.policy.roomGpus(this, project, type) >= smallest) {
                return true;
            }
        }
        return false;
    }

    @Override
    public double nowSeconds() {
        return engine.now;
    }

    @Override
    public int gpuTypeCount() {
        return engine.work.typeCount();
    }

    @Override
    public int grantGpus(int project, int type) {
        return engine.work.grant[project][type];
    }

    @Override
    public int usedGpus(int project, int type) {
        return engine.used[project][type];
    }

    @Override
    public int freeGpus(int type) {
        return engine.cluster.freeGpus(type);
    }

    @Override
    public int jobGpus(int job) {
        return engine.work.gpus[job];
    }

    @Override
    public int jobProject(int job) {
        return engine.work.project[job];
    }

    @Override
    public int[] typesFastestFirst(int job) {
        return engine.typesOf[job];
    }

    @Override
    public boolean couldEverFit(int job, int type) {
        return engine.cluster.couldEverFit(type, engine.work.gpus[job]);
    }

    @Override
    public int headJob(int project) {
        return engine.queues[project].first();
    }

    @Override
    public double decayedUsage(int project) {
        return engine.usage.valueAt(project, engine.now);
    }

    @Override
    public double totalDecayedUsage() {
        if (Double.isNaN(totalDecayedCache)) {
            totalDecayedCache = engine.usage.totalAt(engine.now);
        }
        return totalDecayedCache;
    }

    @Override
    public double entitledShare(int project) {
        return engine.entitledShare[project];
    }

    @Override
    public boolean tryPlace(int job, int type) {
        requireCurrent(job);
        if (!reservation.allows(job, type)) {
            return false;
        }
        int gpus = engine.work.gpus[job];
        boolean knownNotToFit = noRoomVersion[type] == engine.stateVersion && gpus >= noRoomGpus[type];
        int[] where = knownNotToFit ? null : engine.cluster.place(type, gpus);
        if (where == null) {
            if (!knownNotToFit) {
                noRoomVersion[type] = engine.stateVersion;
                noRoomGpus[type] = gpus;
            }
            if (roomlessType < 0) {
                roomlessType = type;
            }
            return false;
        }
        reservation.started(job, type);
        engine.start(job, type, where);
        return true;
    }

    @Override
    public boolean tryReclaim(int job, int type) {
        requireCurrent(job);
        int gpus = engine.work.gpus[job];
        if (type < reclaimFailedAt.length
                && reclaimFailedAt[type] == engine.stateVersion + 1
                && reclaimFailedGpus[type] <= gpus) {
            return false;
        }
        if (engine.cluster.freeGpus(type) + engine.recorder.borrowedGpus(type) < gpus) {
            return false;
        }
        int[] where = Reclaim.plan(engine, job, type);
        if (where == null) {
            if (type < reclaimFailedAt.length) {
                reclaimFailedAt[type] = engine.stateVersion + 1;
                reclaimFailedGpus[type] = gpus;
            }
            return false;
        }
        engine.start(job, type, where);
        return true;
    }

    private void requireCurrent(int job) {
        if (job != currentJob) {
            throw new IllegalStateException(
                    "policy may only start the job it was offered (" + currentJob + "), not " + job);
        }
    }
}
