package dev.allot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.application.EvidenceView;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ValuePolicy;
import dev.allot.evidence.ComputeCurve;
import dev.allot.evidence.ComputeCurveFitter;
import dev.allot.evidence.ComputeUnit;
import dev.allot.evidence.Direction;
import dev.allot.evidence.EvidencePoint;
import dev.allot.evidence.EvidenceSeries;
import dev.allot.evidence.Metric;
import dev.allot.evidence.Visibility;
import java.util.List;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

/** The project page's evidence chart: points, curve, band, and the grant's predicted points, private or public. */
class EvidenceChartsTest {
    private static final ComputeCurve LAW =
            new ComputeCurve(2, 50, 0.3, Direction.LOWER_IS_BETTER, ComputeUnit.GPU_HOURS);

    @Test
    void aFittedPrivateCurveIsDrawnWithItsBandAndTheProposedGrantFurtherDownTheCurve() {
        EvidenceView view = view(Visibility.PRIVATE_HELD_OUT, 100, 200, 400, 800, 1600, 3200);

        EvidenceCharts.Chart chart =
                EvidenceCharts.of(view, ValuePolicy.weights(), 16).get(0);

        assertThat(chart.option())
                .contains("measured, private held-out", "fitted curve", "95 % band", "current and proposed grant");
        assertThat(chart.grantNotes()).hasSize(2);
        assertThat(chart.grantNotes().get(1)).startsWith("with the proposed 16 GPUs for the cycle: ");
    }

    @Test
    void tooFewPointsDrawNoCurveAndSaySo() {
        EvidenceView view = view(Visibility.PUBLIC_BENCHMARK, 100, 200, 400);

        EvidenceCharts.Chart chart =
                EvidenceCharts.of(view, ValuePolicy.weights(), 16).get(0);

        assertThat(chart.series().message()).isEqualTo("3 points: too few to fit; need >= 5");
        assertThat(chart.option()).contains("measured, public benchmark").doesNotContain("fitted curve");
        assertThat(chart.grantNotes()).isEmpty();
    }

    private static EvidenceView view(Visibility visibility, double... compute) {
        Metric loss = new Metric("validation-loss", "nats", Direction.LOWER_IS_BETTER, visibility);
        List<EvidencePoint> points = DoubleStream.of(compute)
                .mapToObj(c -> EvidencePoint.of(c, LAW.metric(c)))
                .toList();
        EvidenceSeries series = new EvidenceSeries(ProjectId.of("p"), loss, ComputeUnit.GPU_HOURS, "test", points);
        return EvidenceView.of(CycleId.of("2026-12"), "p", List.of(new ComputeCurveFitter(20, 1).fit(series)));
    }
}
