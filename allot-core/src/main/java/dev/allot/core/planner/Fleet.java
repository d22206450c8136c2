package dev.allot.core.planner;

import dev.allot.core.model.GpuType;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Granularity;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Pool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GPU fleet as the planner sees it: per type, capacity, reserve, allocatable GPUs, relative speed and the grant
 * unit (GPUs per node when the policy grants whole nodes; the greatest common divisor if pools differ).
 */
record Fleet(Map<GpuTypeId, TypeFacts> facts) {
    record TypeFacts(double speed, int capacityGpus, int reserveGpus, int unitGpus) {
        int allocatableGpus() {
            return Math.max(0, capacityGpus - reserveGpus);
        }
    }

    static Fleet of(Lab lab) {
        return of(lab, lab.capacityGpus());
    }

    /** The fleet with the given GPUs per type (the pools on some day of a plan over time). */
    static Fleet of(Lab lab, Map<GpuTypeId, Integer> capacity) {
        Map<GpuTypeId, TypeFacts> facts = new LinkedHashMap<>();
        for (GpuType type : lab.gpuTypes()) {
            int gpus = capacity.getOrDefault(type.id(), 0);
            Integer explicit = lab.policy().reserveGpus().get(type.id());
            int reserve = explicit != null
                    ? explicit
                    : (int) Math.ceil(gpus * lab.policy().reserveFraction() - 1e-9);
            int unit = lab.policy().granularity() == Granularity.NODE ? nodeUnit(lab.pools(), type.id()) : 1;
            facts.put(type.id(), new TypeFacts(type.relativeSpeed(), gpus, Math.min(reserve, gpus), unit));
        }
        return new Fleet(facts);
    }

    private static int nodeUnit(List<Pool> pools, GpuTypeId type) {
        int unit = 0;
        for (Pool pool : pools) {
            if (pool.gpuType().equals(type)) {
                unit = gcd(unit, pool.gpusPerNode());
            }
        }
        return Math.max(1, unit);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** The fleet with {@code held} GPUs per type taken out of its capacity (the reserve stays as it is). */
    Fleet without(Map<GpuTypeId, Integer> held) {
        Map<GpuTypeId, TypeFacts> less = new LinkedHashMap<>();
        facts.forEach((type, fact) -> less.put(
                type,
                new TypeFacts(
                        fact.speed(),
                        Math.max(0, fact.capacityGpus() - held.getOrDefault(type, 0)),
                        fact.reserveGpus(),
                        fact.unitGpus())));
        return new Fleet(less);
    }

    List<GpuTypeId> types() {
        return List.copyOf(facts.keySet());
    }

    int unitGpus(GpuTypeId type) {
        return facts.get(type).unitGpus();
    }

    int allocatableGpus(GpuTypeId type) {
        return facts.get(type).allocatableGpus();
    }

    int capacityGpus(GpuTypeId type) {
        return facts.get(type).capacityGpus();
    }

    double speed(GpuTypeId type) {
        return facts.get(type).speed();
    }

    /** GPUs weighted by their type's relative speed; a type the fleet lacks counts for nothing. */
    double effectiveGpus(dev.allot.core.model.Allocation allocation) {
        double compute = 0;
        for (Map.Entry<GpuTypeId, Integer> entry : allocation.gpus().entrySet()) {
            compute += entry.getValue() * (facts.containsKey(entry.getKey()) ? speed(entry.getKey()) : 0);
        }
        return compute;
    }

    int maxUnitGpus() {
        return facts.values().stream().mapToInt(TypeFacts::unitGpus).max().orElse(1);
    }
}
