package dev.allot.sim.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates a synthetic trace shaped like a research lab's: Poisson arrivals, mostly small jobs with a long tail of
 * multi-node ones, log-normal running times. The same seed always gives the same trace.
 */
public final class SyntheticTrace {
    private static final int[] GPU_SIZES = {1, 1, 1, 1, 1, 1, 2, 2, 4, 4, 8, 8, 8, 16, 32};

    private SyntheticTrace() {}

    /**
     * @param jobs number of jobs
     * @param groups number of groups ({@code g0}, {@code g1}, ...); group sizes follow a Zipf-like skew
     * @param meanInterarrivalSeconds mean gap between two arrivals
     * @param medianSeconds median running time on a speed-1.0 GPU
     */
    public static Trace generate(
            long seed, int jobs, int groups, double meanInterarrivalSeconds, double medianSeconds) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] groupWeights = new double[groups];
        double total = 0;
        for (int g = 0; g < groups; g++) {
            groupWeights[g] = 1.0 / (g + 1);
            total += groupWeights[g];
        }
        String[] names = new String[groups];
        for (int g = 0; g < groups; g++) {
            names[g] = "g" + g;
        }
        List<TraceJob> list = new ArrayList<>(jobs);
        double clock = 0;
        for (int i = 0; i < jobs; i++) {
            clock += -Math.log(1 - random.nextDouble()) * meanInterarrivalSeconds;
            int group = pick(groupWeights, total, random.nextDouble());
            int gpus = GPU_SIZES[random.nextInt(GPU_SIZES.length)];
            double seconds = Math.max(60, medianSeconds * Math.exp(1.2 * gaussian(random)));
            list.add(new TraceJob(
                    i, names[group], "", Math.rint(clock), gpus, 0, Math.rint(seconds), Map.of(), java.util.Set.of()));
        }
        return new Trace("synthetic(seed=" + seed + ", jobs=" + jobs + ")", list, Map.of());
    }

    private static int pick(double[] weights, double total, double uniform) {
        double target = uniform * total;
        for (int i = 0; i < weights.length; i++) {
            target -= weights[i];
            if (target < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
