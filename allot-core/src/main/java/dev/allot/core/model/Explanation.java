package dev.allot.core.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Why a project got its grant.
 *
 * @param summary one or two sentences in plain words
 * @param binding the constraints that shaped the grant
 * @param marginalValuePerGpu value one more GPU of each type would add to this project (its priority x current slope
 *     of its value curve x effective speed of the type for it); 0 for types it does not accept or at its ceiling
 * @param whatWouldChange concrete changes that would alter the outcome (priority thresholds, other GPU types)
 */
public record Explanation(
        String summary,
        List<Binding> binding,
        Map<GpuTypeId, Double> marginalValuePerGpu,
        List<String> whatWouldChange) {
    public Explanation {
        Checks.present(summary, "summary");
        binding = List.copyOf(binding);
        marginalValuePerGpu = java.util.Collections.unmodifiableMap(new TreeMap<>(marginalValuePerGpu));
        whatWouldChange = List.copyOf(whatWouldChange);
    }
}
