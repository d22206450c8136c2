package dev.allot.sim;

import dev.allot.core.AllotException;
import dev.allot.core.model.GpuType;
import dev.allot.core.model.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * The lab's nodes and which GPUs on them are free. A job of at most one node's GPUs runs on a single node (best fit:
 * the node with the fewest free GPUs that still fit it); a larger job takes whole free nodes plus, for a remainder,
 * one more node, all in one pool. Nodes are kept in per-pool buckets by free GPUs, so placing and releasing cost
 * O(GPUs per node), not O(nodes).
 */
final class Cluster {
    private final int[] nodeFree;
    private final int[] nodeCapacity;
    private final int[] nodePool;
    private final int[] next;
    private final int[] previous;
    private final int[][] bucketHead;
    private final int[][] bucketSize;
    private final int[] poolPerNode;
    private final int[] poolType;
    private final int[][] poolsOfType;
    private final int[] freeGpus;
    private final int[] capacityGpus;
    private final int[] largestJob;
    /** Placement failures are monotone in size until GPUs are released: remembered to skip hopeless searches. */
    private long releases;

    private final long[] failedAtRelease;
    private final int[] failedGpus;

    /** Per node, its GPUs when it is in service; a node out of service (not arrived yet, retired, down) has none. */
    private final int[] nodeSize;

    private final boolean[] offline;
    private final int[] poolFirstNode;

    Cluster(List<GpuType> types, List<Pool> pools) {
        this(types, pools, new int[pools.size()]);
    }

