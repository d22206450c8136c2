package dev.allot.store;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a project lead offers in support of an ask.
 *
 * @param links milestones, reports, dashboards (URLs)
 * @param evalResults named evaluation results, e.g. {@code mmlu -> 0.71}
 * @param scalingCurve measured points of the project's metric against GPUs
 */
public record Evidence(List<String> links, Map<String, Double> evalResults, List<ScalingPoint> scalingCurve) {
    public static final Evidence NONE = new Evidence(List.of(), Map.of(), List.of());

    /** One measured point: the metric reached with this many GPUs. */
    public record ScalingPoint(double gpus, double metric) {}

    public Evidence {
        links = List.copyOf(links == null ? List.of() : links);
        evalResults =
                java.util.Collections.unmodifiableMap(new TreeMap<>(evalResults == null ? Map.of() : evalResults));
        scalingCurve = List.copyOf(scalingCurve == null ? List.of() : scalingCurve);
    }
}
