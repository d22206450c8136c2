package dev.allot.lab;

import dev.allot.core.model.ProjectId;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One evidence series of a lab file's {@code evidence:} section: a project's measurements of one metric at points of
 * compute (format: docs/lab-file.md). The lab file carries it as written; allot-application turns it into the
 * evidence module's series for fits and planning.
 *
 * @param direction {@code lower} or {@code higher} (which way the metric improves)
 * @param visibility {@code public} (a public benchmark) or {@code private} (a private held-out set)
 * @param computeUnit {@code gpu-hours} or {@code flop}
 * @param points in file order, at least one
 */
public record LabEvidence(
        ProjectId project,
        String metric,
        String unit,
        String direction,
        String visibility,
        String computeUnit,
        String source,
        List<Point> points) {
    /** Words of {@code direction}. */
    public static final List<String> DIRECTIONS = List.of("lower", "higher");

    /** Words of {@code visibility}. */
    public static final List<String> VISIBILITIES = List.of("public", "private");

    /** Words of {@code computeUnit}. */
    public static final List<String> COMPUTE_UNITS = List.of("gpu-hours", "flop");

    public LabEvidence {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(metric, "metric");
        unit = unit == null ? "" : unit;
        source = source == null ? "" : source;
        require(DIRECTIONS, direction, "direction");
        require(VISIBILITIES, visibility, "visibility");
        require(COMPUTE_UNITS, computeUnit, "computeUnit");
        points = List.copyOf(points);
    }

    /**
     * One measurement.
     *
     * @param compute {@code > 0}, in the series' compute unit
     * @param value the metric (finite)
     * @param standardError {@code >= 0} when known
     * @param parameters model parameters N ({@code > 0}) when known
     * @param tokens training tokens D ({@code > 0}) when known
     */
    public record Point(
            double compute,
            double value,
            OptionalDouble standardError,
            OptionalDouble parameters,
            OptionalDouble tokens) {
        public Point {
            standardError = standardError == null ? OptionalDouble.empty() : standardError;
            parameters = parameters == null ? OptionalDouble.empty() : parameters;
            tokens = tokens == null ? OptionalDouble.empty() : tokens;
        }
    }

    private static void require(List<String> words, String word, String field) {
        if (!words.contains(word)) {
            throw new IllegalArgumentException(field + " must be one of " + words + ", was " + word);
        }
    }
}
