package dev.allot.core.model;

/**
 * GPUs of one type in one cluster.
 *
 * @param name pool name, unique in the lab, e.g. {@code east-h100}
 * @param cluster the scheduler cluster it belongs to
 * @param gpuType the type of all its GPUs
 * @param gpus number of GPUs
 * @param gpusPerNode GPUs per node: the granularity of grants when the policy grants whole nodes
 */
public record Pool(String name, String cluster, GpuTypeId gpuType, int gpus, int gpusPerNode) {
    public Pool {
        Checks.present(name, "name");
        Checks.present(cluster, "cluster");
        Checks.present(gpuType, "gpuType");
        Checks.nonNegative(gpus, "gpus");
        if (gpusPerNode < 1) {
            throw new IllegalArgumentException("gpusPerNode must be >= 1, was " + gpusPerNode);
        }
    }

    public int nodes() {
        return gpus / gpusPerNode;
    }
}
