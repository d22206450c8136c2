package dev.allot.evidence;

/**
 * The objective of Hoffmann et al. (2022, eq. 10) as replicated by Besiroglu et al. (2024): the Huber loss of
 * log-loss residuals, with the law written in log-sum-exp form so that every parameter is unconstrained:
 *
 * <pre>
 *   log L̂(N, D) = LSE(a - alpha log N, b - beta log D, e),   E = exp(e), A = exp(a), B = exp(b)
 *   objective(θ) = Σ_i  w_i Huber_δ(log L̂(N_i, D_i) - log L_i)
 * </pre>
 *
 * <p>θ is {@code [a, b, e, alpha, beta]}, but the optimiser sees it centred: {@code a' = a - alpha mean(log N)} and
 * {@code b' = b - beta mean(log D)}, with log N and log D centred to match. The law and the minimum are the same;
 * without centring a and alpha move together along a valley some 20 times longer than wide (log N is about 20),
 * and a gradient method crawls along it. The weights {@code w_i} are 1 for a plain fit and the multiplicity of each
 * point in a bootstrap resample, which is the same as fitting the resample. Value and gradient are analytic.
 */
final class ChinchillaObjective {
    static final int A = 0;
    static final int B = 1;
    static final int E = 2;
    static final int ALPHA = 3;
    static final int BETA = 4;

    private final double[] logParameters;
    private final double[] logTokens;
    private final double[] logLoss;
    private final double[] weights;
    private final double delta;
    private final double meanLogParameters;
    private final double meanLogTokens;

    /** Centres the logs of N and D; the arrays are not changed. */
    static ChinchillaObjective of(double[] logParameters, double[] logTokens, double[] logLoss, double delta) {
        double meanN = mean(logParameters);
        double meanD = mean(logTokens);
        double[] weights = new double[logLoss.length];
        java.util.Arrays.fill(weights, 1);
        return new ChinchillaObjective(
                shift(logParameters, meanN), shift(logTokens, meanD), logLoss, weights, delta, meanN, meanD);
    }

    private ChinchillaObjective(
            double[] logParameters,
            double[] logTokens,
            double[] logLoss,
            double[] weights,
            double delta,
            double meanLogParameters,
            double meanLogTokens) {
        this.logParameters = logParameters;
        this.logTokens = logTokens;
        this.logLoss = logLoss;
        this.weights = weights;
        this.delta = delta;
        this.meanLogParameters = meanLogParameters;
        this.meanLogTokens = meanLogTokens;
    }

    ChinchillaObjective withWeights(double[] newWeights) {
        return new ChinchillaObjective(
                logParameters, logTokens, logLoss, newWeights, delta, meanLogParameters, meanLogTokens);
    }

    /** {@code [a, b, e, alpha, beta]} to the centred coordinates the optimiser works in. */
    double[] centred(double[] theta) {
        double[] c = theta.clone();
        c[A] = theta[A] - theta[ALPHA] * meanLogParameters;
        c[B] = theta[B] - theta[BETA] * meanLogTokens;
        return c;
    }

    /** Centred coordinates back to {@code [a, b, e, alpha, beta]}. */
    double[] uncentred(double[] centred) {
        double[] theta = centred.clone();
        theta[A] = centred[A] + centred[ALPHA] * meanLogParameters;
        theta[B] = centred[B] + centred[BETA] * meanLogTokens;
        return theta;
    }

    private static double mean(double[] values) {
        return java.util.Arrays.stream(values).average().orElse(0);
    }

    private static double[] shift(double[] values, double by) {
        return java.util.Arrays.stream(values).map(v -> v - by).toArray();
    }

    int size() {
        return logLoss.length;
    }

    /** The objective at centred coordinates. */
    double value(double[] theta) {
        double sum = 0;
        for (int i = 0; i < logLoss.length; i++) {
            if (weights[i] != 0) {
                sum += weights[i] * huber(residual(theta, i));
            }
        }
        return sum;
    }

    double[] gradient(double[] theta) {
        double[] gradient = new double[5];
        for (int i = 0; i < logLoss.length; i++) {
            if (weights[i] == 0) {
                continue;
            }
            double x1 = theta[A] - theta[ALPHA] * logParameters[i];
            double x2 = theta[B] - theta[BETA] * logTokens[i];
            double x3 = theta[E];
            double lse = logSumExp(x1, x2, x3);
            double slope = weights[i] * huberSlope(lse - logLoss[i]);
            // d LSE / d x_j is the softmax weight of x_j.
            double w1 = Math.exp(x1 - lse);
            double w2 = Math.exp(x2 - lse);
            double w3 = Math.exp(x3 - lse);
            gradient[A] += slope * w1;
            gradient[ALPHA] -= slope * w1 * logParameters[i];
            gradient[B] += slope * w2;
            gradient[BETA] -= slope * w2 * logTokens[i];
            gradient[E] += slope * w3;
        }
        return gradient;
    }

    /** {@code log L̂ - log L} of point {@code i}, at centred coordinates. */
    double residual(double[] theta, int i) {
        double x1 = theta[A] - theta[ALPHA] * logParameters[i];
        double x2 = theta[B] - theta[BETA] * logTokens[i];
        return logSumExp(x1, x2, theta[E]) - logLoss[i];
    }

    private double huber(double r) {
        double magnitude = Math.abs(r);
        return magnitude <= delta ? 0.5 * r * r : delta * (magnitude - 0.5 * delta);
    }

    private double huberSlope(double r) {
        return Math.abs(r) <= delta ? r : Math.copySign(delta, r);
    }

    static double logSumExp(double x1, double x2, double x3) {
        double max = Math.max(x1, Math.max(x2, x3));
        return max + Math.log(Math.exp(x1 - max) + Math.exp(x2 - max) + Math.exp(x3 - max));
    }
}
