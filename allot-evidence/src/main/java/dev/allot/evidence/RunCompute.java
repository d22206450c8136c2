package dev.allot.evidence;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The compute behind an evaluated model, which eval result files do not record.
 *
 * @param compute training compute in {@code unit}, {@code > 0}
 * @param unit GPU-hours or FLOP
 * @param parameters model parameters N, when known
 * @param tokens training tokens D, when known
 */
public record RunCompute(double compute, ComputeUnit unit, OptionalDouble parameters, OptionalDouble tokens) {
    public RunCompute {
        if (!(compute > 0) || Double.isInfinite(compute)) {
            throw new IllegalArgumentException("compute must be a positive number, was " + compute);
        }
        Objects.requireNonNull(unit, "unit");
        parameters = parameters == null ? OptionalDouble.empty() : parameters;
        tokens = tokens == null ? OptionalDouble.empty() : tokens;
    }

    public static RunCompute of(double compute, ComputeUnit unit) {
        return new RunCompute(compute, unit, OptionalDouble.empty(), OptionalDouble.empty());
    }
}
