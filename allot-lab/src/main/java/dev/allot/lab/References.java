package dev.allot.lab;

import dev.allot.core.model.GpuTypeId;
import dev.allot.core.rules.Suggest;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** What a lab file has declared so far (GPU types, capacity, categories, projects), for checking references. */
final class References {
    private final Problems problems;
    final Map<String, Integer> capacityGpus = new LinkedHashMap<>();
    final Map<String, Integer> gpusPerNode = new LinkedHashMap<>();
    final Set<String> categories = new LinkedHashSet<>();
    final Set<String> projects = new LinkedHashSet<>();
    /** Active projects with an ask: the ones a decider can fund. */
    final Set<String> fundable = new LinkedHashSet<>();

    private final Set<String> uncertainCapacity = new LinkedHashSet<>();

    References(Problems problems) {
        this.problems = problems;
    }

    void declareGpuType(String name) {
        capacityGpus.putIfAbsent(name, 0);
    }

    void addPool(String gpuType, int gpus, int perNode) {
        capacityGpus.merge(gpuType, gpus, Integer::sum);
        gpusPerNode.merge(gpuType, perNode, References::gcd);
    }

    /** True when {@code name} is a declared GPU type; otherwise records a problem with the closest type. */
    boolean gpuType(String name, String path) {
        return known(name, path, capacityGpus.keySet(), "GPU type", "gpuTypes");
    }

    boolean category(String name, String path) {
        return known(name, path, categories, "category", "categories");
    }

    boolean project(String name, String path) {
        return known(name, path, projects, "project", "projects");
    }

    /** A pool of this type is wrong, so its capacity is not known and checks against it would mislead. */
    void capacityUnknown(String gpuType) {
        uncertainCapacity.add(gpuType);
    }

    boolean capacityKnown(String gpuType) {
        return !uncertainCapacity.contains(gpuType);
    }

    int capacity(GpuTypeId type) {
        return capacityGpus.getOrDefault(type.value(), 0);
    }

    /** GPUs in the smallest whole-node step of a type (gcd of its pools' node sizes). */
    int nodeGpus(String type) {
        return gpusPerNode.getOrDefault(type, 1);
    }

    private boolean known(String name, String path, Set<String> declared, String what, String section) {
        if (declared.contains(name)) {
            return true;
        }
        String hint = Suggest.closest(name, declared)
                .map(closest -> "Maybe " + closest + "?")
                .orElse("Maybe declare it under " + section + "?");
        problems.add(path, name, "unknown " + what, hint);
        return false;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
