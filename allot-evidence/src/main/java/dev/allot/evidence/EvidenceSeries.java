package dev.allot.evidence;

import dev.allot.core.model.ProjectId;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A project's measurements of one metric at several points of compute: the input of a fit.
 *
 * @param project whose evidence it is
 * @param metric what was measured
 * @param computeUnit unit of every point's compute
 * @param source where it came from (file name, URL), shown beside the curve
 * @param points sorted by compute (ties keep their order)
 */
public record EvidenceSeries(
        ProjectId project, Metric metric, ComputeUnit computeUnit, String source, List<EvidencePoint> points) {
    public EvidenceSeries {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(computeUnit, "computeUnit");
        source = source == null ? "" : source;
        points = points.stream()
                .sorted(Comparator.comparingDouble(EvidencePoint::compute))
                .toList();
    }

    /** The largest compute measured: where the project stands on its curve. */
    public double largestCompute() {
        return points.stream().mapToDouble(EvidencePoint::compute).max().orElse(0);
    }
}
