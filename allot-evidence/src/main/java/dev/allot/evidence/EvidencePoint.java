package dev.allot.evidence;

import java.util.OptionalDouble;

/**
 * One measurement: the metric's value for a training run of the given compute.
 *
 * @param compute compute of the run, in the series' {@link ComputeUnit}, {@code > 0}
 * @param value the measured metric value (finite)
 * @param standardError the measurement's standard error, when known ({@code >= 0})
 * @param parameters model parameters N, when known ({@code > 0})
 * @param tokens training tokens D, when known ({@code > 0})
 */
public record EvidencePoint(
        double compute, double value, OptionalDouble standardError, OptionalDouble parameters, OptionalDouble tokens) {
    public EvidencePoint {
        if (!(compute > 0) || Double.isInfinite(compute)) {
            throw new IllegalArgumentException("compute must be a positive number, was " + compute);
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, was " + value);
        }
        standardError = standardError == null ? OptionalDouble.empty() : standardError;
        parameters = parameters == null ? OptionalDouble.empty() : parameters;
        tokens = tokens == null ? OptionalDouble.empty() : tokens;
        standardError.ifPresent(e -> require(e >= 0 && Double.isFinite(e), "standardError", e));
        parameters.ifPresent(n -> require(n > 0 && Double.isFinite(n), "parameters", n));
        tokens.ifPresent(d -> require(d > 0 && Double.isFinite(d), "tokens", d));
    }

    /** A point with compute and value only. */
    public static EvidencePoint of(double compute, double value) {
        return new EvidencePoint(
                compute, value, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty());
    }

    /** A point of a parameters/tokens study (compute in FLOP is about {@code 6 N D}). */
    public static EvidencePoint ofRun(double parameters, double tokens, double value) {
        return new EvidencePoint(
                6 * parameters * tokens,
                value,
                OptionalDouble.empty(),
                OptionalDouble.of(parameters),
                OptionalDouble.of(tokens));
    }

    private static void require(boolean ok, String field, double value) {
        if (!ok) {
            throw new IllegalArgumentException(field + " must be a positive finite number, was " + value);
        }
    }
}
