package dev.allot.evidence;

import java.util.List;
import java.util.Optional;

/**
 * The result of fitting a {@link ComputeCurve} to one evidence series.
 *
 * @param series what was fitted
 * @param status whether there is a curve to use, and if not why
 * @param message one line for people, e.g. "3 points: too few to fit; need >= 5"
 * @param curve the fitted curve; present for {@link FitStatus#FITTED} and {@link FitStatus#POOR_FIT}
 * @param intervals 95 % bootstrap intervals of E, A, alpha (empty without a curve)
 * @param residuals measured minus predicted, per point used, in the order of {@code series.points()} minus those
 *     set aside (empty without a curve)
 * @param setAside outliers not used, with the reason
 * @param seed seed of the bootstrap
 * @param bootstrapRefits the refitted curves of the resamples, for prediction bands
 */
public record ComputeCurveFit(
        EvidenceSeries series,
        FitStatus status,
        String message,
        Optional<ComputeCurve> curve,
        List<ParameterInterval> intervals,
        List<Double> residuals,
        List<SetAside> setAside,
        long seed,
        List<ComputeCurve> bootstrapRefits) {
    public ComputeCurveFit {
        intervals = List.copyOf(intervals);
        residuals = List.copyOf(residuals);
        setAside = List.copyOf(setAside);
        bootstrapRefits = List.copyOf(bootstrapRefits);
    }

    static ComputeCurveFit failed(EvidenceSeries series, FitStatus status, String message, long seed) {
        return new ComputeCurveFit(
                series, status, message, Optional.empty(), List.of(), List.of(), List.of(), seed, List.of());
    }

    /** Whether the curve may value compute: fitted, and describing its data. */
    public boolean usable() {
        return status == FitStatus.FITTED && curve.isPresent();
    }

    /** 95 % bootstrap band of the predicted metric at compute {@code c}: {@code [lower, upper]}. */
    public double[] metricInterval(double compute) {
        return Bootstrap.interval(bootstrapRefits, c -> c.metric(compute));
    }
}
