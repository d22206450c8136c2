package dev.allot.evidence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Fits {@code L(N, D) = E + A/N^alpha + B/D^beta} as Hoffmann et al. (2022) and its replication by Besiroglu et al.
 * (2024, "Chinchilla Scaling: A replication attempt") do: Huber loss (delta 1e-3) of log-loss residuals in the
 * log-sum-exp parametrisation, minimised by a gradient method from a grid of starting points (alpha, beta in
 * 0..2 step 0.5; log E in -1..1 step 0.5; log A, log B in 0..25 step 5: 4,500 points), keeping the best optimum.
 *
 * <p>The objective is evaluated at every grid point and the gradient method is run from the {@code starts} best of
 * them (distinct basins show up as distinct objective values), which is where the replication's full multi-start
 * ends too, at a fraction of the cost. Bootstrap refits start from the full fit's optimum.
 *
 * @param dropHighestLoss outlier rule: set aside this many points with the highest loss before fitting (the
 *     replication drops 5 of the 245 Chinchilla runs); 0 keeps all
 * @param huberDelta the Huber loss's threshold on log-loss residuals (1e-3 in the literature)
 * @param starts gradient runs from the best grid points
 * @param bootstrapSamples resamples for the intervals (0: no intervals)
 * @param seed of the resampling
 */
public record ChinchillaFitter(int dropHighestLoss, double huberDelta, int starts, int bootstrapSamples, long seed) {
    /** The law has five parameters; fewer than five points cannot pin them down at all. */
    public static final int MIN_POINTS = 5;

    private static final int MAX_ITERATIONS = 5_000;

    /** The replication's settings: drop the 5 highest losses, delta 1e-3, 8 starts, 100 bootstrap refits. */
    public static ChinchillaFitter replication(long seed) {
        return new ChinchillaFitter(5, 1e-3, 8, 100, seed);
    }

    /** Fits the points of a series that carry both N and D; the others are set aside with that reason. */
    public ChinchillaFit fit(List<EvidencePoint> points) {
        List<SetAside> setAside = new ArrayList<>();
        List<EvidencePoint> usable = new ArrayList<>();
        for (EvidencePoint point : points) {
            if (point.parameters().isEmpty() || point.tokens().isEmpty()) {
                setAside.add(new SetAside(point, "no model parameters N or training tokens D"));
            } else if (!(point.value() > 0)) {
                setAside.add(new SetAside(point, "a loss must be positive to take its log"));
            } else {
                usable.add(point);
            }
        }
        usable.sort(Comparator.comparingDouble(EvidencePoint::value));
        int drop = Math.min(dropHighestLoss, usable.size());
        for (EvidencePoint point : usable.subList(usable.size() - drop, usable.size())) {
            setAside.add(new SetAside(
                    point, "one of the " + drop + " highest losses (outlier rule: drop the highest-loss runs)"));
        }
        List<EvidencePoint> used = usable.subList(0, usable.size() - drop);
        if (used.size() < MIN_POINTS) {
            return ChinchillaFit.failed(
                    FitStatus.TOO_FEW_POINTS,
                    used.size() + " runs with N and D: too few to fit; need >= " + MIN_POINTS,
                    setAside,
                    used.size(),
                    seed);
        }
        ChinchillaObjective objective = ChinchillaObjective.of(
                logs(used, p -> p.parameters().getAsDouble()),
                logs(used, p -> p.tokens().getAsDouble()),
                logs(used, EvidencePoint::value),
                huberDelta);
        GradientMinimizer minimizer = new GradientMinimizer(MAX_ITERATIONS);
        GradientMinimizer.Result best = null;
        for (double[] start : bestGridPoints(objective)) {
            GradientMinimizer.Result run = minimizer.minimize(objective::value, objective::gradient, start);
            if (run.converged() && (best == null || run.value() < best.value())) {
                best = run;
            }
        }
        if (best == null) {
            return ChinchillaFit.failed(
                    FitStatus.NOT_CONVERGED,
                    "the optimiser did not converge from any of " + starts + " starts within " + MAX_ITERATIONS
                            + " iterations",
                    setAside,
                    used.size(),
                    seed);
        }
        ChinchillaLaw law = ChinchillaLaw.fromLogs(objective.uncentred(best.point()));
        if (!(law.alpha() > 0) && !(law.beta() > 0)) {
            return ChinchillaFit.failed(
                    FitStatus.NOT_IMPROVING,
                    "the loss does not fall with parameters or tokens (alpha " + law.alpha() + ", beta " + law.beta()
                            + ")",
                    setAside,
                    used.size(),
                    seed);
        }
        return withIntervals(law, objective, best.point(), setAside, used.size(), minimizer);
    }

