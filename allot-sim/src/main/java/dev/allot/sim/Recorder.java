package dev.allot.sim;

/**
 * Measures a run as it happens: time series in buckets (bounded in number, see {@link Series}) (GPUs busy per type, effective GPUs busy and GPUs
 * pending per category), per-job waits and completion times, and per-project integrals kept lazily (updated only
 * when that project changes): entitlement met, borrowed and lent GPU-seconds.
 *
 * <p>Lent GPU-seconds: at any moment the GPUs borrowed on a type beyond its ungranted capacity come out of idle
 * grants, and are attributed to the idle owners in proportion to their idle GPUs.
 */
final class Recorder {
    final Workload work;
    private final Engine engine;
    private final Cluster cluster;
    final Series series;

    private double last;
    private final double[] lentRatioIntegral;
    private final double[] borrowed;
    private final double[] idleGranted;
    private final double[] ungranted;
    /** GPUs granted per type now. */
    private final int[] granted;
    /** Per type, the integral of the GPUs in service over time (capacity events change them). */
    final double[] capacitySeconds;

    /** The arrival window: from the first to the last submit time. */
    final double windowStart;

    final double windowEnd;
    /** Per type, GPU-seconds busy and GPU-seconds in service within the arrival window, integrated exactly. */
    final double[] busySecondsInWindow;

    final double[] capacitySecondsInWindow;

    private final double[] categoryBusyNow;
    private final double[] categoryPendingNow;

    final ProjectTally tally;

    Recorder(Workload work, Engine engine, Cluster cluster) {
        this.work = work;
        this.engine = engine;
        this.cluster = cluster;
        int types = work.typeCount();
        int categories = work.categories.size();
        double lastSubmit = work.jobCount == 0 ? 0 : work.submit[work.jobCount - 1];
        this.series = new Series(types, categories, Math.max(1.0, lastSubmit / 200));
        lentRatioIntegral = new double[types];
        borrowed = new double[types];
        idleGranted = new double[types];
        ungranted = new double[types];
        granted = new int[types];
        capacitySeconds = new double[types];
        windowStart = work.jobCount == 0 ? 0 : work.submit[0];
        windowEnd = lastSubmit;
        busySecondsInWindow = new double[types];
        capacitySecondsInWindow = new double[types];
        for (int t = 0; t < types; t++) {
            for (int p = 0; p < work.projects.size(); p++) {
                granted[t] += engine.grant[p][t];
                idleGranted[t] += engine.grant[p][t];
            }
            ungranted[t] = Math.max(0, cluster.capacityGpus(t) - granted[t]);
        }
        categoryBusyNow = new double[categories];
        categoryPendingNow = new double[categories];
        tally = new ProjectTally(work, engine.grant);
    }

    /** Integrates everything that changes with the whole cluster up to {@code to}. */
    void advance(double to) {
        if (to <= last) {
            return;
        }
        double inWindow = Math.max(0, Math.min(to, windowEnd) - Math.max(last, windowStart));
        for (int t = 0; t < borrowed.length; t++) {
            capacitySeconds[t] += cluster.capacityGpus(t) * (to - last);
            if (inWindow > 0) {
                busySecondsInWindow[t] += (cluster.capacityGpus(t) - cluster.freeGpus(t)) * inWindow;
                capacitySecondsInWindow[t] += cluster.capacityGpus(t) * inWindow;
            }
            double fromGrants = Math.max(0, borrowed[t] - ungranted[t]);
            double ratio = idleGranted[t] > 0 ? Math.min(1, fromGrants / idleGranted[t]) : 0;
            lentRatioIntegral[t] += ratio * (to - last);
        }
        series.cover(to);
        double width = series.bucketSeconds;
        double from = last;
        while (from < to) {
            int bucket = (int) Math.floor(from / width);
            double end = Math.min(to, (bucket + 1) * width);
            if (end <= from) {
                bucket++;
                end = Math.min(to, (bucket + 1) * width);
            }
            double seconds = end - from;
            series.ensure(bucket);
            for (int t = 0; t < borrowed.length; t++) {
                series.typeBusy[t][bucket] += (cluster.capacityGpus(t) - cluster.freeGpus(t)) * seconds;
            }
            for (int c = 0; c < categoryBusyNow.length; c++) {
                series.categoryBusy[c][bucket] += categoryBusyNow[c] * seconds;
                series.categoryPending[c][bucket] += categoryPendingNow[c] * seconds;
                if (categoryPendingNow[c] > 0) {
                    series.categoryDemandSeconds[c][bucket] += seconds;
                }
            }
            from = end;
        }
        last = to;
    }

    /** Brings the project's lazy integrals up to now; call before changing its usage or pending jobs. */
    void touch(int project) {
        tally.touch(project, engine.now(), engine.used[project], engine.pendingGpus[project], lentRatioIntegral);
    }

    void usageChanging(int project, int type, int before, int after) {
        int grant = engine.grant[project][type];
        borrowed[type] += Math.max(0, after - grant) - Math.max(0, before - grant);
        idleGranted[type] += Math.max(0, grant - after) - Math.max(0, grant - before);
        categoryBusyNow[work.categoryOf[project]] += (after - before) * work.speed[type];
    }

    /** The project's grant of the type changes (call {@link #touch} first); its use stays. */
    void grantChanging(int project, int type, int before, int after) {
        int used = engine.used[project][type];
        borrowed[type] += Math.max(0, used - after) - Math.max(0, used - before);
        idleGranted[type] += Math.max(0, after - used) - Math.max(0, before - used);
        granted[type] += after - before;
        ungranted[type] = Math.max(0, cluster.capacityGpus(type) - granted[type]);
        tally.entitlementChanged(project, after - before);
    }

    /** GPUs went into or out of service. */
    void capacityChanged() {
        for (int t = 0; t < granted.length; t++) {
            ungranted[t] = Math.max(0, cluster.capacityGpus(t) - granted[t]);
        }
    }

    void pendingChanged(int project, int deltaGpus) {
        categoryPendingNow[work.categoryOf[project]] += deltaGpus;
    }

    /** GPUs of the type held beyond grants right now. */
    int borrowedGpus(int type) {
        return (int) borrowed[type];
    }

    void arrived(int job) {
        tally.jobs[work.project[job]]++;
    }

    void rejected(int job) {
        tally.rejected[work.project[job]]++;
    }

    void started(int job, double waitSeconds) {
        tally.waits[work.project[job]].add(waitSeconds);
    }

    void ran(int job, int type, double seconds) {
        tally.gpuSeconds[work.project[job]] += work.gpus[job] * seconds;
        tally.gpuSecondsByType[type] += work.gpus[job] * seconds;
    }

    void completed(int job, double now) {
        int project = work.project[job];
        tally.completed[project]++;
        tally.completionSeconds[project].add(now - work.submit[job]);
    }

    void preempted(int job, double lostSeconds) {
        tally.preemptions[work.project[job]]++;
        tally.workLostGpuSeconds[work.project[job]] += work.gpus[job] * lostSeconds;
    }

    /** Closes every lazy integral at the end of the run. */
    void finish(double now) {
        advance(now);
        for (int p = 0; p < work.projects.size(); p++) {
            touch(p);
        }
        series.end = now;
    }
}
