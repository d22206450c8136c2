package dev.allot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.allot.application.GrantPrediction;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ValuePolicy;
import dev.allot.evidence.ComputeCurve;
import dev.allot.evidence.ComputeCurveFit;
import dev.allot.evidence.ComputeCurveFitter;
import dev.allot.evidence.ComputeUnit;
import dev.allot.evidence.Direction;
import dev.allot.evidence.EvidencePoint;
import dev.allot.evidence.EvidenceSeries;
import dev.allot.evidence.Metric;
import dev.allot.evidence.Visibility;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

/** The evidence charts: points, curve, band, set-aside points, and the grants' predicted points. */
class EvidenceChartsTest {
    private static final ComputeCurve LAW =
            new ComputeCurve(2, 50, 0.3, Direction.LOWER_IS_BETTER, ComputeUnit.GPU_HOURS);
    private static final Map<GpuTypeId, Double> SPEEDS = Map.of(GpuTypeId.of("H100"), 1.0, GpuTypeId.of("A100"), 0.5);

    @Test
    void aFittedPrivateCurveIsDrawnWithItsBandAndTheProposedGrantFurtherDownTheCurve() {
        EvidenceCharts.Chart chart = chart(
                fit(Visibility.PRIVATE_HELD_OUT, points(100, 200, 400, 800, 1600, 3200)),
                EvidenceCharts.grants(Allocation.NONE, Optional.of(Allocation.of("H100", 16)), SPEEDS));

        assertThat(chart.option())
                .contains("measured, private held-out", "fitted curve", "95 % band", "current and proposed grant");
        assertThat(chart.grantNotes()).hasSize(2);
        assertThat(chart.grantNotes().get(1))
                .startsWith("with the proposed grant (16 GPUs, 16 effective) for the cycle: ");
        assertThat(chart.prediction(EvidenceCharts.PROPOSED).orElseThrow().predicted())
                .isLessThan(chart.prediction("now").orElseThrow().predicted());
    }

    @Test
    void tooFewPointsDrawNoCurveAndSaySo() {
        EvidenceCharts.Chart chart = chart(
                fit(Visibility.PUBLIC_BENCHMARK, points(100, 200, 400)),
                EvidenceCharts.grants(Allocation.NONE, Optional.of(Allocation.of("H100", 16)), SPEEDS));

        assertThat(chart.series().message()).isEqualTo("3 points: too few to fit; need >= 5");
        assertThat(chart.option()).contains("measured, public benchmark").doesNotContain("fitted curve");
        assertThat(chart.grantNotes()).isEmpty();
        assertThat(chart.sparklineText())
                .isEqualTo("validation-loss (public-benchmark), 3 points: 14.56 at 100 to "
                        + "10.29 at 400 gpu-hours; too-few-points");
    }

    @Test
    void aSetAsidePointIsListedOnceWithItsReasonAndNotDrawnAsMeasured() {
        List<EvidencePoint> points = new ArrayList<>(points(100, 150, 200, 300, 400, 600, 800, 1200, 1600, 2400, 3200));
        points.set(5, EvidencePoint.of(600, LAW.metric(600) + 1.5));
        ComputeCurveFit fit = fit(Visibility.PUBLIC_BENCHMARK, points);
        assertThat(fit.setAside()).hasSize(1);

        EvidenceCharts.Chart chart = chart(fit, List.of(GrantPrediction.At.NOW));

        assertThat(chart.rows()).hasSize(11);
        assertThat(chart.rows().stream().filter(row -> !row.note().isEmpty()))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.compute()).isEqualTo(600);
                    assertThat(row.note()).startsWith("set aside: residual");
                });
        assertThat(chart.sparkline().measured()).hasSize(10);
        String html = Templates.render("evidenceRows.jte", chart);
        assertThat(html.split("<tr>", -1)).hasSize(1 + 1 + 11);
    }

    @Test
    void theGrantMarkerCountsEffectiveGpusNotGpusAtReferenceSpeed() {
        ComputeCurveFit fit = fit(Visibility.PUBLIC_BENCHMARK, points(100, 200, 400, 800, 1600, 3200));
        double cycleHours = ValuePolicy.weights().cycleHours();

        EvidenceCharts.Chart chart = chart(
                fit, EvidenceCharts.grants(Allocation.of("H100", 8), Optional.of(Allocation.of("A100", 16)), SPEEDS));

        GrantPrediction current = chart.prediction(EvidenceCharts.CURRENT).orElseThrow();
        GrantPrediction proposed = chart.prediction(EvidenceCharts.PROPOSED).orElseThrow();
        assertThat(proposed.effectiveGpus()).isEqualTo(8);
        assertThat(proposed.compute()).isCloseTo(3200 + 8 * cycleHours, within(1e-6));
        assertThat(proposed.predicted())
                .isCloseTo(fit.curve().orElseThrow().metric(3200 + 8 * cycleHours), within(1e-9));
        assertThat(current.compute()).isEqualTo(proposed.compute());
        assertThat(chart.grantNotes().get(2))
                .startsWith("with the proposed grant (16 GPUs, 8 effective) for the cycle: 8960 gpu-hours, predicted ")
                .doesNotContain("14720");
    }

    private static EvidenceCharts.Chart chart(ComputeCurveFit fit, List<GrantPrediction.At> grants) {
        return EvidenceCharts.of(CycleId.of("2026-12"), ProjectId.of("p"), List.of(fit), ValuePolicy.weights(), grants)
                .get(0);
    }

    private static List<EvidencePoint> points(double... compute) {
        return DoubleStream.of(compute)
                .mapToObj(c -> EvidencePoint.of(c, LAW.metric(c)))
                .toList();
    }

    private static ComputeCurveFit fit(Visibility visibility, List<EvidencePoint> points) {
        Metric loss = new Metric("validation-loss", "nats", Direction.LOWER_IS_BETTER, visibility);
        EvidenceSeries series = new EvidenceSeries(ProjectId.of("p"), loss, ComputeUnit.GPU_HOURS, "test", points);
        return new ComputeCurveFitter(20, 1).fit(series);
    }
}