    private ChinchillaFit withIntervals(
            ChinchillaLaw law,
            ChinchillaObjective objective,
            double[] optimum,
            List<SetAside> setAside,
            int used,
            GradientMinimizer minimizer) {
        // Refits are independent, so they run in parallel; each has its own resample and optimiser, and the
        // list keeps the resamples' order, so the intervals do not depend on the number of cores.
        double[][] resamples = Bootstrap.resamples(used, bootstrapSamples, seed);
        List<ChinchillaLaw> refits = java.util.stream.IntStream.range(0, resamples.length)
                .parallel()
                .mapToObj(s -> {
                    ChinchillaObjective resampled = objective.withWeights(resamples[s]);
                    return minimizer.minimize(resampled::value, resampled::gradient, optimum);
                })
                .filter(GradientMinimizer.Result::converged)
                .map(run -> ChinchillaLaw.fromLogs(objective.uncentred(run.point())))
                .toList();
        List<ParameterInterval> intervals = List.of(
                Bootstrap.parameter("E", law.e(), refits, ChinchillaLaw::e),
                Bootstrap.parameter("A", law.a(), refits, ChinchillaLaw::a),
                Bootstrap.parameter("B", law.b(), refits, ChinchillaLaw::b),
                Bootstrap.parameter("alpha", law.alpha(), refits, ChinchillaLaw::alpha),
                Bootstrap.parameter("beta", law.beta(), refits, ChinchillaLaw::beta));
        String message = String.format(
                Locale.ROOT,
                "L(N, D) = %.3f + %.4g/N^%.4f + %.4g/D^%.4f on %d runs (%d set aside); %d of %d bootstrap refits"
                        + " converged (seed %d)",
                law.e(),
                law.a(),
                law.alpha(),
                law.b(),
                law.beta(),
                used,
                setAside.size(),
                refits.size(),
                bootstrapSamples,
                seed);
        return new ChinchillaFit(
                FitStatus.FITTED, message, Optional.of(law), intervals, setAside, used, seed, refits, bootstrapSamples);
    }

    /** The grid of Hoffmann et al. / Besiroglu et al., in centred coordinates, best {@code starts} first. */
    private List<double[]> bestGridPoints(ChinchillaObjective objective) {
        List<double[]> grid = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int a = 0; a <= 25; a += 5) {
            for (int b = 0; b <= 25; b += 5) {
                for (int e = -2; e <= 2; e++) {
                    for (int alpha = 0; alpha <= 4; alpha++) {
                        for (int beta = 0; beta <= 4; beta++) {
                            double[] start = objective.centred(new double[] {a, b, e / 2.0, alpha / 2.0, beta / 2.0});
                            grid.add(start);
                            values.add(objective.value(start));
                        }
                    }
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < grid.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(values::get));
        return order.subList(0, Math.min(starts, order.size())).stream()
                .map(grid::get)
                .toList();
    }

    private static double[] logs(List<EvidencePoint> points, java.util.function.ToDoubleFunction<EvidencePoint> of) {
        return points.stream().mapToDouble(p -> Math.log(of.applyAsDouble(p))).toArray();
    }
}
