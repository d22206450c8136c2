package dev.allot.sim;

/**
 * One scheduling pass at a time: offers capacity to projects with pending jobs in the policy's order, and is the
 * {@link SchedulingContext} the policy sees. A project whose last pass failed is skipped until something that could
 * change the outcome happens (a job of it arrives, or GPUs are freed or borrowed anywhere).
 */
final class Scheduler implements SchedulingContext {
    private final Engine engine;
    private double totalDecayedCache = Double.NaN;

    Scheduler(Engine engine, boolean shortcuts) {
        this.engine = engine;
        this.shortcuts = shortcuts;
        this.blockedAt = new long[engine.work.projects.size()];
        this.ownRoom = new int[engine.work.typeCount()];
        Workload work = engine.work;
        var relations = work.lab.policy().relations().stream()
                .filter(r -> work.categories.contains(r.left()) && work.categories.contains(r.right()))
                .toList();
        this.relationLeft = relations.stream()
                .mapToInt(r -> work.categories.indexOf(r.left()))
                .toArray();
        this.relationRight = relations.stream()
                .mapToInt(r -> work.categories.indexOf(r.right()))
                .toArray();
        this.relationFactor = relations.stream().mapToDouble(r -> r.factor()).toArray();
        this.entitledEffective = new double[work.categories.size()];
        grantsChanged();
        java.util.Arrays.fill(blockedAt, -1);
        this.reservation = new Reservation(engine);
        this.noRoomVersion = new long[engine.work.typeCount()];
        java.util.Arrays.fill(noRoomVersion, -1);
        this.noRoomGpus = new int[engine.work.typeCount()];
    }

    /** Recomputes each category's granted effective GPUs from the engine's grants. */
    void grantsChanged() {
        Workload work = engine.work;
        java.util.Arrays.fill(entitledEffective, 0);
        for (int p = 0; p < work.projects.size(); p++) {
            for (int t = 0; t < work.typeCount(); t++) {
                entitledEffective[work.categoryOf[p]] += engine.grant[p][t] * work.speed[t];
            }
        }
    }