    /** With {@code arrivingGpus} per pool: nodes that exist but stay out of service until {@link #addGpus}. */
    Cluster(List<GpuType> types, List<Pool> pools, int[] arrivingGpus) {
        int nodes = 0;
        for (int p = 0; p < pools.size(); p++) {
            Pool pool = pools.get(p);
            nodes += (pool.gpus() + pool.gpusPerNode() - 1) / pool.gpusPerNode();
            nodes += (arrivingGpus[p] + pool.gpusPerNode() - 1) / pool.gpusPerNode();
        }
        nodeSize = new int[nodes];
        offline = new boolean[nodes];
        poolFirstNode = new int[pools.size() + 1];
        nodeFree = new int[nodes];
        nodeCapacity = new int[nodes];
        nodePool = new int[nodes];
        next = new int[nodes];
        previous = new int[nodes];
        bucketHead = new int[pools.size()][];
        bucketSize = new int[pools.size()][];
        poolPerNode = new int[pools.size()];
        poolType = new int[pools.size()];
        freeGpus = new int[types.size()];
        capacityGpus = new int[types.size()];
        largestJob = new int[types.size()];
        failedAtRelease = new long[types.size()];
        java.util.Arrays.fill(failedAtRelease, -1);
        failedGpus = new int[types.size()];
        List<List<Integer>> byType = new ArrayList<>();
        types.forEach(type -> byType.add(new ArrayList<>()));
        int node = 0;
        for (int p = 0; p < pools.size(); p++) {
            Pool pool = pools.get(p);
            int type = indexOf(types, pool);
            byType.get(type).add(p);
            poolType[p] = type;
            poolPerNode[p] = pool.gpusPerNode();
            bucketHead[p] = new int[pool.gpusPerNode() + 1];
            bucketSize[p] = new int[pool.gpusPerNode() + 1];
            java.util.Arrays.fill(bucketHead[p], -1);
            poolFirstNode[p] = node;
            for (int left = pool.gpus(); left > 0; left -= pool.gpusPerNode(), node++) {
                nodeCapacity[node] = Math.min(left, pool.gpusPerNode());
                nodeSize[node] = nodeCapacity[node];
                nodeFree[node] = nodeCapacity[node];
                nodePool[node] = p;
                link(node);
            }
            for (int left = arrivingGpus[p]; left > 0; left -= pool.gpusPerNode(), node++) {
                nodeSize[node] = Math.min(left, pool.gpusPerNode());
                nodePool[node] = p;
                offline[node] = true;
            }
            freeGpus[type] += pool.gpus();
            capacityGpus[type] += pool.gpus();
            int most = pool.gpus() + arrivingGpus[p];
            largestJob[type] = Math.max(
                    largestJob[type], most / pool.gpusPerNode() * pool.gpusPerNode() + most % pool.gpusPerNode());
        }
        poolFirstNode[pools.size()] = node;
        poolsOfType = byType.stream()
                .map(list -> list.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
    }

    private static int indexOf(List<GpuType> types, Pool pool) {
        for (int t = 0; t < types.size(); t++) {
            if (types.get(t).id().equals(pool.gpuType())) {
                return t;
            }
        }
        throw AllotException.invalid(
                "sim.pool-type",
                "Pool " + pool.name() + " has GPU type " + pool.gpuType()
                        + ", which the lab does not declare. Maybe add it to the lab's GPU types?");
    }

    int freeGpus(int type) {
        return freeGpus[type];
    }

    int capacityGpus(int type) {
        return capacityGpus[type];
    }

    /** GPUs of the largest job that could ever be placed on this type (0 without a pool of it). */
    int largestJob(int type) {
        return largestJob[type];
    }

    /** Whether a job of this size could ever be placed on an empty cluster. */
    boolean couldEverFit(int type, int gpus) {
        return gpus <= largestJob[type];
    }

    /**
     * Places {@code gpus} GPUs of {@code type}, or returns null when no pool has room. The result lists
     * {@code node, gpus} pairs.
     */
    int[] place(int type, int gpus) {
        if (freeGpus[type] < gpus || (failedAtRelease[type] == releases && gpus >= failedGpus[type])) {
            return null;
        }
        for (int pool : poolsOfType[type]) {
            int[] placement = gpus <= poolPerNode[pool] ? placeSmall(pool, gpus) : placeLarge(pool, gpus);
            if (placement != null) {
                occupy(placement);
                return placement;
            }
        }
        // a job that did not fit means no larger job fits either, until something is released
        failedGpus[type] = failedAtRelease[type] == releases ? Math.min(failedGpus[type], gpus) : gpus;
        failedAtRelease[type] = releases;
        return null;
    }

    private int[] placeSmall(int pool, int gpus) {
        for (int level = gpus; level <= poolPerNode[pool]; level++) {
            if (bucketHead[pool][level] >= 0) {
                return new int[] {bucketHead[pool][level], gpus};
            }
        }
        return null;
    }

    private int[] placeLarge(int pool, int gpus) {
        int perNode = poolPerNode[pool];
        int whole = gpus / perNode;
        int remainder = gpus % perNode;
        int remainderNode = -1;
        if (remainder > 0) {
            for (int level = remainder; level < perNode && remainderNode < 0; level++) {
                remainderNode = bucketHead[pool][level];
            }
            if (remainderNode < 0 && bucketSize[pool][perNode] > whole) {
                remainderNode = bucketHead[pool][perNode];
            }
            if (remainderNode < 0) {
                return null;
            }
        }
        if (bucketSize[pool][perNode] - (remainderNode >= 0 && nodeFree[remainderNode] == perNode ? 1 : 0) < whole) {
            return null;
        }
        int[] placement = new int[2 * (whole + (remainder > 0 ? 1 : 0))];
        int node = bucketHead[pool][perNode];
        for (int k = 0; k < whole; k++, node = next[node]) {
            if (node == remainderNode) {
                node = next[node];
            }
            placement[2 * k] = node;
            placement[2 * k + 1] = perNode;
        }
        if (remainder > 0) {
            placement[2 * whole] = remainderNode;
            placement[2 * whole + 1] = remainder;
        }
        return placement;
    }

    /** Takes the GPUs of a placement (also used to restore jobs after an abandoned preemption attempt). */
    void occupy(int[] placement) {
        for (int i = 0; i < placement.length; i += 2) {
            move(placement[i], -placement[i + 1]);
        }
    }

    void release(int[] placement) {
        releases++;
        for (int i = 0; i < placement.length; i += 2) {
            move(placement[i], placement[i + 1]);
        }
    }

    /** Whether every GPU of a placement is free right now (so it can be re-occupied exactly). */
    boolean isFree(int[] placement) {
        for (int i = 0; i < placement.length; i += 2) {
            if (nodeFree[placement[i]] < placement[i + 1]) {
                return false;
            }
        }
        return true;
    }

    /** Puts out-of-service nodes of the pool back into service until {@code gpus} GPUs are back (or none is left). */
    void addGpus(int pool, int gpus) {
        releases++;
        int added = 0;
        for (int node = poolFirstNode[pool]; node < poolFirstNode[pool + 1] && added < gpus; node++) {
            if (offline[node]) {
                offline[node] = false;
                nodeCapacity[node] = nodeSize[node];
                nodeFree[node] = nodeSize[node];
                link(node);
                freeGpus[poolType[pool]] += nodeSize[node];
                capacityGpus[poolType[pool]] += nodeSize[node];
                added += nodeSize[node];
            }
        }
    }

    /**
     * The nodes of the pool in service to take out for {@code gpus} GPUs: idle nodes first, then those with the fewest
     * busy GPUs, nodes marked {@code spare} (running a reserved block) last. Fewer when the pool has fewer.
     */
    int[] nodesToRemove(int pool, int gpus, boolean[] spare) {
        List<Integer> nodes = new ArrayList<>();
        for (int node = poolFirstNode[pool]; node < poolFirstNode[pool + 1]; node++) {
            if (!offline[node]) {
                nodes.add(node);
            }
        }
        nodes.sort(java.util.Comparator.<Integer>comparingInt(node -> spare[node] ? 1 : 0)
                .thenComparingInt(node -> nodeCapacity[node] - nodeFree[node])
                .thenComparingInt(node -> -node));
        List<Integer> chosen = new ArrayList<>();
        int removed = 0;
        for (int node : nodes) {
            if (removed >= gpus) {
                break;
            }
            chosen.add(node);
            removed += nodeCapacity[node];
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Takes an idle node out of service. */
    void removeNode(int node) {
        if (offline[node] || nodeFree[node] != nodeCapacity[node]) {
            throw new IllegalStateException("node " + node + " is out of service or busy");
        }
        unlink(node);
        int type = poolType[nodePool[node]];
        freeGpus[type] -= nodeCapacity[node];
        capacityGpus[type] -= nodeCapacity[node];
        nodeCapacity[node] = 0;
        nodeFree[node] = 0;
        offline[node] = true;
    }

    /** GPUs of the node in service (0 when it is out of service). */
    int nodeGpus(int node) {
        return nodeCapacity[node];
    }

    int nodeCount() {
        return nodeSize.length;
    }

    private void move(int node, int delta) {
        unlink(node);
        int free = nodeFree[node] + delta;
        if (free < 0 || free > nodeCapacity[node]) {
            throw new AllotException(
                    AllotException.Kind.INTERNAL,
                    "sim.invariant.capacity",
                    "Node " + node + " would have " + free + " free GPUs of " + nodeCapacity[node]
                            + ": capacity exceeded");
        }
        nodeFree[node] = free;
        link(node);
        freeGpus[poolType[nodePool[node]]] += delta;
    }

    private void link(int node) {
        int pool = nodePool[node];
        int level = nodeFree[node];
        int head = bucketHead[pool][level];
        next[node] = head;
        previous[node] = -1;
        if (head >= 0) {
            previous[head] = node;
        }
        bucketHead[pool][level] = node;
        bucketSize[pool][level]++;
    }

    private void unlink(int node) {
        int pool = nodePool[node];
        int level = nodeFree[node];
        if (previous[node] >= 0) {
            next[previous[node]] = next[node];
        } else {
            bucketHead[pool][level] = next[node];
        }
        if (next[node] >= 0) {
            previous[next[node]] = previous[node];
        }
        bucketSize[pool][level]--;
    }
}
