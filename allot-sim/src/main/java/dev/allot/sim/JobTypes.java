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
        // an order of up to 15 types packs into a long (4 bits a type, then the count), so no list per job
        boolean packs = types < 16;
        Map<Long, int[]> byPacked = new HashMap<>();
        Map<List<Integer>, int[]> byList = new HashMap<>();
        int[] order = new int[types];
        for (int j = 0; j < work.jobCount; j++) {
            int count = 0;
            for (int t = 0; t < types; t++) {
                if (Double.isFinite(work.seconds(j, t)) && cluster.couldEverFit(t, work.gpus[j])) {
                    // insertion by (seconds, type): types come in ascending order, so ties keep their place
                    int at = count++;
                    while (at > 0 && Double.compare(work.seconds(j, order[at - 1]), work.seconds(j, t)) > 0) {
                        order[at] = order[at - 1];
                        at--;
                    }
                    order[at] = t;
                }
            }
            result[j] = packs ? sharedPacked(byPacked, order, count) : sharedListed(byList, order, count);
        }
        return result;
    }

    private static int[] sharedPacked(Map<Long, int[]> shared, int[] order, int count) {
        long key = count;
        for (int i = 0; i < count; i++) {
            key = key << 4 | order[i];
        }
        int[] found = shared.get(key);
        if (found == null) {
            found = java.util.Arrays.copyOf(order, count);
            shared.put(key, found);
        }
        return found;
    }

    private static int[] sharedListed(Map<List<Integer>, int[]> shared, int[] order, int count) {
        List<Integer> key = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            key.add(order[i]);
        }
        return shared.computeIfAbsent(key, k -> java.util.Arrays.copyOf(order, count));
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
