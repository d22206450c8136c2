package dev.allot.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Ask;
import dev.allot.core.model.ProjectId;
import dev.allot.core.planner.ValueModel;
import dev.allot.core.planner.ValueSegment;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EvidenceValueModelTest {
    private static final Metric LOSS =
            new Metric("validation-loss", "nats", Direction.LOWER_IS_BETTER, Visibility.PRIVATE_HELD_OUT);
    private static final ComputeCurve CURVE =
            new ComputeCurve(2.0, 50, 0.3, Direction.LOWER_IS_BETTER, ComputeUnit.GPU_HOURS);
    private static final CompiledCurve STEEP = new CompiledCurve(CURVE, 1_000, 720, 100, LOSS);

    @Test
    void theChordsAreConcaveAndWithinTheStatedBoundOfTheCurve() {
        EvidenceValueModel model = EvidenceValueModel.of(Map.of(ProjectId.of("steep"), STEEP));
        Ask ask = ask("steep", 64);

        EvidenceValueModel.Pieces pieces = model.pieces(ask, 1.0).orElseThrow();

        List<ValueSegment> segments = pieces.segments();
        for (int k = 1; k < segments.size(); k++) {
            assertThat(segments.get(k).valuePerEffectiveGpu())
                    .isLessThanOrEqualTo(segments.get(k - 1).valuePerEffectiveGpu());
        }
        assertThat(segments.stream()
                        .mapToDouble(ValueSegment::lengthEffectiveGpus)
                        .sum())
                .isCloseTo(64, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(pieces.errorBound()).isLessThanOrEqualTo(0.01 * STEEP.value(64));
        double largestGap = 0;
        for (int i = 0; i <= 6400; i++) {
            double x = i / 100.0;
            largestGap = Math.max(largestGap, STEEP.value(x) - piecewise(segments, x));
        }
        assertThat(largestGap).isGreaterThanOrEqualTo(-1e-9).isLessThanOrEqualTo(pieces.errorBound() + 1e-9);
    }

    @Test
    void projectsWithoutACurveGetThePriorityWeightCurve() {
        EvidenceValueModel model = EvidenceValueModel.of(Map.of(ProjectId.of("steep"), STEEP));
        Ask ask = ask("no-evidence", 64);

        assertThat(model.segments(ask, 1.0))
                .isEqualTo(ValueModel.targetThenDiminishing().segments(ask, 1.0));
    }

    @Test
    void aFasterGpuMixReachesFurtherAlongTheCurve() {
        EvidenceValueModel model = EvidenceValueModel.of(Map.of(ProjectId.of("steep"), STEEP));

        double total = model.segments(ask("steep", 64), 2.0).stream()
                .mapToDouble(s -> s.lengthEffectiveGpus() * s.valuePerEffectiveGpu())
                .sum();

        assertThat(total)
                .isGreaterThan(model.segments(ask("steep", 64), 1.0).stream()
                        .mapToDouble(s -> s.lengthEffectiveGpus() * s.valuePerEffectiveGpu())
                        .sum());
        assertThat(total).isCloseTo(STEEP.value(128), org.assertj.core.api.Assertions.within(0.01 * STEEP.value(128)));
    }

    @Test
    void onlyAUsableFitCompilesAndAGpuHourCurveAdvancesByTheCycleLength() {
        ValueSettings settings = new ValueSettings(720, 0);
        ComputeCurveFit fitted = new ComputeCurveFitter(0, 1).fit(ComputeCurveFitTest.series(LOSS, CURVE, 8, 0, -1, 1));
        ComputeCurveFit tooFew = new ComputeCurveFitter(0, 1).fit(ComputeCurveFitTest.series(LOSS, CURVE, 3, 0, -1, 1));

        CompiledCurve compiled = settings.compile(fitted, 100).orElseThrow();

        assertThat(compiled.startCompute()).isEqualTo(10_000, org.assertj.core.api.Assertions.offset(1e-6));
        assertThat(compiled.computePerEffectiveGpu()).isEqualTo(720);
        assertThat(settings.compile(tooFew, 100)).isEmpty();
    }

    @Test
    void aZeroCeilingGivesOneEmptyPieceAndAFlopCurveNeedsFlopPerGpuHour() {
        EvidenceValueModel model = EvidenceValueModel.of(Map.of(ProjectId.of("steep"), STEEP));
        Ask nothing = new Ask(ProjectId.of("steep"), 0, 0, 0, Set.of(), Map.of(), "");
        Metric flopLoss = new Metric("loss", "nats", Direction.LOWER_IS_BETTER, Visibility.PUBLIC_BENCHMARK);
        EvidenceSeries flop = new EvidenceSeries(
                ProjectId.of("p"),
                flopLoss,
                ComputeUnit.FLOP,
                "",
                ComputeCurveFitTest.series(flopLoss, CURVE, 8, 0, -1, 1).points());
        ComputeCurveFit fit = new ComputeCurveFitter(0, 1).fit(flop);

        assertThat(model.segments(nothing, 1.0))
                .hasSize(1)
                .allSatisfy(s -> assertThat(s.lengthEffectiveGpus()).isZero());
        dev.allot.core.AllotException error = org.assertj.core.api.Assertions.catchThrowableOfType(
                dev.allot.core.AllotException.class, () -> new ValueSettings(720, 0).compile(fit, 100));
        assertThat(error.code()).isEqualTo("VALUE_FLOP_PER_GPU_HOUR");
        assertThat(new ValueSettings(720, 1.44e18)
                        .compile(fit, 100)
                        .orElseThrow()
                        .computePerEffectiveGpu())
                .isEqualTo(720 * 1.44e18);
    }

    static Ask ask(String project, int ceiling) {
        return new Ask(ProjectId.of(project), 8, ceiling / 2, ceiling, Set.of(), Map.of(), "");
    }

    private static double piecewise(List<ValueSegment> segments, double x) {
        double value = 0;
        double left = x;
        for (ValueSegment segment : segments) {
            double used = Math.min(left, segment.lengthEffectiveGpus());
            value += used * segment.valuePerEffectiveGpu();
            left -= used;
        }
        return value;
    }
}
