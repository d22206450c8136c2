package dev.allot.evidence;

import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.DiagonalMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;

/**
 * Weighted least squares of {@code y = E + s exp(logA - alpha x)} with {@code x = log(C / Cref)}, by Hipparchus'
 * Levenberg-Marquardt. The parameters are {@code [E, logA, alpha]}; {@code Cref} (the geometric mean of the
 * compute) keeps logA of order one whatever the compute unit. Weights are {@code 1/stderr^2} when every point has
 * a standard error, else 1.
 */
final class CurveLeastSquares {
    static final int MAX_EXPONENT = 5;

    private final double[] x;
    private final double[] y;
    private final double[] weights;
    private final int sign;

    CurveLeastSquares(double[] x, double[] y, double[] weights, int sign) {
        this.x = x;
        this.y = y;
        this.weights = weights;
        this.sign = sign;
    }

    CurveLeastSquares withWeights(double[] newWeights) {
        return new CurveLeastSquares(x, y, newWeights, sign);
    }

    /**
     * A starting point: for each exponent on a grid the model is linear in E and A, so weighted linear least squares
     * gives them exactly; the exponent with the smallest weighted error and a positive A wins. Null when no exponent
     * gives a positive A, i.e. the points do not improve with compute.
     */
    double[] start() {
        double[] best = null;
        double bestError = Double.POSITIVE_INFINITY;
        for (double alpha : new double[] {0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5, 2, 3}) {
            double sw = 0, su = 0, sy = 0, suu = 0, suy = 0;
            for (int i = 0; i < y.length; i++) {
                double u = sign * Math.exp(-alpha * x[i]);
                sw += weights[i];
                su += weights[i] * u;
                sy += weights[i] * y[i];
                suu += weights[i] * u * u;
                suy += weights[i] * u * y[i];
            }
            double determinant = sw * suu - su * su;
            if (!(Math.abs(determinant) > 1e-300)) {
                continue;
            }
            double scale = (sw * suy - su * sy) / determinant;
            double asymptote = (sy - scale * su) / sw;
            if (!(scale > 0)) {
                continue;
            }
            double[] candidate = {asymptote, Math.log(scale), alpha};
            double error = weightedError(candidate);
            if (error < bestError) {
                bestError = error;
                best = candidate;
            }
        }
        return best;
    }

    /** The least-squares optimum from {@code start}, or null when Levenberg-Marquardt does not converge. */
    double[] refine(double[] start) {
        try {
            LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer()
                    .optimize(new LeastSquaresBuilder()
                            .model(this::valueAndJacobian)
                            .target(y)
                            .weight(new DiagonalMatrix(weights.clone()))
                            .start(start)
                            .parameterValidator(CurveLeastSquares::validate)
                            .maxEvaluations(2_000)
                            .maxIterations(1_000)
                            .lazyEvaluation(false)
                            .build());
            return optimum.getPoint().toArray();
        } catch (MathIllegalStateException e) {
            return null;
        }
    }

    double predict(double[] parameters, int i) {
        return parameters[0] + sign * Math.exp(parameters[1] - parameters[2] * x[i]);
    }

    double weightedError(double[] parameters) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            double r = y[i] - predict(parameters, i);
            sum += weights[i] * r * r;
        }
        return sum;
    }

    private Pair<RealVector, org.hipparchus.linear.RealMatrix> valueAndJacobian(RealVector point) {
        double[] p = point.toArray();
        double[] values = new double[y.length];
        double[][] jacobian = new double[y.length][3];
        for (int i = 0; i < y.length; i++) {
            double term = sign * Math.exp(p[1] - p[2] * x[i]);
            values[i] = p[0] + term;
            jacobian[i][0] = 1;
            jacobian[i][1] = term;
            jacobian[i][2] = -x[i] * term;
        }
        return new Pair<>(new ArrayRealVector(values, false), new Array2DRowRealMatrix(jacobian, false));
    }

    // The exponent stays positive (the curve must saturate, not blow up) and below 5 (beyond it the "curve" is a
    // step, which no scaling study reports); logA stays where exp() is finite.
    private static RealVector validate(RealVector point) {
        double[] p = point.toArray();
        p[1] = Math.max(-200, Math.min(200, p[1]));
        p[2] = Math.max(1e-4, Math.min(MAX_EXPONENT, p[2]));
        return new ArrayRealVector(p, false);
    }
}
