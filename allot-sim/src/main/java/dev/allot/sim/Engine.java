package dev.allot.sim;

import dev.allot.core.AllotException;

/**
 * The discrete-event loop: arrivals (in trace order) and completions (a heap) advance the clock; after each distinct
 * event time one scheduling pass offers the freed capacity to pending jobs in the policy's order. A preempted job
 * keeps its progress except for the preemption cost (work since its last checkpoint plus the restart). Not thread-safe: one engine per run.
 */
final class Engine {
    private static final int PROGRESS_EVERY_EVENTS = 1 << 16;

    final Workload work;
    final Cluster cluster;
    final SharingPolicy policy;
    final Recorder recorder;
    final Scheduler scheduler;
    final SimOptions options;
    private final SimProgress progress;
    private final EventHeap completions = new EventHeap();
    final JobQueue[] queues;
    final int[][] typesOf;
    final double[] entitledShare;
    final int[][] used;
    /** grant[p][t] in GPUs now: the current period's grant, plus the GPUs of the project's reserved blocks running. */
    final int[][] grant;
    /** Per project and type, the largest grant of the current period or a later one (blocks not counted). */
    int[][] largestGrant;
    /** The plan's dated steps, capacity events and blocks as they happen. */
    final TimelineRun timeline;
    /** GPUs of each type in use per category. */
    final int[][] categoryUsed;

    private final int[] usedOfType;

    final double[] remaining;
    final double[] firstStart;
    final double[] runStart;
    final double[] finishTime;
    /** When a running job will finish if nothing preempts it (reservations for backfill look at it). */
    final double[] expectedEnd;

    final boolean[] rejectedJob;

    final int[] runType;
    final int[] epoch;
    final int[][] placement;
    final int[] pendingGpus;
    final RunningSet running;
    /** Running jobs by expected end, kept only for EASY backfill (and unless shortcuts are off). */
    final EndingOrder endingOrder;

    final long[] triedAt;
    final int[] pendingProjects;
    int pendingProjectCount;
    final boolean[] isPending;
    /** Per project, counts changes of the project itself: a job of it arrives or stops. */
    final long[] projectVersion;

    double now;
    long stateVersion;
    private long events;
    long invariantChecks;
    private long nextProgressAt = PROGRESS_EVERY_EVENTS;
    long completed;
    long rejected;
    long preemptions;
    final FairShareUsage usage;

    Engine(Workload work, SharingPolicy policy, SimOptions options, SimProgress progress) {
        this(work, policy, options, progress, true);
    }

    /** With {@code shortcuts} false, every pass does all the work it used to (tests compare the outcomes). */
    Engine(Workload work, SharingPolicy policy, SimOptions options, SimProgress progress, boolean shortcuts) {
        this.work = work;
        this.policy = policy;
        this.options = options;
        this.progress = progress;
        this.cluster = new Cluster(work.types, work.lab.pools(), work.timeline.arrivingGpus);
        int projects = work.projects.size();
        int types = work.typeCount();
        this.grant = new int[projects][];
        for (int p = 0; p < projects; p++) {
            grant[p] = work.grant[p].clone();
        }
        this.used = new int[projects][types];
        this.usedOfType = new int[types];
        this.categoryUsed = new int[work.categories.size()][types];
        this.queues = new JobQueue[projects];
        for (int p = 0; p < projects; p++) {
            queues[p] = new JobQueue(work.priority, work.gpus);
        }
        this.typesOf = JobTypes.fastestFirst(work, cluster);
        this.entitledShare = JobTypes.entitledShares(work, grant);
        int jobs = work.jobCount;
        remaining = new double[jobs];
        java.util.Arrays.fill(remaining, 1.0);
        firstStart = new double[jobs];
        java.util.Arrays.fill(firstStart, Double.NaN);
        runStart = new double[jobs];
        finishTime = new double[jobs];
        java.util.Arrays.fill(finishTime, Double.NaN);
        expectedEnd = new double[jobs];
        rejectedJob = new boolean[jobs];
        runType = new int[jobs];
        epoch = new int[jobs];
        placement = new int[jobs][];
        pendingGpus = new int[projects];
        running = new RunningSet(jobs, types);
        endingOrder = shortcuts && options.backfill() == Backfill.EASY ? new EndingOrder(expectedEnd, types) : null;
        triedAt = new long[projects];
        java.util.Arrays.fill(triedAt, -1);
        pendingProjects = new int[projects];
        isPending = new boolean[projects];
        projectVersion = new long[projects];
        usage = new FairShareUsage(projects, options.fairShareHalfLifeSeconds());
        recorder = new Recorder(work, this, cluster);
        scheduler = new Scheduler(this, shortcuts);
        timeline = new TimelineRun(this);
    }

