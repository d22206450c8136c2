package dev.allot.core.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * GPUs per GPU type held by one project (a grant, a pin or a past allocation). Zero entries are dropped, so two
 * allocations are equal exactly when they hold the same GPUs.
 */
public record Allocation(Map<GpuTypeId, Integer> gpus) {
    public static final Allocation NONE = new Allocation(Map.of());

    public Allocation {
        TreeMap<GpuTypeId, Integer> sorted = new TreeMap<>();
        (gpus == null ? Map.<GpuTypeId, Integer>of() : gpus).forEach((type, count) -> {
            Checks.nonNegative(count, "gpus of " + type);
            if (count > 0) {
                sorted.put(type, count);
            }
        });
        gpus = java.util.Collections.unmodifiableMap(sorted);
    }

    public static Allocation of(String type, int count) {
        return new Allocation(Map.of(GpuTypeId.of(type), count));
    }

    public int gpus(GpuTypeId type) {
        return gpus.getOrDefault(type, 0);
    }

    public int totalGpus() {
        return gpus.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Effective compute: GPUs weighted by the relative speed of their type ({@code relativeSpeeds}); a type missing
     * from {@code relativeSpeeds} (one the lab no longer has) counts for nothing.
     */
    public double effectiveGpus(Map<GpuTypeId, Double> relativeSpeeds) {
        double compute = 0;
        for (Map.Entry<GpuTypeId, Integer> entry : gpus.entrySet()) {
            compute += entry.getValue() * relativeSpeeds.getOrDefault(entry.getKey(), 0.0);
        }
        return compute;
    }

    public boolean isEmpty() {
        return gpus.isEmpty();
    }

    /** {@code H100:64 A100:16}, or {@code -} when empty. */
    @Override
    public String toString() {
        if (gpus.isEmpty()) {
            return "-";
        }
        StringBuilder text = new StringBuilder();
        gpus.forEach((type, count) ->
                text.append(text.isEmpty() ? "" : " ").append(type).append(':').append(count));
        return text.toString();
    }
}
