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
    }

    /** Forgets values cached for the previous event time. */
    void newTime() {
        totalDecayedCache = Double.NaN;
    }

    private int currentJob = -1;
    private int currentIndex;
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
        for (int i = 0; i < count; i++) {
            int project = candidates[i];
            JobQueue queue = engine.queues[project];
            int index = 0;
            for (int tried = 0; tried < engine.options.lookahead() && index < queue.size(); tried++) {
                currentJob = queue.get(index);
                currentIndex = index;
                if (!engine.policy.tryStart(this, currentJob)) {
                    index++;
                }
            }
            currentJob = -1;
            engine.triedAt[project] = engine.stateVersion;
        }
        return engine.preemptions != preemptionsBefore;
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
        return engine.queues[project].isEmpty() ? -1 : engine.queues[project].get(0);
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
        int[] where = engine.cluster.place(type, engine.work.gpus[job]);
        if (where == null) {
            return false;
        }
        engine.start(job, type, where, currentIndex);
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
        engine.start(job, type, where, currentIndex);
        return true;
    }

    private void requireCurrent(int job) {
        if (job != currentJob) {
            throw new IllegalStateException(
                    "policy may only start the job it was offered (" + currentJob + "), not " + job);
        }
    }
}
