package dev.allot.store;

import dev.allot.core.model.ProjectId;
import java.util.List;
import java.util.Objects;

/**
 * One stored evidence series, as plain values (the store does not know the evidence module's types; the application
 * layer maps them).
 *
 * @param direction {@code LOWER_IS_BETTER} or {@code HIGHER_IS_BETTER}
 * @param visibility {@code PUBLIC_BENCHMARK} or {@code PRIVATE_HELD_OUT}
 * @param computeUnit {@code GPU_HOURS} or {@code FLOP}
 */
public record StoredSeries(
        ProjectId project,
        String metric,
        String unit,
        String direction,
        String visibility,
        String computeUnit,
        String source,
        List<Point> points) {
    public StoredSeries {
        Objects.requireNonNull(project, "project");
        points = List.copyOf(points);
    }

    /** One measurement; unknown optional figures are null. */
    public record Point(double compute, double value, Double standardError, Double parameters, Double tokens) {}
}
