package dev.allot.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class ChinchillaFitTest {
    private static final ChinchillaLaw KNOWN = new ChinchillaLaw(1.7, 400, 1500, 0.34, 0.28);

    @Test
    void noiseFreeRunsGiveBackTheLawThatMadeThem() {
        ChinchillaFit fit = new ChinchillaFitter(0, 1e-3, 8, 0, 1).fit(runs(KNOWN, 0, 1));

        assertThat(fit.status()).isEqualTo(FitStatus.FITTED);
        ChinchillaLaw law = fit.law().orElseThrow();
        assertThat(law.e()).isCloseTo(1.7, within(1e-3));
        assertThat(law.alpha()).isCloseTo(0.34, within(1e-3));
        assertThat(law.beta()).isCloseTo(0.28, within(1e-3));
        assertThat(law.a()).isCloseTo(400, Percentage.withPercentage(1));
        assertThat(law.b()).isCloseTo(1500, Percentage.withPercentage(1));
    }

    @Test
    void noisyRunsGiveTheExponentsWithinTheirBootstrapIntervals() {
        // 1 % multiplicative noise, about what separates repeated training runs of one configuration.
        ChinchillaFit fit = new ChinchillaFitter(0, 1e-3, 8, 60, 7).fit(runs(KNOWN, 0.01, 3));

        assertThat(fit.status()).isEqualTo(FitStatus.FITTED);
        ChinchillaLaw law = fit.law().orElseThrow();
        assertThat(law.alpha()).isCloseTo(0.34, within(0.05));
        assertThat(law.beta()).isCloseTo(0.28, within(0.05));
        assertThat(law.e()).isCloseTo(1.7, within(0.1));
        ParameterInterval alpha = fit.intervals().get(3);
        assertThat(alpha.name()).isEqualTo("alpha");
        assertThat(alpha.lower()).isLessThan(alpha.estimate());
        assertThat(alpha.upper()).isGreaterThan(alpha.estimate());
        double[] band = fit.lossInterval(1e10, 2e11);
        assertThat(band[0]).isLessThan(band[1]);
        assertThat(KNOWN.loss(1e10, 2e11)).isBetween(band[0] - 0.02, band[1] + 0.02);
    }

    @Test
    void fourRunsAreTooFewAndSaySo() {
        ChinchillaFit fit =
                new ChinchillaFitter(0, 1e-3, 8, 0, 1).fit(runs(KNOWN, 0, 1).subList(0, 4));

        assertThat(fit.status()).isEqualTo(FitStatus.TOO_FEW_POINTS);
        assertThat(fit.message()).isEqualTo("4 runs with N and D: too few to fit; need >= 5");
        assertThat(fit.law()).isEmpty();
    }

    @Test
    void pointsWithoutParametersAndTokensAreSetAsideWithTheReason() {
        List<EvidencePoint> points = new ArrayList<>(runs(KNOWN, 0, 1));
        points.add(EvidencePoint.of(1e21, 2.0));

        ChinchillaFit fit = new ChinchillaFitter(0, 1e-3, 4, 0, 1).fit(points);

        assertThat(fit.setAside())
                .extracting(SetAside::reason)
                .containsExactly("no model parameters N or training tokens D");
        assertThat(fit.pointsUsed()).isEqualTo(points.size() - 1);
    }

    /**
     * Besiroglu et al. (2024) report E 1.82, A 482, B 2085, alpha 0.348, beta 0.366 on the 240 runs left after
     * dropping the five highest losses; a refit by their method with scipy's L-BFGS-B gives E 1.817, A 477.8,
     * B 2143, alpha 0.3473, beta 0.3672. Tolerances: exponents within 0.005 and E within 0.02 (about 1 %: these
     * are what the data pin down, and what the planner's value of compute depends on); A and B within 15 %, because
     * the objective is nearly flat along a valley in which A and B trade off with the exponents (the published and
     * the scipy refit already differ by 3 % in B).
     */
    @Test
    void theChinchillaRunsGiveTheReplicationsEstimates() throws IOException {
        ChinchillaFit fit = ChinchillaFitter.replication(2024).fit(chinchillaRuns());

        assertThat(fit.status()).isEqualTo(FitStatus.FITTED);
        assertThat(fit.setAside()).hasSize(5);
        assertThat(fit.pointsUsed()).isEqualTo(240);
        ChinchillaLaw law = fit.law().orElseThrow();
        assertThat(law.e()).isCloseTo(1.82, within(0.02));
        assertThat(law.alpha()).isCloseTo(0.348, within(0.005));
        assertThat(law.beta()).isCloseTo(0.366, within(0.005));
        assertThat(law.a()).isCloseTo(482, Percentage.withPercentage(15));
        assertThat(law.b()).isCloseTo(2085, Percentage.withPercentage(15));
        assertThat(fit.intervals()).allSatisfy(i -> assertThat(i.estimate()).isBetween(i.lower(), i.upper()));
    }

    @Test
    void withoutTheOutlierRuleTheChinchillaFitDrifts() throws IOException {
        ChinchillaFit fit = new ChinchillaFitter(0, 1e-3, 8, 0, 1).fit(chinchillaRuns());

        // The reference refit on all 245 runs gives E 1.891, beta 0.453: the rule is what makes the fit agree.
        ChinchillaLaw law = fit.law().orElseThrow();
        assertThat(law.beta()).isCloseTo(0.453, within(0.01));
        assertThat(law.e()).isCloseTo(1.891, within(0.02));
    }

    static List<EvidencePoint> chinchillaRuns() throws IOException {
        List<String> lines = Files.readAllLines(SharedData.file("chinchilla", "svg_extracted_data.csv"));
        List<EvidencePoint> points = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            double parameters = Double.parseDouble(fields[3]);
            double flop = Double.parseDouble(fields[4]);
            double loss = Double.parseDouble(fields[6]);
            points.add(new EvidencePoint(
                    flop,
                    loss,
                    OptionalDouble.empty(),
                    OptionalDouble.of(parameters),
                    OptionalDouble.of(flop / (6 * parameters))));
        }
        return points;
    }

    /** Runs on a 6 x 6 grid of N (1e7..3e9) and tokens per parameter (5..160), with multiplicative noise. */
    static List<EvidencePoint> runs(ChinchillaLaw law, double noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<EvidencePoint> points = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            double parameters = 1e7 * Math.pow(300, i / 5.0);
            for (int j = 0; j < 6; j++) {
                double tokens = parameters * 5 * Math.pow(2, j);
                double gaussian =
                        Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
                points.add(
                        EvidencePoint.ofRun(parameters, tokens, law.loss(parameters, tokens) * (1 + noise * gaussian)));
            }
        }
        return points;
    }
}