    void run() {
        int nextArrival = 0;
        double horizon = options.horizonSeconds();
        while (true) {
            double arrival = nextArrival < work.jobCount ? work.submit[nextArrival] : Double.POSITIVE_INFINITY;
            double completion = nextCompletion();
            double time = Math.min(arrival, completion);
            if (time == Double.POSITIVE_INFINITY && timeline.waiting(this)) {
                // only a later period, capacity event or block end can start what waits
                time = timeline.nextStepSeconds();
            } else {
                time = Math.min(time, timeline.nextStepSeconds());
            }
            if (time == Double.POSITIVE_INFINITY || time > horizon) {
                now = Math.min(horizon, lastUsefulTime(time));
                recorder.advance(now);
                break;
            }
            now = time;
            recorder.advance(now);
            scheduler.newTime();
            while (!completions.isEmpty() && completions.peekTime() == now) {
                int job = completions.peekJob();
                boolean current = completions.peekEpoch() == epoch[job];
                completions.pop();
                if (current) {
                    finish(job);
                }
            }
            timeline.applyStepsDue();
            while (nextArrival < work.jobCount && work.submit[nextArrival] == now) {
                arrive(nextArrival++);
            }
            timeline.startWaitingBlocks();
            for (int round = 0; round < 4 && scheduler.pass(); round++) {
                // a pass that preempted jobs runs again so the requeued jobs may start elsewhere at once
            }
            if (progress != null && events >= nextProgressAt) {
                nextProgressAt = events + PROGRESS_EVERY_EVENTS;
                progress.update(policy.name(), now, events, completed, work.jobCount);
            }
        }
        for (int type = 0; type < work.typeCount(); type++) {
            for (int i = 0; i < running.size(type); i++) {
                int job = running.get(type, i);
                recorder.ran(job, type, now - runStart[job]);
            }
        }
        recorder.finish(now);
    }

    private double lastUsefulTime(double time) {
        return time == Double.POSITIVE_INFINITY ? now : time;
    }

    private double nextCompletion() {
        while (!completions.isEmpty() && completions.peekEpoch() != epoch[completions.peekJob()]) {
            completions.pop();
        }
        return completions.isEmpty() ? Double.POSITIVE_INFINITY : completions.peekTime();
    }

    private void arrive(int job) {
        events++;
        int project = work.project[job];
        recorder.arrived(job);
        if (work.blockOf[job] >= 0) {
            timeline.blockArrived(job);
            return;
        }
        if (typesOf[job].length == 0 || !policy.everAdmissible(scheduler, job)) {
            rejectedJob[job] = true;
            rejected++;
            recorder.rejected(job);
            return;
        }
        recorder.touch(project);
        queues[project].add(job);
        pendingGpus[project] += work.gpus[job];
        recorder.pendingChanged(project, work.gpus[job]);
        markPending(project);
        triedAt[project] = -1;
        projectVersion[project]++;
    }

    private void finish(int job) {
        events++;
        if (work.blockOf[job] >= 0) {
            timeline.blockStopping(job);
        }
        stop(job);
        finishTime[job] = now;
        completed++;
        recorder.completed(job, now);
    }

    private void stop(int job) {
        int project = work.project[job];
        int type = runType[job];
        recorder.touch(project);
        usage.change(project, now, -work.gpus[job] * work.speed[type]);
        recorder.usageChanging(project, type, used[project][type], used[project][type] - work.gpus[job]);
        used[project][type] -= work.gpus[job];
        usedOfType[type] -= work.gpus[job];
        categoryUsed[work.categoryOf[project]][type] -= work.gpus[job];
        recorder.ran(job, type, now - runStart[job]);
        cluster.release(placement[job]);
        placement[job] = null;
        running.remove(job, type);
        if (endingOrder != null) {
            endingOrder.remove(job, type);
        }
        epoch[job]++;
        stateVersion++;
        projectVersion[project]++;
    }

    /** Starts the job the scheduler's walk over its project's queue is at. */
    void start(int job, int type, int[] where) {
        int project = work.project[job];
        recorder.touch(project);
        queues[project].removeCurrent();
        pendingGpus[project] -= work.gpus[job];
        recorder.pendingChanged(project, -work.gpus[job]);
        launch(job, type, where, true);
    }

