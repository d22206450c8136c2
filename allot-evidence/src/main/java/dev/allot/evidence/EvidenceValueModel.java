package dev.allot.evidence;

import dev.allot.core.model.Ask;
import dev.allot.core.model.ProjectId;
import dev.allot.core.planner.ValueModel;
import dev.allot.core.planner.ValueSegment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The planner's value of compute from scaling evidence: a project with a usable fitted curve is valued by
 * {@link CompiledCurve#value}, the worth of the metric improvement its grant buys; every other project by the
 * fallback (the priority-weight curve, {@link ValueModel#targetThenDiminishing()}). The planner multiplies both by
 * the project's priority weight, so both kinds compete on one scale: worth is set in effective-GPU equivalents,
 * i.e. one unit of metric improvement is worth as much as {@code worth} effective GPUs of a project within its
 * target on the fallback curve.
 *
 * <p>The concave V is written as its chords between breakpoints on {@code [0, ceiling]} (ceiling in effective GPUs).
 * The chord of a concave function under-estimates it by at most {@code h (V'(a) - V'(b)) / 4} on a piece
 * {@code [a, b]} of length h (the two tangents and the chord form a triangle of that height at most). Starting from
 * the single piece {@code [0, ceiling]}, the piece with the largest bound is halved until every bound is at most
 * {@code tolerance} of V(ceiling), or there are 64 pieces; so breakpoints crowd where the curve bends (near 0 for a
 * steep project) and a nearly straight curve gets one piece.
 * Immutable and thread-safe.
 */
public final class EvidenceValueModel implements ValueModel {
    static final int MAX_PIECES = 64;

    private final Map<ProjectId, CompiledCurve> curves;
    private final ValueModel fallback;
    private final double tolerance;

    public EvidenceValueModel(Map<ProjectId, CompiledCurve> curves, ValueModel fallback, double tolerance) {
        this.curves = Collections.unmodifiableMap(new TreeMap<>(curves));
        this.fallback = fallback;
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance must be > 0, was " + tolerance);
        }
        this.tolerance = tolerance;
    }

    /** Curves for the given projects, the priority-weight curve for the rest, pieces within 1 % of the value. */
    public static EvidenceValueModel of(Map<ProjectId, CompiledCurve> curves) {
        return new EvidenceValueModel(curves, ValueModel.targetThenDiminishing(), 0.01);
    }

    public Optional<CompiledCurve> curve(ProjectId project) {
        return Optional.ofNullable(curves.get(project));
    }

    @Override
    public List<ValueSegment> segments(Ask ask, double bestSpeed) {
        CompiledCurve curve = curves.get(ask.project());
        if (curve == null) {
            return fallback.segments(ask, bestSpeed);
        }
        return pieces(curve, ask.ceilingGpus() * bestSpeed).segments();
    }

    /**
     * Speaks the metric ({@link EvidenceExplanation#compare}): what the first GPU buys its project, then what the
     * others buy theirs, for those with a curve; empty when the first project has none.
     */
    @Override
    public Optional<String> metricWords(List<NextGpu> gpus) {
        if (gpus.isEmpty() || !curves.containsKey(gpus.get(0).ask().project())) {
            return Optional.empty();
        }
        List<EvidenceExplanation.Marginal> marginals = new ArrayList<>();
        for (NextGpu gpu : gpus) {
            CompiledCurve curve = curves.get(gpu.ask().project());
            if (curve != null) {
                marginals.add(new EvidenceExplanation.Marginal(
                        gpu.ask().project(),
                        curve,
                        gpu.gpuIndex(),
                        gpu.type().value(),
                        gpu.effectiveSpeed(),
                        gpu.effectiveGpusBefore()));
            }
        }
        return Optional.of(EvidenceExplanation.compare(marginals));
    }

    /** The breakpoints and the error bound the planner gets for a project, for documentation and explanations. */
    public Optional<Pieces> pieces(Ask ask, double bestSpeed) {
        return curve(ask.project()).map(c -> pieces(c, ask.ceilingGpus() * bestSpeed));
    }

    /**
     * A piecewise-linear under-estimate of V.
     *
     * @param breakpoints effective GPUs, from 0 to the ceiling
     * @param segments one per piece, values per effective GPU non-increasing
     * @param errorBound the largest possible gap between V and the pieces, in value units
     */
    public record Pieces(List<Double> breakpoints, List<ValueSegment> segments, double errorBound) {}

    Pieces pieces(CompiledCurve curve, double ceiling) {
        if (!(ceiling > 0)) {
            // Like the weights curve of a zero ask: one empty piece, so every project has a slope to explain.
            return new Pieces(List.of(0.0, 0.0), List.of(new ValueSegment(0, curve.slope(0))), 0);
        }
        List<Double> breakpoints = new ArrayList<>(List.of(0.0, ceiling));
        double target = tolerance * curve.value(ceiling);
        while (breakpoints.size() - 1 < MAX_PIECES) {
            int worst = 0;
            for (int k = 1; k + 1 < breakpoints.size(); k++) {
                if (bound(curve, breakpoints, k) > bound(curve, breakpoints, worst)) {
                    worst = k;
                }
            }
            if (bound(curve, breakpoints, worst) <= target) {
                break;
            }
            breakpoints.add(worst + 1, (breakpoints.get(worst) + breakpoints.get(worst + 1)) / 2);
        }
        List<ValueSegment> segments = new ArrayList<>();
        double largest = 0;
        double previousSlope = Double.POSITIVE_INFINITY;
        for (int k = 0; k + 1 < breakpoints.size(); k++) {
            double from = breakpoints.get(k);
            double to = breakpoints.get(k + 1);
            // Rounding can make a chord a hair steeper than the one before; the planner requires non-increasing.
            double slope = Math.min(previousSlope, Math.max(0, (curve.value(to) - curve.value(from)) / (to - from)));
            segments.add(new ValueSegment(to - from, slope));
            largest = Math.max(largest, bound(curve, breakpoints, k));
            previousSlope = slope;
        }
        return new Pieces(breakpoints, segments, largest);
    }

    /** {@code h (V'(a) - V'(b)) / 4}: how far the chord of piece k can fall below V. */
    private static double bound(CompiledCurve curve, List<Double> breakpoints, int k) {
        double from = breakpoints.get(k);
        double to = breakpoints.get(k + 1);
        return (to - from) * (curve.slope(from) - curve.slope(to)) / 4;
    }
}