    /** Forgets values cached for the previous event time. */
    void newTime() {
        totalDecayedCache = Double.NaN;
        approximateTotalCache = Double.NaN;
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
    /**
     * Per project, the {@link Engine#projectVersion} at which a pass tried its jobs and the policy refused each of them
     * without asking the cluster: nothing but a change of the project itself (a job of it arriving or stopping) can
     * change that outcome, so the project is skipped until then.
     */
    private final long[] blockedAt;

    /** The project whose jobs the pass is offering capacity to, or -1. */
    private int walkingProject = -1;

    /**
     * Whether the policy, since this was last reset, read anything but the walking project's own usage, its own queue
     * and fixed facts (grants, job sizes, types): free GPUs, the clock, other projects, or asked to place a job. A
     * refusal that read nothing else stays a refusal until the project itself changes ({@link #blockedAt}).
     */
    private boolean lookedBeyond;

    /**
     * Whether passes skip work that provably cannot change their outcome; off only in tests, which compare both ways.
     */
    private final boolean shortcuts;

    /** The walking project's own room per type, as the policy bounds it (see {@link #beyondOwnRoom}). */
    private final int[] ownRoom;

    private int largestOwnRoom;

    /** The lab policy's category relations {@code left >= factor x right}, as category indices. */
    private final int[] relationLeft;

    private final int[] relationRight;
    private final double[] relationFactor;
    /** Per category, its projects' granted effective GPUs. */
    private final double[] entitledEffective;

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
            keyApproximate = new boolean[engine.pendingProjects.length];
        }
        int kept = 0;
        for (int i = 0; i < engine.pendingProjectCount; i++) {
            int project = engine.pendingProjects[i];
            if (engine.queues[project].isEmpty()) {
                engine.isPending[project] = false;
                continue;
            }
            engine.pendingProjects[kept++] = project;
            if (engine.triedAt[project] != engine.stateVersion
                    && (!shortcuts || blockedAt[project] != engine.projectVersion[project])) {
                candidates[count++] = project;
            }
        }
        engine.pendingProjectCount = kept;
        if (count > 1 || !shortcuts) {
            // one project needs no order (a fair-share key costs a look at every project's decayed usage)
            order(count);
        }
        reservation.clear();
        Backfill backfill = engine.options.backfill();
        for (int i = 0; i < count; i++) {
            walk(candidates[i], backfill);
        }
        return engine.preemptions != preemptionsBefore;
    }

    /**
     * Sorts the candidates by the policy's order key. With shortcuts, keys first read the running total of decayed
     * usage ({@link FairShareUsage#approximateTotalAt}, within a relative 1e-9 of the exact sum); a key that read it
     * moves by less than {@link #KEY_TOLERANCE} from the key on the exact sum (a fair-share key {@code -2^(-x)} moves
     * by at most {@code x 2^(-x) ln 2 <= 1/e} times the relative error of the total). So unless two sorted keys, one
     * of which read the running total, come within that tolerance of each other, the order is the one the exact keys
     * give; when they do, every key is computed again on the exact sum.
     */
    private void order(int count) {
        approximateTotal = shortcuts;
        boolean nearTie = false;
        for (int i = 0; i < count; i++) {
            readApproximateTotal = false;
            keys[i] = engine.policy.orderKey(this, candidates[i]);
            keyApproximate[i] = readApproximateTotal;
        }
        approximateTotal = false;
        Sorting.byKey(candidates, keys, keyApproximate, count);
        for (int i = 1; i < count && !nearTie; i++) {
            nearTie = (keyApproximate[i] || keyApproximate[i - 1]) && keys[i] - keys[i - 1] <= KEY_TOLERANCE;
        }
        if (nearTie) {
            for (int i = 0; i < count; i++) {
                keys[i] = engine.policy.orderKey(this, candidates[i]);
            }
            Sorting.byKey(candidates, keys, count);
        }
    }

    /** See {@link #order}: far above the 4e-11 a key can move with the running total, far below real gaps. */
    private static final double KEY_TOLERANCE = 1e-9;

    /** Whether {@link #totalDecayedUsage} may answer with the running total (only while keys are computed). */
    private boolean approximateTotal;

    /** Whether the running total was read since this was last reset. */
    private boolean readApproximateTotal;

    private boolean[] keyApproximate = new boolean[0];

    private double approximateTotalCache = Double.NaN;

    /** Offers capacity to the project's pending jobs in queue order, as far as the queue discipline allows. */
    private void walk(int project, Backfill backfill) {
        JobQueue queue = engine.queues[project];
        queue.rewind();
        walkingProject = project;
        lookedBeyond = false;
        boolean room = roomForSmallest(project);
        boolean roomLookedBeyond = lookedBeyond;
        if (shortcuts && room) {
            // without room for the smallest job the walk tries nothing, so the own room is not read
            loadOwnRoom(project);
        }
        int failed = 0;
        int tried = 0;
        int started = 0;
        boolean refusalsLookedBeyond = false;
        boolean onlyBeyondOwnRoom = true;
        for (int job = queue.next(); job >= 0 && room; job = queue.next()) {
            currentJob = job;
            roomlessType = -1;
            tried++;
            if (!shortcuts || !beyondOwnRoom(job)) {
                lookedBeyond = false;
                if (engine.policy.tryStart(this, job)) {
                    started++;
                    // only a start changes the project's room or its smallest pending job
                    lookedBeyond = false;
                    room = roomForSmallest(project);
                    roomLookedBeyond = lookedBeyond;
                    if (shortcuts && room) {
                        loadOwnRoom(project);
                    }
                    continue;
                }
                refusalsLookedBeyond |= lookedBeyond;
                onlyBeyondOwnRoom = false;
                if (!shortcuts) {
                    room = roomForSmallest(project);
                }
            }
            if (backfill == Backfill.NONE || ++failed >= Backfill.MAX_FAILED_TRIES) {
                break;
            }
            if (shortcuts && engine.work.gpus[job] > largestOwnRoom) {
                // the jobs after it that are as far beyond the project's own room fail the same way, unlooked at
                int passed = queue.skipLarger(largestOwnRoom, Backfill.MAX_FAILED_TRIES - failed);
                tried += passed;
                failed += passed;
                if (failed >= Backfill.MAX_FAILED_TRIES) {
                    break;
                }
                continue;
            }
            if (backfill == Backfill.EASY && roomlessType >= 0 && !reservation.isHeld()) {
                reservation.reserve(job, roomlessType);
            }
        }
        currentJob = -1;
        walkingProject = -1;
        engine.triedAt[project] = engine.stateVersion;
        if (shortcuts
                && unchangedUntilProjectChanges(
                        room, roomLookedBeyond, tried, started, refusalsLookedBeyond, onlyBeyondOwnRoom)) {
            blockedAt[project] = engine.projectVersion[project];
        }
    }

    /**
     * Whether walking the project again before it changes itself (a job of it arrives or stops) would start nothing
     * and change nothing. True when no job fits the project's own room and that was decided on its own state; when
     * every job offered was refused on the project's own state alone; or when every refusal was a job beyond the
     * project's own room (which only shrinks as it starts jobs) and the walk did not end for want of free GPUs.
     */
    private static boolean unchangedUntilProjectChanges(
            boolean room,
            boolean roomLookedBeyond,
            int tried,
            int started,
            boolean refusalsLookedBeyond,
            boolean onlyBeyondOwnRoom) {
        if (!room && !roomLookedBeyond) {
            return true;
        }
        if (tried > 0 && started == 0 && !refusalsLookedBeyond) {
            return true;
        }
        return started > 0 && onlyBeyondOwnRoom && room;
    }

    /** Reads the policy's {@link SharingPolicy#ownRoomGpus} of the project on every type. */
    private void loadOwnRoom(int project) {
        largestOwnRoom = Integer.MIN_VALUE;
        for (int type = 0; type < ownRoom.length; type++) {
            ownRoom[type] = engine.policy.ownRoomGpus(this, project, type);
            largestOwnRoom = Math.max(largestOwnRoom, ownRoom[type]);
        }
    }

    /** Whether the job needs more GPUs than the project's own room on every type it can use. */
    private boolean beyondOwnRoom(int job) {
        int gpus = engine.work.gpus[job];
        if (gpus > largestOwnRoom) {
            return true;
        }
        for (int type : engine.typesOf[job]) {
            if (gpus <= ownRoom[type]) {
                return false;
            }
        }
        return true;
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
        lookedBeyond = true;
        return engine.now;
    }

    @Override
    public int gpuTypeCount() {
        return engine.work.typeCount();
    }

    @Override
    public int grantGpus(int project, int type) {
        return engine.grant[project][type];
    }

    @Override
    public int largestGrantGpus(int project, int type) {
        return engine.largestGrant[project][type];
    }

    @Override
    public int usedGpus(int project, int type) {
        lookBeyondUnlessWalking(project);
        return engine.used[project][type];
    }

    @Override
    public int freeGpus(int type) {
        lookedBeyond = true;
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
        lookBeyondUnlessWalking(project);
        return engine.queues[project].first();
    }

    @Override
    public double decayedUsage(int project) {
        lookedBeyond = true;
        return engine.usage.valueAt(project, engine.now);
    }

    @Override
    public double totalDecayedUsage() {
        lookedBeyond = true;
        // changes at an event time do not move the total at that time (usage is continuous), so it is kept per time
        if (!Double.isNaN(totalDecayedCache)) {
            return totalDecayedCache;
        }
        if (approximateTotal) {
            if (Double.isNaN(approximateTotalCache)) {
                approximateTotalCache = engine.usage.approximateTotalAt(engine.now);
            }
            if (!Double.isNaN(approximateTotalCache)) {
                readApproximateTotal = true;
                return approximateTotalCache;
            }
        }
        totalDecayedCache = engine.usage.totalAt(engine.now);
        return totalDecayedCache;
    }

    @Override
    public double entitledShare(int project) {
        return engine.entitledShare[project];
    }

    @Override
    public boolean keepsCategoryRelations(int project, int type, int gpus) {
        int category = engine.work.categoryOf[project];
        for (int r = 0; r < relationLeft.length; r++) {
            if (relationRight[r] != category || relationLeft[r] == category) {
                continue;
            }
            lookedBeyond = true;
            double right = categoryEffectiveGpus(category) + gpus * engine.work.speed[type];
            double left = Math.max(categoryEffectiveGpus(relationLeft[r]), entitledEffective[relationLeft[r]]);
            if (left < relationFactor[r] * right - 1e-9) {
                return false;
            }
        }
        return true;
    }

    private double categoryEffectiveGpus(int category) {
        double effective = 0;
        for (int type = 0; type < engine.work.typeCount(); type++) {
            effective += engine.categoryUsed[category][type] * engine.work.speed[type];
        }
        return effective;
    }

    @Override
    public boolean tryPlace(int job, int type) {
        requireCurrent(job);
        lookedBeyond = true;
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
        lookedBeyond = true;
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

    private void lookBeyondUnlessWalking(int project) {
        if (project != walkingProject) {
            lookedBeyond = true;
        }
    }

    private void requireCurrent(int job) {
        if (job != currentJob) {
            throw new IllegalStateException(
                    "policy may only start the job it was offered (" + currentJob + "), not " + job);
        }
    }
}
