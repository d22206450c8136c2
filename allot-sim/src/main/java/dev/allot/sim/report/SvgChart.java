package dev.allot.sim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Small inline SVG charts (nothing fetched), each in a {@code <figure>} with its title as caption, a legend in HTML
 * under the plot (so it never covers a line), axes with round ticks (1, 2 or 5 times a power of ten) and a text
 * alternative that says what the chart shows in numbers. A chart without a finite value, or with nothing but zeros,
 * is replaced by a sentence saying so: no empty plots.
 */
final class SvgChart {
    private static final String[] COLOURS = {
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"
    };
    private static final int WIDTH = 560;
    private static final int HEIGHT = 232;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int BOTTOM = 34;
    private static final int TOP = 28;
    private static final int TICKS = 5;

    private SvgChart() {}

    static String colour(int index) {
        return COLOURS[index % COLOURS.length];
    }

    /**
     * Lines over time; x in days, hours or minutes (whichever gives at least two) from {@code bucketSeconds}; y from 0 to {@code yMax} (0 = a round number above the
     * data). {@code noData} is the sentence shown instead when there is nothing to draw.
     */
    static String lines(
            String title, double bucketSeconds, Map<String, double[]> series, double yMax, String unit, String noData) {
        double largest = largest(series);
        int points =
                series.values().stream().mapToInt(values -> values.length).max().orElse(0);
        if (points == 0 || !(largest > 0)) {
            return empty(title, noData);
        }
        double yStep = niceStep(yMax > 0 ? yMax : largest);
        double top = yMax > 0 ? yMax : Math.ceil(largest / yStep) * yStep;
        double seconds = points * bucketSeconds;
        String xUnit = seconds >= 2 * 86_400 ? "days" : seconds >= 2 * 3600 ? "hours" : "minutes";
        double perUnit = xUnit.equals("days") ? 86_400 : xUnit.equals("hours") ? 3600 : 60;
        double span = seconds / perUnit;
        double xStep = niceStep(span);
        double right = Math.ceil(span / xStep) * xStep;
        StringBuilder svg = open(title);
        axes(svg, top, yStep, unit, right, xStep, xUnit);
        List<String> summary = new ArrayList<>();
        int index = 0;
        for (var entry : series.entrySet()) {
            StringBuilder path = new StringBuilder();
            double[] values = entry.getValue();
            double sum = 0;
            double peak = 0;
            for (int i = 0; i < values.length; i++) {
                double value = Double.isFinite(values[i]) ? values[i] : 0;
                sum += value;
                peak = Math.max(peak, value);
                double x = LEFT + plotWidth() * ((i + 0.5) * bucketSeconds / perUnit) / right;
                double y = TOP + plotHeight() * (1 - Math.min(value, top) / top);
                path.append(i == 0 ? "M" : "L").append(format(x)).append(',').append(format(y));
            }
            svg.append("<path fill=\"none\" stroke-width=\"2\" stroke=\"")
                    .append(colour(index++))
                    .append("\" d=\"")
                    .append(path)
                    .append("\"/>");
            summary.add(entry.getKey() + " mean " + tick(sum / Math.max(1, values.length), yStep / 10) + " " + unit
                    + ", peak " + tick(peak, yStep / 10) + " " + unit);
        }
        svg.append("</svg>");
        return figure(
                title,
                svg,
                series.keySet(),
                "Over " + tick(span, xStep / 10) + " " + xUnit + ": " + String.join("; ", summary) + ".");
    }

