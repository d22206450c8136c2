package dev.allot.evidence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.hipparchus.stat.correlation.SpearmansCorrelation;

/**
 * Fits a project's compute curve {@code metric(C) = E + s A C^-alpha} (a saturating power law, as in Kaplan et al.
 * 2020 and Hoffmann et al. 2022 in one variable) by weighted least squares, and says when it cannot:
 *
 * <ol>
 *   <li>fewer than {@link #MIN_POINTS} points: too few;
 *   <li>the metric does not get better with compute (Spearman rank correlation of compute and metric in the wrong
 *       direction), or the curve describes the points no better than a constant (F-test of the nested models,
 *       p >= 0.05): not improving;
 *   <li>Levenberg-Marquardt does not converge: not converged (flat instead when even the best exact start is no
 *       better than a constant);
 *   <li>outliers: a point whose residual is more than {@link #OUTLIER_MADS} robust standard deviations (1.4826 x
 *       median absolute residual) from the curve is set aside, worst first, at most one in ten points, and the curve
 *       refitted;
 *   <li>when every point states its standard error and the residuals are far beyond them (chi-square test, p below
 *       0.001): a poor fit, returned with its residuals but not usable to value compute.
 * </ol>
 *
 * @param bootstrapSamples resamples for the intervals (0: none)
 * @param seed of the resampling
 */
public record ComputeCurveFitter(int bootstrapSamples, long seed) {
    /** Three parameters, plus two degrees of freedom to see whether the curve describes the points at all. */
    public static final int MIN_POINTS = 5;

    public static final double OUTLIER_MADS = 4;
    static final double POOR_FIT_P_VALUE = 0.001;
    static final double FLAT_P_VALUE = 0.05;

    public ComputeCurveFit fit(EvidenceSeries series) {
        List<EvidencePoint> points = new ArrayList<>(series.points());
        int n = points.size();
        if (n < MIN_POINTS) {
            return ComputeCurveFit.failed(
                    series,
                    FitStatus.TOO_FEW_POINTS,
                    n + (n == 1 ? " point" : " points") + ": too few to fit; need >= " + MIN_POINTS,
                    seed);
        }
        int sign = series.metric().direction().improvementSign();
        double correlation = new SpearmansCorrelation()
                .correlation(
                        points.stream().mapToDouble(EvidencePoint::compute).toArray(),
                        points.stream().mapToDouble(p -> sign * p.value()).toArray());
        if (!(correlation < 0)) {
            return ComputeCurveFit.failed(
                    series,
                    FitStatus.NOT_IMPROVING,
                    String.format(
                            Locale.ROOT,
                            "%s does not get better with compute (rank correlation %+.2f towards better)",
                            series.metric().name(),
                            -correlation),
                    seed);
        }
        List<SetAside> setAside = new ArrayList<>();
        while (true) {
            CurveAttempt attempt = CurveAttempt.of(points, sign);
            if (attempt.noStart) {
                return ComputeCurveFit.failed(
                        series,
                        FitStatus.NOT_IMPROVING,
                        series.metric().name() + " does not fit a curve that improves with compute",
                        seed);
            }
            if (!attempt.converged) {
                // Levenberg-Marquardt wanders off on points without a bend to fit; if even the best exact start
                // is no better than a constant, "flat" is the true answer, not "did not converge".
                return attempt.flatnessPValue() < FLAT_P_VALUE
                        ? ComputeCurveFit.failed(
                                series, FitStatus.NOT_CONVERGED, "the least-squares fit did not converge", seed)
                        : flat(series, attempt);
            }
            int worst = attempt.worstOutlier();
            if (worst < 0 || setAside.size() + 1 > n / 10 || points.size() - 1 < MIN_POINTS) {
                return judged(series, attempt, points, setAside);
            }
            setAside.add(new SetAside(
                    points.remove(worst),
                    String.format(
                            Locale.ROOT,
                            "residual %.4g is more than %.0f robust standard deviations from the curve",
                            attempt.residuals[worst],
                            OUTLIER_MADS)));
        }
    }

    private ComputeCurveFit judged(
            EvidenceSeries series, CurveAttempt attempt, List<EvidencePoint> points, List<SetAside> setAside) {
        ComputeCurve curve = attempt.curve(series);
        List<Double> residuals = Arrays.stream(attempt.residuals).boxed().toList();
        if (!(attempt.flatnessPValue() < FLAT_P_VALUE)) {
            return flat(series, attempt);
        }
        List<ComputeCurve> refits = bootstrap(attempt, series);
        List<ParameterInterval> intervals = List.of(
                Bootstrap.parameter("E", curve.asymptote(), refits, ComputeCurve::asymptote),
                Bootstrap.parameter("A", curve.scale(), refits, ComputeCurve::scale),
                Bootstrap.parameter("alpha", curve.exponent(), refits, ComputeCurve::exponent));
        double chiSquare = attempt.chiSquare();
        int freedom = points.size() - 3;
        if (chiSquare >= 0
                && 1 - new ChiSquaredDistribution(freedom).cumulativeProbability(chiSquare) < POOR_FIT_P_VALUE) {
            String message = String.format(
                    Locale.ROOT,
                    "poor fit: residuals are far beyond the stated errors (chi-square %.1f on %d degrees of freedom,"
                            + " p < %s); shown with its residuals, not used to value compute",
                    chiSquare,
                    freedom,
                    POOR_FIT_P_VALUE);
            return new ComputeCurveFit(
                    series,
                    FitStatus.POOR_FIT,
                    message,
                    Optional.of(curve),
                    intervals,
                    residuals,
                    setAside,
                    seed,
                    refits);
        }
        String message = String.format(
                Locale.ROOT,
                "%s on %d points (%d set aside); %d bootstrap refits (seed %d)",
                curve,
                points.size(),
                setAside.size(),
                refits.size(),
                seed);
        return new ComputeCurveFit(
                series, FitStatus.FITTED, message, Optional.of(curve), intervals, residuals, setAside, seed, refits);
    }

    private ComputeCurveFit flat(EvidenceSeries series, CurveAttempt attempt) {
        return ComputeCurveFit.failed(
                series,
                FitStatus.NOT_IMPROVING,
                String.format(
                        Locale.ROOT,
                        "flat: the curve describes the points no better than a constant does (F-test p = %.2f)",
                        attempt.flatnessPValue()),
                seed);
    }

    private List<ComputeCurve> bootstrap(CurveAttempt attempt, EvidenceSeries series) {
        List<ComputeCurve> refits = new ArrayList<>();
        for (double[] multiplicity : Bootstrap.resamples(attempt.weights.length, bootstrapSamples, seed)) {
            double[] weights = new double[multiplicity.length];
            long distinct = 0;
            for (int i = 0; i < weights.length; i++) {
                weights[i] = attempt.weights[i] * multiplicity[i];
                distinct += multiplicity[i] > 0 ? 1 : 0;
            }
            if (distinct < 3) {
                continue; // three parameters need three distinct points
            }
            double[] refit = attempt.problem.withWeights(weights).refine(attempt.parameters);
            if (refit != null) {
                refits.add(attempt.curve(series, refit));
            }
        }
        return refits;
    }
}
