package dev.allot.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.allot.core.model.Lab;
import dev.allot.core.model.ProjectId;
import dev.allot.lab.DemoLab;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoEvidenceTest {
    @Test
    void aShareOfTheDemoLabBringsEvidenceAndEveryKindOfFitOutcomeShowsUp() {
        Lab lab = DemoLab.generate(42);

        Map<ProjectId, EvidenceSeries> evidence = DemoEvidence.generate(lab, 42);
        Map<FitStatus, Long> outcomes = evidence.values().stream()
                .map(series -> new ComputeCurveFitter(0, 1).fit(series).status())
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));

        assertThat((double) evidence.size() / lab.projects().size()).isBetween(0.3, 0.5);
        assertThat(outcomes.keySet())
                .containsExactly(FitStatus.FITTED, FitStatus.TOO_FEW_POINTS, FitStatus.NOT_IMPROVING);
        assertThat(outcomes.get(FitStatus.FITTED)).isGreaterThan(outcomes.get(FitStatus.NOT_IMPROVING));
        assertThat(DemoEvidence.generate(lab, 42)).isEqualTo(evidence);
    }

    @Test
    void theDemoCurvesFollowTheChinchillaFrontierExponent() {
        // L*(C) = E + G C^-(alpha beta / (alpha + beta)): the frontier of the law is itself a compute curve.
        ChinchillaLaw law = DemoEvidence.CHINCHILLA;
        double exponent = law.alpha() * law.beta() / (law.alpha() + law.beta());
        EvidenceSeries noiseFree = new EvidenceSeries(
                ProjectId.of("p"),
                DemoEvidence.LOSS,
                ComputeUnit.FLOP,
                "",
                java.util.stream.IntStream.range(0, 8)
                        .mapToObj(i -> EvidencePoint.of(1e20 * Math.pow(4, i), law.optimalLoss(1e20 * Math.pow(4, i))))
                        .toList());

        ComputeCurve curve = new ComputeCurveFitter(0, 1).fit(noiseFree).curve().orElseThrow();

        assertThat(curve.exponent()).isCloseTo(exponent, within(1e-4));
        assertThat(curve.asymptote()).isCloseTo(law.e(), within(1e-3));
        for (double parameters : new double[] {1e9, 3e9, 1e10, 3e10}) {
            assertThat(law.optimalLoss(1e22)).isLessThanOrEqualTo(law.loss(parameters, 1e22 / (6 * parameters)));
        }
    }
}
