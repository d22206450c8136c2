package dev.allot.web;

import dev.allot.application.EvidenceView;
import dev.allot.application.EvidenceView.BandPoint;
import dev.allot.application.EvidenceView.PointView;
import dev.allot.application.EvidenceView.SeriesView;
import dev.allot.core.model.ValuePolicy;
import dev.allot.store.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A project's evidence on its page: per series an ECharts option (measured points, the fitted curve with its 95 %
 * band, set-aside points, and the predicted points of the current and the proposed grant) drawn by charts.js from a
 * data attribute, beside a table with the same figures.
 */
final class EvidenceCharts {
    private EvidenceCharts() {}

    /** One series as the page shows it. */
    record Chart(SeriesView series, String option, List<String> grantNotes) {}

    /**
     * @param grantGpus the proposed grant in GPUs (0 without a plan); a grant of x GPUs adds x times the cycle's
     *     hours (times FLOP per GPU-hour for a FLOP curve) to the largest measured compute, at reference speed
     */
    static List<Chart> of(EvidenceView view, ValuePolicy value, int grantGpus) {
        List<Chart> charts = new ArrayList<>();
        for (SeriesView series : view.series()) {
            charts.add(chart(series, value, grantGpus));
        }
        return charts;
    }

    private static Chart chart(SeriesView series, ValuePolicy value, int grantGpus) {
        boolean isPrivate = series.visibility().equals("private-held-out");
        String colour = isPrivate ? "#8e44ad" : "#2874a6";
        List<Map<String, Object>> drawn = new ArrayList<>();
        drawn.add(scatter(
                (isPrivate ? "measured, private held-out" : "measured, public benchmark"),
                points(series.points()),
                colour,
                isPrivate ? "diamond" : "circle"));
        if (!series.setAside().isEmpty()) {
            drawn.add(scatter("set aside", points(series.setAside()), "#999999", "triangle"));
        }
        List<String> notes = new ArrayList<>();
        if (!series.curve().isEmpty()) {
            drawn.add(line("fitted curve", band(series.curve(), BandPoint::predicted), colour, "solid"));
            drawn.add(line("95 % band", band(series.curve(), BandPoint::lower), colour, "dashed"));
            drawn.add(line("95 % band upper", band(series.curve(), BandPoint::upper), colour, "dashed"));
            double now = series.points().stream()
                    .mapToDouble(PointView::compute)
                    .max()
                    .orElse(0);
            double perGpu = value.cycleHours() * (series.computeUnit().equals("flop") ? value.flopPerGpuHour() : 1);
            double proposed = now + perGpu * grantGpus;
            List<Object> marks = new ArrayList<>();
            marks.add(List.of(now, predicted(series.curve(), now)));
            notes.add("now: " + Format.decimal(now) + " " + series.computeUnit() + ", predicted "
                    + Format.decimal(predicted(series.curve(), now)));
            if (grantGpus > 0) {
                marks.add(List.of(proposed, predicted(series.curve(), proposed)));
                notes.add("with the proposed " + grantGpus + " GPUs for the cycle: " + Format.decimal(proposed) + " "
                        + series.computeUnit() + ", predicted " + Format.decimal(predicted(series.curve(), proposed)));
            }
            drawn.add(scatter("current and proposed grant", marks, "#d35400", "pin"));
        }
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("animation", false);
        option.put(
                "title",
                Map.of(
                        "text", series.metric() + (series.unit().isEmpty() ? "" : " (" + series.unit() + ")"),
                        "subtext", series.message(),
                        "textStyle", Map.of("fontSize", 14)));
        option.put("tooltip", Map.of("trigger", "item"));
        option.put("legend", Map.of("top", 44));
        option.put("grid", Map.of("top", 88, "left", 56, "right", 16, "bottom", 40));
        option.put(
                "xAxis", Map.of("type", "log", "name", series.computeUnit(), "nameLocation", "middle", "nameGap", 24));
        option.put("yAxis", Map.of("type", "value", "scale", true));
        option.put("series", drawn);
        return new Chart(series, Json.write(option), notes);
    }

    private static double predicted(List<BandPoint> curve, double compute) {
        // The band is sampled; the nearest sample in log compute is close enough for a marker.
        BandPoint nearest = curve.get(0);
        for (BandPoint point : curve) {
            if (Math.abs(Math.log(point.compute() / compute)) < Math.abs(Math.log(nearest.compute() / compute))) {
                nearest = point;
            }
        }
        return nearest.predicted();
    }

    private static List<Object> points(List<PointView> points) {
        List<Object> data = new ArrayList<>();
        points.forEach(p -> data.add(List.of(p.compute(), p.value())));
        return data;
    }

    private static List<Object> band(List<BandPoint> curve, java.util.function.ToDoubleFunction<BandPoint> value) {
        List<Object> data = new ArrayList<>();
        curve.forEach(p -> data.add(List.of(p.compute(), value.applyAsDouble(p))));
        return data;
    }

    private static Map<String, Object> scatter(String name, List<Object> data, String colour, String symbol) {
        return Map.of(
                "name",
                name,
                "type",
                "scatter",
                "data",
                data,
                "symbol",
                symbol,
                "symbolSize",
                9,
                "itemStyle",
                Map.of("color", colour));
    }

    private static Map<String, Object> line(String name, List<Object> data, String colour, String style) {
        return Map.of(
                "name",
                name,
                "type",
                "line",
                "data",
                data,
                "showSymbol",
                false,
                "lineStyle",
                Map.of("color", colour, "type", style),
                "itemStyle",
                Map.of("color", colour));
    }
}
