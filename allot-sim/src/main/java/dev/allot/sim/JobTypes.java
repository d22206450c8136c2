package dev.allot.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Per-job type preferences and per-project shares derived once before the run. */
final class JobTypes {
    private JobTypes() {}

    /**
     * For each job, the types it can run on (finite time, fits the node layout), fastest first; identical orders
     * share one array.
     */
    static int[][] fastestFirst(Workload work, Cluster cluster) {
        int types = work.typeCount();
        int[][] result = new int[work.jobCount][];
        Map<List<Integer>, int[]> shared = new HashMap<>();
        List<Integer> order = new ArrayList<>(types);
        for (int j = 0; j < work.jobCount; j++) {
            order.clear();
            for (int t = 0; t < types; t++) {
                if (Double.isFinite(work.seconds(j, t)) && cluster.couldEverFit(t, work.gpus[j])) {
                    order.add(t);
                }
            }
            final int job = j;
            order.sort((a, b) -> Double.compare(work.seconds(job, a), work.seconds(job, b)) != 0
                    ? Double.compare(work.seconds(job, a), work.seconds(job, b))
                    : Integer.compare(a, b));
            result[j] = shared.computeIfAbsent(
                    List.copyOf(order),
                    key -> key.stream().mapToInt(Integer::intValue).toArray());
        }
        return result;
    }

    /** Each project's share of the plan's granted effective GPUs (GPUs x relative speed). */
    static double[] entitledShares(Workload work, int[][] grant) {
        double[] shares = new double[work.projects.size()];
        double total = 0;
        for (int p = 0; p < shares.length; p++) {
            for (int t = 0; t < work.typeCount(); t++) {
                shares[p] += grant[p][t] * work.speed[t];
            }
            total += shares[p];
        }
        for (int p = 0; p < shares.length; p++) {
            shares[p] = total > 0 ? shares[p] / total : 0;
        }
        return shares;
    }
}