    /**
     * Runs the job on the placement, which its GPUs already occupy; {@code byPolicy} false for a block's run, which
     * the policy's rule does not govern.
     */
    void launch(int job, int type, int[] where, boolean byPolicy) {
        int project = work.project[job];
        recorder.touch(project);
        usage.change(project, now, work.gpus[job] * work.speed[type]);
        recorder.usageChanging(project, type, used[project][type], used[project][type] + work.gpus[job]);
        used[project][type] += work.gpus[job];
        usedOfType[type] += work.gpus[job];
        categoryUsed[work.categoryOf[project]][type] += work.gpus[job];
        placement[job] = where;
        runType[job] = type;
        runStart[job] = now;
        if (Double.isNaN(firstStart[job])) {
            firstStart[job] = now;
            recorder.started(job, now - work.submit[job]);
        }
        epoch[job]++;
        running.add(job, type, work.priority[job]);
        expectedEnd[job] = now + remaining[job] * work.seconds(job, type);
        completions.push(expectedEnd[job], job, epoch[job]);
        if (endingOrder != null) {
            endingOrder.add(job, type);
        }
        if (used[project][type] > grant[project][type]) {
            stateVersion++;
        }
        checkInvariant(project, type, byPolicy);
    }

    void preempt(int job) {
        int project = work.project[job];
        invariantChecks++;
        if (used[project][runType[job]] <= grant[project][runType[job]]) {
            throw new AllotException(
                    AllotException.Kind.INTERNAL,
                    "sim.invariant.reclaim",
                    "At t=" + now
                            + "s a job of project " + work.projects.get(project).project()
                            + " was preempted although the"
                            + " project held no more than its grant of "
                            + work.types.get(runType[job]).id());
        }
        interrupt(job);
        queues[project].add(job);
        pendingGpus[project] += work.gpus[job];
        recorder.pendingChanged(project, work.gpus[job]);
        markPending(project);
    }

    /**
     * Stops a running job as a preemption does (it keeps its progress but the preemption cost) and returns the seconds
     * of running time it lost; the caller requeues it. Used directly when capacity goes away or a block needs room.
     */
    double interrupt(int job) {
        double ranSeconds = now - runStart[job];
        double lostSeconds = Math.min(ranSeconds, options.preemptionCostSeconds());
        remaining[job] = Math.max(0, remaining[job] - (ranSeconds - lostSeconds) / work.seconds(job, runType[job]));
        if (work.blockOf[job] >= 0) {
            timeline.blockStopping(job);
        }
        stop(job);
        preemptions++;
        recorder.preempted(job, lostSeconds);
        return lostSeconds;
    }

    /** Puts a job {@link #interrupt}ed outside a reclaim back in its project's queue. */
    void requeue(int job) {
        int project = work.project[job];
        recorder.touch(project);
        queues[project].add(job);
        pendingGpus[project] += work.gpus[job];
        recorder.pendingChanged(project, work.gpus[job]);
        markPending(project);
        triedAt[project] = -1;
        projectVersion[project]++;
    }

    private void checkInvariant(int project, int type, boolean policyRule) {
        invariantChecks++;
        int busy = cluster.capacityGpus(type) - cluster.freeGpus(type);
        if (busy != usedOfType[type]) {
            throw new AllotException(
                    AllotException.Kind.INTERNAL,
                    "sim.invariant.accounting",
                    "At t=" + now
                            + "s the nodes hold " + busy + " busy GPUs of type "
                            + work.types.get(type).id()
                            + " but running jobs account for " + usedOfType[type]);
        }
        String broken = policyRule ? policy.violation(scheduler, project, type) : "";
        if (!broken.isEmpty()) {
            throw new AllotException(
                    AllotException.Kind.INTERNAL,
                    "sim.invariant.policy",
                    "Policy " + policy.name()
                            + " broke its rule at t=" + now + "s: project "
                            + work.projects.get(project).project() + " "
                            + broken);
        }
    }

    private void markPending(int project) {
        if (!isPending[project]) {
            isPending[project] = true;
            pendingProjects[pendingProjectCount++] = project;
        }
    }

    /** A period's grants took effect: shares of the grants and what is derived from them follow. */
    void grantsChanged() {
        double[] shares = JobTypes.entitledShares(work, grant);
        System.arraycopy(shares, 0, entitledShare, 0, shares.length);
        scheduler.grantsChanged();
    }

    /** Fraction of the job's work left at {@code time} (counting the running stretch of a running job). */
    double remainingAt(int job, double time) {
        if (placement[job] == null) {
            return remaining[job];
        }
        return Math.max(0, remaining[job] - (time - runStart[job]) / work.seconds(job, runType[job]));
    }

    double now() {
        return now;
    }

    long events() {
        return events;
    }

    SimOptions options() {
        return options;
    }
}
