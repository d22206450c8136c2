package dev.allot.evidence;

import java.util.Arrays;
import java.util.List;
import org.hipparchus.distribution.continuous.FDistribution;

/** One least-squares fit of a compute curve to a set of points, with what the outlier and fit tests need. */
final class CurveAttempt {
    final CurveLeastSquares problem;
    final double[] weights;
    final double[] parameters;
    final double[] residuals;
    final boolean noStart;
    /** Whether Levenberg-Marquardt converged; when not, {@code parameters} are the starting point's. */
    final boolean converged;

    private final double referenceLogCompute;
    private final double[] standardErrors;

    private CurveAttempt(
            CurveLeastSquares problem,
            double[] weights,
            double[] parameters,
            double[] residuals,
            boolean noStart,
            boolean converged,
            double referenceLogCompute,
            double[] standardErrors) {
        this.problem = problem;
        this.weights = weights;
        this.parameters = parameters;
        this.residuals = residuals;
        this.noStart = noStart;
        this.converged = converged;
        this.referenceLogCompute = referenceLogCompute;
        this.standardErrors = standardErrors;
    }

    static CurveAttempt of(List<EvidencePoint> points, int sign) {
        int n = points.size();
        double reference = points.stream()
                .mapToDouble(p -> Math.log(p.compute()))
                .average()
                .orElse(0);
        double[] x = points.stream()
                .mapToDouble(p -> Math.log(p.compute()) - reference)
                .toArray();
        double[] y = points.stream().mapToDouble(EvidencePoint::value).toArray();
        boolean allErrors = points.stream()
                .allMatch(
                        p -> p.standardError().isPresent() && p.standardError().getAsDouble() > 0);
        double[] errors = allErrors
                ? points.stream()
                        .mapToDouble(p -> p.standardError().getAsDouble())
                        .toArray()
                : null;
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            weights[i] = allErrors ? 1 / (errors[i] * errors[i]) : 1;
        }
        CurveLeastSquares problem = new CurveLeastSquares(x, y, weights, sign);
        double[] start = problem.start();
        double[] refined = start == null ? null : problem.refine(start);
        double[] parameters = refined != null ? refined : start;
        double[] residuals = null;
        if (parameters != null) {
            residuals = new double[n];
            for (int i = 0; i < n; i++) {
                residuals[i] = y[i] - problem.predict(parameters, i);
            }
        }
        return new CurveAttempt(
                problem, weights, parameters, residuals, start == null, refined != null, reference, errors);
    }

    ComputeCurve curve(EvidenceSeries series) {
        return curve(series, parameters);
    }

    /** Back to raw compute units: {@code A = exp(logA + alpha log Cref)}. */
    ComputeCurve curve(EvidenceSeries series, double[] p) {
        return new ComputeCurve(
                p[0],
                Math.exp(p[1] + p[2] * referenceLogCompute),
                p[2],
                series.metric().direction(),
                series.computeUnit());
    }

    /** Index of the worst residual beyond {@link ComputeCurveFitter#OUTLIER_MADS} robust deviations, or -1. */
    int worstOutlier() {
        double[] magnitudes = Arrays.stream(residuals).map(Math::abs).toArray();
        double[] sorted = magnitudes.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1
                ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        double robustDeviation = 1.4826 * median;
        int worst = -1;
        for (int i = 0; i < magnitudes.length; i++) {
            if (magnitudes[i] > ComputeCurveFitter.OUTLIER_MADS * robustDeviation
                    && robustDeviation > 0
                    && (worst < 0 || magnitudes[i] > magnitudes[worst])) {
                worst = i;
            }
        }
        return worst;
    }

    /**
     * p-value of the F-test of a constant (1 parameter) against the curve (3 parameters) on the weighted squared
     * errors: small when the curve explains much more than a flat line.
     */
    double flatnessPValue() {
        int n = residuals.length;
        double weightSum = 0;
        double weightedMean = 0;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = residuals[i] + problem.predict(parameters, i);
            weightSum += weights[i];
            weightedMean += weights[i] * y[i];
        }
        weightedMean /= weightSum;
        double constantError = 0;
        for (int i = 0; i < n; i++) {
            constantError += weights[i] * (y[i] - weightedMean) * (y[i] - weightedMean);
        }
        double curveError = problem.weightedError(parameters);
        if (!(curveError > 0)) {
            return constantError > 0 ? 0 : 1;
        }
        double statistic = ((constantError - curveError) / 2) / (curveError / (n - 3));
        return statistic <= 0 ? 1 : 1 - new FDistribution(2, n - 3).cumulativeProbability(statistic);
    }

    /** Sum of squared standardised residuals, or -1 when not every point states its standard error. */
    double chiSquare() {
        if (standardErrors == null) {
            return -1;
        }
        double sum = 0;
        for (int i = 0; i < residuals.length; i++) {
            sum += (residuals[i] / standardErrors[i]) * (residuals[i] / standardErrors[i]);
        }
        return sum;
    }
}
