package dev.allot.evidence;

import java.util.Objects;

/**
 * A project's fitted curve turned into the value of its grant, before the priority weight:
 * {@code V(x) = worth x improvement(C0, C0 + x k)} for {@code x} effective GPUs, where {@code k} is the compute
 * one effective GPU yields over the cycle in the curve's unit (cycle hours, times FLOP per GPU-hour for FLOP
 * curves) and {@code C0} the compute the project already stands at (its largest measured point). Since the curve is
 * convex and falling (or concave and rising) in compute, V is concave and increasing in x.
 *
 * @param curve the fitted compute curve (must come from a usable fit)
 * @param startCompute C0, in the curve's unit
 * @param computePerEffectiveGpu k, in the curve's unit per effective GPU over the cycle
 * @param worthPerUnit value of one unit of metric improvement, in effective-GPU equivalents (see docs/evidence.md)
 * @param metric shown in explanations
 */
public record CompiledCurve(
        ComputeCurve curve, double startCompute, double computePerEffectiveGpu, double worthPerUnit, Metric metric) {
    public CompiledCurve {
        Objects.requireNonNull(curve, "curve");
        Objects.requireNonNull(metric, "metric");
        if (!(startCompute > 0) || !(computePerEffectiveGpu > 0) || !(worthPerUnit >= 0)) {
            throw new IllegalArgumentException("need startCompute > 0, computePerEffectiveGpu > 0, worthPerUnit >= 0");
        }
    }

    /** Expected metric improvement from {@code effectiveGpus} over the cycle. */
    public double improvement(double effectiveGpus) {
        return curve.improvement(startCompute, startCompute + effectiveGpus * computePerEffectiveGpu);
    }

    /** {@code V(x)}: worth of the improvement. */
    public double value(double effectiveGpus) {
        return worthPerUnit * improvement(effectiveGpus);
    }

    /** {@code V'(x)}: worth of one more effective GPU at {@code x}. */
    public double slope(double effectiveGpus) {
        return worthPerUnit
                * computePerEffectiveGpu
                * curve.marginalImprovement(startCompute + effectiveGpus * computePerEffectiveGpu);
    }
}
