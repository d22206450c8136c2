package dev.allot.sim.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Small inline SVG charts (no script, no external resources), so a report opens anywhere offline. */
final class SvgChart {
    private static final String[] COLOURS = {
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"
    };
    private static final int WIDTH = 560;
    private static final int HEIGHT = 220;
    private static final int LEFT = 48;
    private static final int BOTTOM = 28;
    private static final int TOP = 24;

    private SvgChart() {}

    static String colour(int index) {
        return COLOURS[index % COLOURS.length];
    }

    /** Lines over time; x in days from {@code bucketSeconds}; y from 0 to {@code yMax} (0 = fit the data). */
    static String lines(String title, double bucketSeconds, Map<String, double[]> series, double yMax, String unit) {
        double top = yMax > 0
                ? yMax
                : Math.max(
                        1e-9,
                        series.values().stream()
                                        .flatMapToDouble(java.util.Arrays::stream)
                                        .max()
                                        .orElse(1)
                                * 1.1);
        int points =
                series.values().stream().mapToInt(values -> values.length).max().orElse(0);
        double days = Math.max(1e-9, points * bucketSeconds / 86_400);
        StringBuilder svg = open(title);
        axes(svg, top, unit, "days", days);
        int index = 0;
        for (var entry : series.entrySet()) {
            StringBuilder path = new StringBuilder();
            double[] values = entry.getValue();
            for (int i = 0; i < values.length; i++) {
                double x = LEFT + (WIDTH - LEFT - 10) * ((i + 0.5) * bucketSeconds / 86_400) / days;
                double y = TOP + (HEIGHT - TOP - BOTTOM) * (1 - Math.min(values[i], top) / top);
                path.append(i == 0 ? "M" : "L").append(format(x)).append(',').append(format(y));
            }
            svg.append("<path fill=\"none\" stroke-width=\"1.5\" stroke=\"")
                    .append(colour(index))
                    .append("\" d=\"")
                    .append(path)
                    .append("\"/>");
            legend(svg, index++, entry.getKey());
        }
        return svg.append("</svg>").toString();
    }

    /** Grouped bars: one group per label, one bar per series (NaN values are left out). */
    static String bars(String title, List<String> groups, Map<String, double[]> series, String unit) {
        double top = Math.max(
                1e-9,
                series.values().stream()
                                .flatMapToDouble(java.util.Arrays::stream)
                                .filter(Double::isFinite)
                                .max()
                                .orElse(1)
                        * 1.1);
        StringBuilder svg = open(title);
        axes(svg, top, unit, "", 0);
        double groupWidth = (WIDTH - LEFT - 10.0) / Math.max(1, groups.size());
        double barWidth = groupWidth * 0.8 / Math.max(1, series.size());
        int index = 0;
        for (var entry : series.entrySet()) {
            double[] values = entry.getValue();
            for (int g = 0; g < values.length; g++) {
                if (!Double.isFinite(values[g])) {
                    continue;
                }
                double height = (HEIGHT - TOP - BOTTOM) * values[g] / top;
                svg.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %s</title>"
                                + "</rect>",
                        LEFT + g * groupWidth + groupWidth * 0.1 + index * barWidth,
                        HEIGHT - BOTTOM - height,
                        barWidth,
                        height,
                        colour(index),
                        Html.escape(entry.getKey()),
                        Html.escape(groups.get(g)),
                        SummaryTable.number(values[g])));
            }
            legend(svg, index++, entry.getKey());
        }
        for (int g = 0; g < groups.size(); g++) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    LEFT + (g + 0.5) * groupWidth,
                    HEIGHT - 10,
                    Html.escape(groups.get(g))));
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String title) {
        return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(HEIGHT)
                .append("\" font-size=\"11\" role=\"img\"><title>")
                .append(Html.escape(title))
                .append("</title>")
                .append("<text x=\"")
                .append(LEFT)
                .append("\" y=\"14\" font-weight=\"bold\">")
                .append(Html.escape(title))
                .append("</text>");
    }

    private static void axes(StringBuilder svg, double top, String unit, String xUnit, double xMax) {
        int plotBottom = HEIGHT - BOTTOM;
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
                WIDTH - 10,
                plotBottom));
        for (int tick = 0; tick <= 4; tick++) {
            double y = TOP + (plotBottom - TOP) * (1 - tick / 4.0);
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
                    LEFT - 4,
                    y + 4,
                    SummaryTable.number(top * tick / 4)));
        }
        svg.append("<text x=\"4\" y=\"")
                .append(TOP - 6)
                .append("\">")
                .append(Html.escape(unit))
                .append("</text>");
        if (xMax > 0) {
            for (int tick = 0; tick <= 4; tick++) {
                double x = LEFT + (WIDTH - LEFT - 10) * tick / 4.0;
                svg.append(String.format(
                        Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                        x,
                        HEIGHT - 10,
                        SummaryTable.number(xMax * tick / 4)));
            }
            svg.append("<text x=\"")
                    .append(WIDTH - 10)
                    .append("\" y=\"")
                    .append(HEIGHT - 1)
                    .append("\" text-anchor=\"end\">")
                    .append(xUnit)
                    .append("</text>");
        }
    }

    private static void legend(StringBuilder svg, int index, String label) {
        int x = WIDTH - 150;
        int y = TOP + 4 + index * 14;
        svg.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                        + "<text x=\"%d\" y=\"%d\">%s</text>",
                x,
                y - 9,
                colour(index),
                x + 14,
                y,
                Html.escape(label)));
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
