package dev.allot.evidence;

import java.util.Locale;
import java.util.Objects;

/**
 * A saturating power law of a metric in compute: {@code metric(C) = E + s A C^-alpha}, where {@code s} is +1 for a
 * lower-is-better metric (it falls towards E) and -1 for a higher-is-better one (it rises towards E).
 *
 * @param asymptote E: the metric with unlimited compute
 * @param scale A > 0, in metric units times compute^alpha
 * @param exponent alpha > 0
 * @param direction which way the metric improves
 * @param unit unit of C
 */
public record ComputeCurve(double asymptote, double scale, double exponent, Direction direction, ComputeUnit unit) {
    public ComputeCurve {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(unit, "unit");
    }

    /** The metric predicted at compute {@code c > 0}. */
    public double metric(double compute) {
        // exp(log A - alpha log C) rather than A * C^-alpha: A is huge for FLOP-scale compute.
        return asymptote + direction.improvementSign() * Math.exp(Math.log(scale) - exponent * Math.log(compute));
    }

    /** How much better the metric gets going from compute {@code from} to {@code to} ({@code >= 0} when to >= from). */
    public double improvement(double from, double to) {
        return direction.improvementSign() * (metric(from) - metric(to));
    }

    /** Improvement per unit of compute at {@code c}: the derivative, always positive. */
    public double marginalImprovement(double compute) {
        return exponent * Math.exp(Math.log(scale) - (exponent + 1) * Math.log(compute));
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "%s(C) = %.4g %s %.4g C^-%.4f",
                direction == Direction.LOWER_IS_BETTER ? "loss-like" : "score-like",
                asymptote,
                direction == Direction.LOWER_IS_BETTER ? "+" : "-",
                scale,
                exponent);
    }
}
