package dev.allot.evidence;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.hipparchus.stat.descriptive.rank.Percentile;

/**
 * Case-resampling bootstrap (Efron and Tibshirani, 1993): draw as many points as there are, with replacement,
 * refit, repeat. A resample is given to the fit as per-point multiplicities, which for a sum of per-point losses is
 * the same as the resampled data. Seeded, so the same seed gives the same intervals; the seed is in every report.
 */
final class Bootstrap {
    private Bootstrap() {}

    /** Multiplicities of {@code size} points in {@code samples} resamples. */
    static double[][] resamples(int size, int samples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] weights = new double[samples][size];
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < size; i++) {
                weights[s][random.nextInt(size)] += 1;
            }
        }
        return weights;
    }

    /** The 2.5th and 97.5th percentiles of {@code statistic} over the refits. */
    static <T> double[] interval(List<T> refits, Function<T, Double> statistic) {
        double[] values = refits.stream().mapToDouble(statistic::apply).toArray();
        if (values.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        Percentile percentile = new Percentile();
        percentile.setData(values);
        return new double[] {percentile.evaluate(2.5), percentile.evaluate(97.5)};
    }

    /** A parameter's estimate with its interval over the refits. */
    static <T> ParameterInterval parameter(String name, double estimate, List<T> refits, Function<T, Double> of) {
        double[] bounds = interval(refits, of);
        return new ParameterInterval(name, estimate, bounds[0], bounds[1]);
    }
}