    /** Grouped bars: one group per label, one bar per series (NaN values are left out). */
    static String bars(String title, List<String> groups, Map<String, double[]> series, String unit, String noData) {
        double largest = largest(series);
        if (groups.isEmpty() || !(largest > 0)) {
            return empty(title, noData);
        }
        double step = niceStep(largest);
        double top = Math.ceil(largest / step) * step;
        StringBuilder svg = open(title);
        axes(svg, top, step, unit, 0, 0, "");
        double groupWidth = plotWidth() / groups.size();
        double barWidth = groupWidth * 0.8 / Math.max(1, series.size());
        List<String> summary = new ArrayList<>();
        int index = 0;
        for (var entry : series.entrySet()) {
            double[] values = entry.getValue();
            List<String> parts = new ArrayList<>();
            for (int g = 0; g < values.length; g++) {
                if (!Double.isFinite(values[g])) {
                    parts.add(groups.get(g) + " -");
                    continue;
                }
                double height = plotHeight() * values[g] / top;
                String value = tick(values[g], step / 100);
                svg.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s, %s: %s %s"
                                + "</title></rect>",
                        LEFT + g * groupWidth + groupWidth * 0.1 + index * barWidth,
                        HEIGHT - BOTTOM - height,
                        barWidth,
                        height,
                        colour(index),
                        Html.escape(entry.getKey()),
                        Html.escape(groups.get(g)),
                        value,
                        Html.escape(unit)));
                parts.add(groups.get(g) + " " + value + " " + unit);
            }
            summary.add(entry.getKey() + ": " + String.join(", ", parts));
            index++;
        }
        for (int g = 0; g < groups.size(); g++) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    LEFT + (g + 0.5) * groupWidth,
                    HEIGHT - BOTTOM + 16,
                    Html.escape(groups.get(g))));
        }
        svg.append("</svg>");
        return figure(title, svg, series.keySet(), String.join("; ", summary) + ".");
    }

    /**
     * The round step (1, 2 or 5 times a power of ten) that divides {@code 0..span} into at most {@value #TICKS}
     * intervals.
     */
    static double niceStep(double span) {
        if (!(span > 0) || !Double.isFinite(span)) {
            return 1;
        }
        double raw = span / TICKS;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double multiple : new double[] {1, 2, 5, 10}) {
            if (multiple * magnitude >= raw * (1 - 1e-9)) {
                return multiple * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** A tick label: as many decimals as the step needs, no more (20, 2.5, 0.05). */
    static String tick(double value, double step) {
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        return String.format(Locale.ROOT, "%,." + Math.min(decimals, 6) + "f", value);
    }

    private static double largest(Map<String, double[]> series) {
        return series.values().stream()
                .flatMapToDouble(java.util.Arrays::stream)
                .filter(Double::isFinite)
                .max()
                .orElse(Double.NaN);
    }

    private static double plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    private static double plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    private static String empty(String title, String noData) {
        return "<figure class=\"chart nodata\"><figcaption>" + Html.escape(title) + "</figcaption><p>No data: "
                + Html.escape(noData) + "</p></figure>";
    }

    private static StringBuilder open(String title) {
        return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" font-size=\"12\" role=\"img\" aria-label=\"")
                .append(Html.escape(title))
                .append("\"><title>")
                .append(Html.escape(title))
                .append("</title>");
    }

    private static String figure(String title, StringBuilder svg, Iterable<String> names, String description) {
        StringBuilder figure = new StringBuilder("<figure class=\"chart\"><figcaption>")
                .append(Html.escape(title))
                .append("</figcaption>")
                .append(svg)
                .append("<ul class=\"legend\">");
        int index = 0;
        for (String name : names) {
            figure.append("<li><span class=\"swatch\" style=\"background:")
                    .append(colour(index++))
                    .append("\"></span>")
                    .append(Html.escape(name))
                    .append("</li>");
        }
        return figure.append("</ul><p class=\"alt\">")
                .append(Html.escape(description))
                .append("</p></figure>")
                .toString();
    }

    private static void axes(
            StringBuilder svg, double top, double yStep, String unit, double xMax, double xStep, String xUnit) {
        int plotBottom = HEIGHT - BOTTOM;
        for (int k = 0; k * yStep <= top * (1 + 1e-9); k++) {
            double value = k * yStep;
            double y = TOP + plotHeight() * (1 - value / top);
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"ytick\">%s</text>",
                    LEFT,
                    y,
                    WIDTH - RIGHT,
                    y,
                    LEFT - 6,
                    y + 4,
                    tick(value, yStep)));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>"
                        + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>",
                LEFT,
                TOP,
                LEFT,
                plotBottom,
                LEFT,
                plotBottom,
                WIDTH - RIGHT,
                plotBottom));
        svg.append("<text x=\"4\" y=\"12\">").append(Html.escape(unit)).append("</text>");
        if (xMax > 0) {
            for (int k = 0; k * xStep <= xMax * (1 + 1e-9); k++) {
                double value = k * xStep;
                double x = LEFT + plotWidth() * value / xMax;
                svg.append(String.format(
                        Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"xtick\">%s</text>",
                        x,
                        plotBottom + 16,
                        tick(value, xStep)));
            }
            svg.append("<text x=\"")
                    .append(WIDTH - RIGHT)
                    .append("\" y=\"")
                    .append(HEIGHT - 2)
                    .append("\" text-anchor=\"end\">")
                    .append(Html.escape(xUnit))
                    .append("</text>");
        }
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
