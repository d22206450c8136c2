package dev.allot.core.rules;

import dev.allot.core.model.GpuType;
import dev.allot.core.model.Pool;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the rules need to know of a lab's GPUs: capacity and whole-node step per type name.
 *
 * @param capacityGpus GPUs per declared type (0 for a type without pools), in declaration order
 * @param nodeGpus GPUs in the smallest whole-node step of each type (gcd of its pools' node sizes)
 */
public record Fleet(Map<String, Integer> capacityGpus, Map<String, Integer> nodeGpus) {
    public Fleet {
        capacityGpus = Collections.unmodifiableMap(new LinkedHashMap<>(capacityGpus));
        nodeGpus = Collections.unmodifiableMap(new LinkedHashMap<>(nodeGpus));
    }

    public static Fleet of(List<GpuType> types, List<Pool> pools) {
        Map<String, Integer> capacity = new LinkedHashMap<>();
        Map<String, Integer> node = new LinkedHashMap<>();
        types.forEach(type -> capacity.put(type.id().value(), 0));
        for (Pool pool : pools) {
            capacity.merge(pool.gpuType().value(), pool.gpus(), Integer::sum);
            node.merge(pool.gpuType().value(), pool.gpusPerNode(), Fleet::gcd);
        }
        return new Fleet(capacity, node);
    }

    public boolean has(String type) {
        return capacityGpus.containsKey(type);
    }

    public int capacity(String type) {
        return capacityGpus.getOrDefault(type, 0);
    }

    public int nodeGpus(String type) {
        return nodeGpus.getOrDefault(type, 1);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
