package dev.allot.application;

import dev.allot.core.model.CycleId;
import dev.allot.evidence.ComputeCurveFit;
import dev.allot.evidence.EvidencePoint;
import dev.allot.evidence.EvidenceSeries;
import dev.allot.evidence.ParameterInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A project's evidence of a cycle as the API and the pages show it: each series with its points, its fit (status,
 * message, parameters with intervals, set-aside points) and the fitted curve with its 95 % band, sampled at
 * log-spaced compute from half the smallest to twice the largest measured compute.
 */
public record EvidenceView(CycleId cycle, String project, List<SeriesView> series) {
    static final int BAND_SAMPLES = 40;

    /** One series; {@code curve} is empty when there is no fit to draw. */
    public record SeriesView(
            String metric,
            String unit,
            String direction,
            String visibility,
            String computeUnit,
            String source,
            List<PointView> points,
            String status,
            String message,
            List<ParameterInterval> parameters,
            List<PointView> setAside,
            List<BandPoint> curve) {}

    /** A measured point; null figures are unknown. */
    public record PointView(double compute, double value, Double standardError, String note) {}

    /** The curve at {@code compute}, with the band's lower and upper bounds. */
    public record BandPoint(double compute, double predicted, double lower, double upper) {}

    public static EvidenceView of(CycleId cycle, String project, List<ComputeCurveFit> fits) {
        return new EvidenceView(
                cycle, project, fits.stream().map(EvidenceView::series).toList());
    }

    private static SeriesView series(ComputeCurveFit fit) {
        EvidenceSeries series = fit.series();
        List<PointView> setAside = fit.setAside().stream()
                .map(aside -> point(aside.point(), aside.reason()))
                .toList();
        return new SeriesView(
                series.metric().name(),
                series.metric().unit(),
                label(series.metric().direction()),
                label(series.metric().visibility()),
                label(series.computeUnit()),
                series.source(),
                series.points().stream().map(p -> point(p, "")).toList(),
                label(fit.status()),
                fit.message(),
                fit.intervals(),
                setAside,
                band(fit));
    }

    private static List<BandPoint> band(ComputeCurveFit fit) {
        if (fit.curve().isEmpty() || fit.series().points().isEmpty()) {
            return List.of();
        }
        double low = Math.log(fit.series().points().get(0).compute() / 2);
        double high = Math.log(fit.series().largestCompute() * 2);
        List<BandPoint> band = new ArrayList<>();
        for (int i = 0; i < BAND_SAMPLES; i++) {
            double compute = Math.exp(low + (high - low) * i / (BAND_SAMPLES - 1));
            double predicted = fit.curve().get().metric(compute);
            double[] interval =
                    fit.bootstrapRefits().isEmpty() ? new double[] {predicted, predicted} : fit.metricInterval(compute);
            band.add(new BandPoint(compute, predicted, interval[0], interval[1]));
        }
        return band;
    }

    private static PointView point(EvidencePoint point, String note) {
        return new PointView(
                point.compute(),
                point.value(),
                point.standardError().isPresent() ? point.standardError().getAsDouble() : null,
                note);
    }

    private static String label(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
