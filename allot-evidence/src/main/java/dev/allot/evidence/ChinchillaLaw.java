package dev.allot.evidence;

/**
 * The parametric loss of Hoffmann et al. (2022): {@code L(N, D) = E + A / N^alpha + B / D^beta}, with N model
 * parameters and D training tokens.
 */
public record ChinchillaLaw(double e, double a, double b, double alpha, double beta) {
    public double loss(double parameters, double tokens) {
        return e + a / Math.pow(parameters, alpha) + b / Math.pow(tokens, beta);
    }

    /** From the log-sum-exp parameters {@code [log A, log B, log E, alpha, beta]}. */
    static ChinchillaLaw fromLogs(double[] theta) {
        return new ChinchillaLaw(
                Math.exp(theta[ChinchillaObjective.E]),
                Math.exp(theta[ChinchillaObjective.A]),
                Math.exp(theta[ChinchillaObjective.B]),
                theta[ChinchillaObjective.ALPHA],
                theta[ChinchillaObjective.BETA]);
    }

    /**
     * The lowest loss reachable with {@code flop} of training compute ({@code C = 6 N D}), minimising over the split
     * between N and D: the compute-optimal frontier, in closed form (Hoffmann et al. 2022, appendix D.2).
     */
    public double optimalLoss(double flop) {
        double g = Math.pow((alpha * a) / (beta * b), 1 / (alpha + beta));
        double parameters = g * Math.pow(flop / 6, beta / (alpha + beta));
        double tokens = (flop / 6) / parameters;
        return loss(parameters, tokens);
    }
}
