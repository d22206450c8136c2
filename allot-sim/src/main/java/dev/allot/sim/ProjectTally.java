package dev.allot.sim;

/** Per-project counters and lazily integrated quantities of one run. */
final class ProjectTally {
    private final Workload work;
    final long[] jobs;
    final long[] completed;
    final long[] rejected;
    final long[] preemptions;
    /** GPU-seconds of running time preemptions threw away (redone after the restart). */
    final double[] workLostGpuSeconds;

    final double[] gpuSeconds;
    final double[] gpuSecondsByType;
    final DoubleList[] waits;
    final DoubleList[] completionSeconds;
    /** Integral of min(used, entitlement) and of min(demand, entitlement), in GPU-seconds. */
    final double[] entitlementReceived;

    final double[] entitlementWanted;
    final double[] borrowedGpuSeconds;
    final double[] lentGpuSeconds;
    private final double[] lastTouch;
    private final double[][] lastLentRatio;
    private final int[] entitlement;

    /** The engine's grants, which change at period boundaries and while blocks run. */
    private final int[][] grant;

    ProjectTally(Workload work, int[][] grant) {
        this.work = work;
        this.grant = grant;
        int projects = work.projects.size();
        jobs = new long[projects];
        completed = new long[projects];
        rejected = new long[projects];
        preemptions = new long[projects];
        workLostGpuSeconds = new double[projects];
        gpuSeconds = new double[projects];
        gpuSecondsByType = new double[work.typeCount()];
        waits = new DoubleList[projects];
        completionSeconds = new DoubleList[projects];
        for (int p = 0; p < projects; p++) {
            waits[p] = new DoubleList();
            completionSeconds[p] = new DoubleList();
        }
        entitlementReceived = new double[projects];
        entitlementWanted = new double[projects];
        borrowedGpuSeconds = new double[projects];
        lentGpuSeconds = new double[projects];
        lastTouch = new double[projects];
        lastLentRatio = new double[projects][work.typeCount()];
        entitlement = new int[projects];
        for (int p = 0; p < projects; p++) {
            for (int t = 0; t < work.typeCount(); t++) {
                entitlement[p] += grant[p][t];
            }
        }
    }

    /** The project's grant changes by {@code deltaGpus}; call {@link #touch} first. */
    void entitlementChanged(int project, int deltaGpus) {
        entitlement[project] += deltaGpus;
    }

    void touch(int project, double now, int[] used, int pendingGpus, double[] lentRatioIntegral) {
        double seconds = now - lastTouch[project];
        int usedTotal = 0;
        for (int t = 0; t < used.length; t++) {
            int grant = this.grant[project][t];
            usedTotal += used[t];
            borrowedGpuSeconds[project] += Math.max(0, used[t] - grant) * seconds;
            lentGpuSeconds[project] +=
                    Math.max(0, grant - used[t]) * (lentRatioIntegral[t] - lastLentRatio[project][t]);
            lastLentRatio[project][t] = lentRatioIntegral[t];
        }
        int entitled = entitlement[project];
        entitlementReceived[project] += Math.min(usedTotal, entitled) * seconds;
        entitlementWanted[project] += Math.min(usedTotal + pendingGpus, entitled) * seconds;
        lastTouch[project] = now;
    }
}
