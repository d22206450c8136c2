package dev.allot.core.planner;

/**
 * One linear piece of a project's value curve: the next {@code lengthEffectiveGpus} effective GPUs are worth
 * {@code valuePerEffectiveGpu} each (before the project's priority weight). Pieces of a curve have non-increasing
 * values, so the curve is concave.
 */
public record ValueSegment(double lengthEffectiveGpus, double valuePerEffectiveGpu) {
    public ValueSegment {
        if (!(lengthEffectiveGpus >= 0) || !(valuePerEffectiveGpu >= 0)) {
            throw new IllegalArgumentException("segment length and value must be >= 0");
        }
    }
}
