package dev.allot.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.allot.core.model.ProjectId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class ComputeCurveFitTest {
    private static final Metric LOSS =
            new Metric("validation-loss", "nats", Direction.LOWER_IS_BETTER, Visibility.PRIVATE_HELD_OUT);
    private static final Metric ACCURACY =
            new Metric("held-out-proofs", "fraction", Direction.HIGHER_IS_BETTER, Visibility.PRIVATE_HELD_OUT);
    private static final ComputeCurve KNOWN_LOSS =
            new ComputeCurve(2.0, 5.0, 0.3, Direction.LOWER_IS_BETTER, ComputeUnit.GPU_HOURS);
    private static final ComputeCurveFitter FITTER = new ComputeCurveFitter(200, 11);

    @Test
    void noiseFreePointsGiveBackTheCurveThatMadeThem() {
        ComputeCurveFit fit = FITTER.fit(series(LOSS, KNOWN_LOSS, 10, 0, -1, 1));

        assertThat(fit.status()).isEqualTo(FitStatus.FITTED);
        ComputeCurve curve = fit.curve().orElseThrow();
        assertThat(curve.asymptote()).isCloseTo(2.0, within(1e-6));
        assertThat(curve.scale()).isCloseTo(5.0, Percentage.withPercentage(1e-4));
        assertThat(curve.exponent()).isCloseTo(0.3, within(1e-6));
    }

    @Test
    void noisyPointsWithStatedErrorsGiveTheParametersWithinTheirIntervals() {
        ComputeCurveFit fit = FITTER.fit(series(LOSS, KNOWN_LOSS, 12, 0.003, 0.003, 5));

        assertThat(fit.status()).isEqualTo(FitStatus.FITTED);
        ComputeCurve curve = fit.curve().orElseThrow();
        assertThat(curve.exponent()).isCloseTo(0.3, within(0.05));
        assertThat(curve.asymptote()).isCloseTo(2.0, within(0.05));
        ParameterInterval alpha = fit.intervals().get(2);
        assertThat(alpha.lower()).isLessThan(0.3);
        assertThat(alpha.upper()).isGreaterThan(0.3);
        double[] band = fit.metricInterval(2e4);
        assertThat(KNOWN_LOSS.metric(2e4)).isBetween(band[0], band[1]);
        assertThat(fit.message()).contains("seed 11");
    }

    @Test
    void aHigherIsBetterMetricRisesTowardsItsAsymptote() {
        ComputeCurve known = new ComputeCurve(0.9, 0.8, 0.25, Direction.HIGHER_IS_BETTER, ComputeUnit.GPU_HOURS);
        ComputeCurveFit fit = FITTER.fit(series(ACCURACY, known, 8, 0, -1, 1));

        ComputeCurve curve = fit.curve().orElseThrow();
        assertThat(curve.asymptote()).isCloseTo(0.9, within(1e-5));
        assertThat(curve.exponent()).isCloseTo(0.25, within(1e-5));
        assertThat(curve.improvement(100, 200)).isPositive();
    }

    @Test
    void threePointsAreTooFewAndSaySo() {
        ComputeCurveFit fit = FITTER.fit(series(LOSS, KNOWN_LOSS, 3, 0, -1, 1));

        assertThat(fit.status()).isEqualTo(FitStatus.TOO_FEW_POINTS);
        assertThat(fit.message()).isEqualTo("3 points: too few to fit; need >= 5");
        assertThat(fit.curve()).isEmpty();
        assertThat(fit.usable()).isFalse();
    }

    @Test
    void aLossThatRisesWithComputeIsNotImproving() {
        List<EvidencePoint> points = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            points.add(EvidencePoint.of(100 * Math.pow(2, i), 2.5 + 0.01 * i));
        }
        ComputeCurveFit fit =
                FITTER.fit(new EvidenceSeries(ProjectId.of("p"), LOSS, ComputeUnit.GPU_HOURS, "", points));

        assertThat(fit.status()).isEqualTo(FitStatus.NOT_IMPROVING);
        assertThat(fit.message()).startsWith("validation-loss does not get better with compute");
    }

    @Test
    void aSaturatedCurveWhoseGainIsBuriedInItsScatterIsFlat() {
        // Far out on the curve the remaining gain (a few 1e-3) is buried in noise of 0.01.
        ComputeCurve saturated = new ComputeCurve(2.0, 5.0, 0.8, Direction.LOWER_IS_BETTER, ComputeUnit.GPU_HOURS);
        List<EvidencePoint> points = new ArrayList<>();
        double[] noise = {0.012, -0.008, 0.01, -0.011, 0.009, -0.012, 0.008, -0.01};
        for (int i = 0; i < noise.length; i++) {
            double compute = 1e5 * Math.pow(1.5, i);
            points.add(EvidencePoint.of(compute, saturated.metric(compute) + noise[i] - 0.0005 * i));
        }
        ComputeCurveFit fit =
                FITTER.fit(new EvidenceSeries(ProjectId.of("p"), LOSS, ComputeUnit.GPU_HOURS, "", points));

        assertThat(fit.status()).isEqualTo(FitStatus.NOT_IMPROVING);
        assertThat(fit.message()).startsWith("flat: the curve describes the points no better than a constant does");
    }

    @Test
    void anOutlierIsSetAsideWithTheReasonAndTheCurveStillFound() {
        EvidenceSeries clean = series(LOSS, KNOWN_LOSS, 12, 0.002, -1, 3);
        List<EvidencePoint> points = new ArrayList<>(clean.points());
        EvidencePoint bad = points.get(6);
        points.set(6, EvidencePoint.of(bad.compute(), bad.value() + 0.3));

        ComputeCurveFit fit =
                FITTER.fit(new EvidenceSeries(ProjectId.of("p"), LOSS, ComputeUnit.GPU_HOURS, "", points));

        assertThat(fit.status()).isEqualTo(FitStatus.FITTED);
        assertThat(fit.setAside()).hasSize(1);
        assertThat(fit.setAside().get(0).point().compute()).isEqualTo(bad.compute());
        assertThat(fit.setAside().get(0).reason()).contains("more than 4 robust standard deviations from the curve");
        assertThat(fit.curve().orElseThrow().exponent()).isCloseTo(0.3, within(0.05));
    }

    @Test
    void residualsFarBeyondTheStatedErrorsMakeAPoorFitThatIsShownButNotUsed() {
        // Points scatter by 0.02 but claim errors of 0.001.
        EvidenceSeries noisy = series(LOSS, KNOWN_LOSS, 10, 0.02, 0.001, 9);

        ComputeCurveFit fit = FITTER.fit(noisy);

        assertThat(fit.status()).isEqualTo(FitStatus.POOR_FIT);
        assertThat(fit.message()).startsWith("poor fit: residuals are far beyond the stated errors");
        assertThat(fit.curve()).isPresent();
        assertThat(fit.residuals()).hasSize(10);
        assertThat(fit.usable()).isFalse();
    }

    /** {@code count} points from 10 to 10^4 GPU-hours, Gaussian noise of {@code noise}, stated error if >= 0. */
    static EvidenceSeries series(Metric metric, ComputeCurve curve, int count, double noise, double stated, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<EvidencePoint> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double compute = 10 * Math.pow(1000, i / (count - 1.0));
            double gaussian =
                    Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            points.add(new EvidencePoint(
                    compute,
                    curve.metric(compute) + noise * gaussian,
                    stated >= 0 ? OptionalDouble.of(stated) : OptionalDouble.empty(),
                    OptionalDouble.empty(),
                    OptionalDouble.empty()));
        }
        return new EvidenceSeries(ProjectId.of("p"), metric, ComputeUnit.GPU_HOURS, "synthetic", points);
    }
}
