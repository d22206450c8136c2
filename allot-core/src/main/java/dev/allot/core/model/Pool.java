package dev.allot.core.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * GPUs of one type in one cluster.
 *
 * @param name pool name, unique in the lab, e.g. {@code east-h100}
 * @param cluster the scheduler cluster it belongs to
 * @param gpuType the type of all its GPUs
 * @param gpus number of GPUs
 * @param gpusPerNode GPUs per node: the granularity of grants when the policy grants whole nodes
 * @param nodeLabels labels that select this pool's nodes, e.g. {@code nvidia.com/gpu.product: NVIDIA-H100-80GB-HBM3};
 *     empty when the enforcer's default applies
 */
public record Pool(
        String name, String cluster, GpuTypeId gpuType, int gpus, int gpusPerNode, Map<String, String> nodeLabels) {
    /** A pool whose nodes are selected by the enforcer's default label. */
    public Pool(String name, String cluster, GpuTypeId gpuType, int gpus, int gpusPerNode) {
        this(name, cluster, gpuType, gpus, gpusPerNode, Map.of());
    }

    public Pool {
        Checks.present(name, "name");
        Checks.present(cluster, "cluster");
        Checks.present(gpuType, "gpuType");
        Checks.nonNegative(gpus, "gpus");
        if (gpusPerNode < 1) {
            throw new IllegalArgumentException("gpusPerNode must be >= 1, was " + gpusPerNode);
        }
        nodeLabels = java.util.Collections.unmodifiableMap(new TreeMap<>(nodeLabels == null ? Map.of() : nodeLabels));
    }

    public int nodes() {
        return gpus / gpusPerNode;
    }
}
