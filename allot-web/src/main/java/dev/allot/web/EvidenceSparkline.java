package dev.allot.web;

import dev.allot.application.EvidenceView.BandPoint;
import dev.allot.application.GrantPrediction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * A small evidence curve for a table cell, drawn as SVG without JavaScript: the measured points as dots, the fitted
 * curve as a line and the grants' predicted points as larger dots; log compute across, the metric up.
 *
 * @param curve SVG polyline points of the fitted curve ("" without a fit)
 * @param measured the measured points used by the fit (set-aside ones are left out)
 * @param grants the grants' predicted points, in the order given
 */
record EvidenceSparkline(String curve, List<Dot> measured, List<Dot> grants) {
    static final int WIDTH = 120;
    static final int HEIGHT = 36;
    private static final double MARGIN = 3;

    /** A dot at pixel {@code (x, y)}. */
    record Dot(String x, String y) {}

    static EvidenceSparkline of(List<double[]> measured, List<BandPoint> curve, List<GrantPrediction> grants) {
        Scale scale = new Scale();
        measured.forEach(p -> scale.include(p[0], p[1]));
        curve.forEach(p -> scale.include(p.compute(), p.predicted()));
        grants.forEach(g -> scale.include(g.compute(), g.predicted()));
        StringJoiner line = new StringJoiner(" ");
        curve.forEach(p -> line.add(scale.x(p.compute()) + "," + scale.y(p.predicted())));
        List<Dot> dots = new ArrayList<>();
        measured.forEach(p -> dots.add(new Dot(scale.x(p[0]), scale.y(p[1]))));
        List<Dot> marks = new ArrayList<>();
        grants.forEach(g -> marks.add(new Dot(scale.x(g.compute()), scale.y(g.predicted()))));
        return new EvidenceSparkline(line.toString(), dots, marks);
    }

    /** Log compute to x, the metric to y (larger values higher up). */
    private static final class Scale {
        private double minX = Double.POSITIVE_INFINITY;
        private double maxX = Double.NEGATIVE_INFINITY;
        private double minY = Double.POSITIVE_INFINITY;
        private double maxY = Double.NEGATIVE_INFINITY;

        void include(double compute, double value) {
            double x = Math.log(compute);
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            minY = Math.min(minY, value);
            maxY = Math.max(maxY, value);
        }

        String x(double compute) {
            double span = maxX - minX;
            double fraction = span > 0 ? (Math.log(compute) - minX) / span : 0.5;
            return pixel(MARGIN + fraction * (WIDTH - 2 * MARGIN));
        }

        String y(double value) {
            double span = maxY - minY;
            double fraction = span > 0 ? (value - minY) / span : 0.5;
            return pixel(HEIGHT - MARGIN - fraction * (HEIGHT - 2 * MARGIN));
        }

        private static String pixel(double value) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
    }
}
