package dev.allot.kueue;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Pool;
import dev.allot.core.model.ProjectPlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each project's quota in one cluster. Every cluster runs its own Kueue, so a GPU type with pools in several clusters
 * is split: projects, in plan order, fill the type's clusters in the order of their names, each cluster up to its
 * pools. So the summed quota in every cluster stays within that cluster's pools whenever the lab-wide sum stays within
 * all pools.
 */
final class ClusterShares {
    private ClusterShares() {}

    /** The clusters of the lab's pools, sorted. */
    static List<String> clusters(Lab lab) {
        return lab.pools().stream().map(Pool::cluster).distinct().sorted().toList();
    }

    /** The pools of one cluster. */
    static List<Pool> pools(Lab lab, String cluster) {
        return lab.pools().stream()
                .filter(pool -> pool.cluster().equals(cluster))
                .sorted(java.util.Comparator.comparing(Pool::name))
                .toList();
    }

    static Map<ProjectPlan, Allocation> inCluster(Lab lab, String cluster, Map<ProjectPlan, Allocation> quotas) {
        Map<GpuTypeId, Map<String, Integer>> free = new TreeMap<>();
        lab.pools()
                .forEach(pool -> free.computeIfAbsent(pool.gpuType(), type -> new TreeMap<>())
                        .merge(pool.cluster(), pool.gpus(), Integer::sum));
        Map<ProjectPlan, Allocation> shares = new LinkedHashMap<>();
        quotas.forEach((line, quota) -> {
            Map<GpuTypeId, Integer> share = new TreeMap<>();
            quota.gpus().forEach((type, gpus) -> {
                Map<String, Integer> byCluster = free.getOrDefault(type, Map.of());
                int need = gpus;
                String last = null;
                for (Map.Entry<String, Integer> entry : byCluster.entrySet()) {
                    int take = Math.min(need, entry.getValue());
                    entry.setValue(entry.getValue() - take);
                    need -= take;
                    if (entry.getKey().equals(cluster) && take > 0) {
                        share.merge(type, take, Integer::sum);
                    }
                    last = entry.getKey();
                }
                if (need > 0 && cluster.equals(last)) {
                    share.merge(type, need, Integer::sum); // more than the pools: keep it visible, never drop it
                }
            });
            shares.put(line, new Allocation(share));
        });
        return shares;
    }
}
