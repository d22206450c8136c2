package dev.allot.evidence;

import java.util.List;
import java.util.Optional;

/**
 * The result of fitting {@link ChinchillaLaw} to runs with known N and D.
 *
 * @param status whether there is a law to use, and if not why
 * @param message one line for people, e.g. "3 runs with N and D: too few to fit; need >= 5"
 * @param law the fitted law; present for {@link FitStatus#FITTED} and {@link FitStatus#POOR_FIT}
 * @param intervals 95 % bootstrap intervals of E, A, B, alpha, beta (empty without a law)
 * @param setAside points not used, with the reason
 * @param pointsUsed how many points the law was fitted to
 * @param seed seed of the bootstrap (print it with the intervals)
 * @param bootstrapRefits the refitted laws of the resamples that converged, for prediction bands
 * @param bootstrapSamples resamples drawn
 */
public record ChinchillaFit(
        FitStatus status,
        String message,
        Optional<ChinchillaLaw> law,
        List<ParameterInterval> intervals,
        List<SetAside> setAside,
        int pointsUsed,
        long seed,
        List<ChinchillaLaw> bootstrapRefits,
        int bootstrapSamples) {
    public ChinchillaFit {
        intervals = List.copyOf(intervals);
        setAside = List.copyOf(setAside);
        bootstrapRefits = List.copyOf(bootstrapRefits);
    }

    static ChinchillaFit failed(FitStatus status, String message, List<SetAside> setAside, int used, long seed) {
        return new ChinchillaFit(status, message, Optional.empty(), List.of(), setAside, used, seed, List.of(), 0);
    }

    /** 95 % bootstrap band of the predicted loss at N and D: {@code [lower, upper]}. */
    public double[] lossInterval(double parameters, double tokens) {
        return Bootstrap.interval(bootstrapRefits, law -> law.loss(parameters, tokens));
    }
}
