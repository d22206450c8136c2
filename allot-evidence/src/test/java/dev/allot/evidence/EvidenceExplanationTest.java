package dev.allot.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.ProjectId;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceExplanationTest {
    private static final Metric LOSS =
            new Metric("loss", "nats", Direction.LOWER_IS_BETTER, Visibility.PRIVATE_HELD_OUT);
    private static final ComputeCurve CURVE =
            new ComputeCurve(2.0, 50, 0.3, Direction.LOWER_IS_BETTER, ComputeUnit.GPU_HOURS);

    @Test
    void theNthGpuIsValuedByTheImprovementBetweenItsNeighbouringGrants() {
        CompiledCurve curve = new CompiledCurve(CURVE, 1_000, 720, 500, LOSS);
        EvidenceExplanation.Marginal marginal = EvidenceExplanation.nthGpu(ProjectId.of("x"), curve, 65, "H100", 1.0);

        double expected = CURVE.metric(1_000 + 64 * 720) - CURVE.metric(1_000 + 65 * 720);
        assertThat(marginal.improvement()).isEqualTo(expected, org.assertj.core.api.Assertions.offset(1e-12));
        assertThat(EvidenceExplanation.sentence(marginal))
                .isEqualTo("the 65th H100 for project x buys an expected "
                        + EvidenceExplanation.significant(expected) + " lower loss (worth "
                        + EvidenceExplanation.significant(500 * expected) + ")");
    }

    @Test
    void aComparisonNamesTheFirstProjectInFullAndTheOthersShort() {
        CompiledCurve steep = new CompiledCurve(CURVE, 1_000, 720, 500, LOSS);
        CompiledCurve flat = new CompiledCurve(CURVE, 1e6, 720, 500, LOSS);

        String text = EvidenceExplanation.compare(List.of(
                EvidenceExplanation.nthGpu(ProjectId.of("x"), steep, 65, "H100", 1.0),
                EvidenceExplanation.nthGpu(ProjectId.of("y"), flat, 65, "H100", 1.0)));

        assertThat(text)
                .matches("the 65th H100 for project x buys an expected [0-9.]+ lower loss \\(worth [0-9.]+\\);"
                        + " for y [0-9.]+ \\(worth [0-9.]+\\)");
    }

    @Test
    void numbersHaveTwoSignificantDigitsAndOrdinalsTheirSuffix() {
        assertThat(EvidenceExplanation.significant(0.0041234)).isEqualTo("0.0041");
        assertThat(EvidenceExplanation.significant(2.14)).isEqualTo("2.1");
        assertThat(EvidenceExplanation.significant(1234)).isEqualTo("1200");
        assertThat(EvidenceExplanation.ordinal(1)).isEqualTo("1st");
        assertThat(EvidenceExplanation.ordinal(12)).isEqualTo("12th");
        assertThat(EvidenceExplanation.ordinal(22)).isEqualTo("22nd");
        assertThat(EvidenceExplanation.ordinal(113)).isEqualTo("113th");
        assertThat(EvidenceExplanation.ordinal(65)).isEqualTo("65th");
    }
}
