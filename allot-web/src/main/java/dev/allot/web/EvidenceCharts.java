package dev.allot.web;

import dev.allot.application.EvidenceView;
import dev.allot.application.EvidenceView.BandPoint;
import dev.allot.application.EvidenceView.PointView;
import dev.allot.application.EvidenceView.SeriesView;
import dev.allot.application.GrantPrediction;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ValuePolicy;
import dev.allot.evidence.ComputeCurveFit;
import dev.allot.store.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A project's evidence on its page and in the review: per series an ECharts option (measured points, the fitted curve
 * with its 95 % band, set-aside points, and the predicted points of the grants) drawn by charts.js from a data
 * attribute, a table of the same figures, and a sparkline with its description in words for a table cell.
 */
final class EvidenceCharts {
    static final String CURRENT = "current grant";
    static final String PROPOSED = "proposed grant";

    private EvidenceCharts() {}

    /** One measured point as the table lists it; {@code note} says why a point was set aside ("" when used). */
    record Row(double compute, double value, Double standardError, String note) {}

    /**
     * One series as the pages show it.
     *
     * @param grantNotes one line per predicted grant point, e.g. "with the proposed grant (16 GPUs, 12 effective) for
     *     the cycle: 11,840 gpu-hours, predicted 2.35"
     * @param rows every measured point once, set-aside ones with their reason
     * @param sparklineText the sparkline in words, for screen readers and as the cell's tooltip
     */
    record Chart(
            SeriesView series,
            String option,
            List<String> grantNotes,
            List<Row> rows,
            List<GrantPrediction> predictions,
            EvidenceSparkline sparkline,
            String sparklineText) {
        boolean isPrivate() {
            return series.visibility().equals("private-held-out");
        }

        /** The predicted point of the grant labelled {@code label}, if the fit predicts one. */
        java.util.Optional<GrantPrediction> prediction(String label) {
            return predictions.stream().filter(p -> p.label().equals(label)).findFirst();
        }
    }

    /**
     * @param fits the project's fitted series (with bootstrap refits where bands are drawn)
     * @param grants the grants whose predicted points are marked (start with {@link GrantPrediction.At#NOW})
     */
    static List<Chart> of(
            CycleId cycle,
            ProjectId project,
            List<ComputeCurveFit> fits,
            ValuePolicy value,
            List<GrantPrediction.At> grants) {
        List<SeriesView> views = EvidenceView.of(cycle, project.value(), fits).series();
        List<Chart> charts = new ArrayList<>();
        for (int i = 0; i < fits.size(); i++) {
            charts.add(chart(views.get(i), GrantPrediction.of(fits.get(i), value, grants)));
        }
        return charts;
    }

    /**
     * The grants a project's curve is marked with: where it stands now, with its current grant (last cycle's) kept
     * for the cycle, and with the proposed grant when there is a plan; each in effective GPUs at the lab's speeds.
     */
    static List<GrantPrediction.At> grants(
            Allocation current, java.util.Optional<Allocation> proposed, Map<GpuTypeId, Double> relativeSpeeds) {
        List<GrantPrediction.At> grants = new ArrayList<>();
        grants.add(GrantPrediction.At.NOW);
        if (current.totalGpus() > 0) {
            grants.add(GrantPrediction.At.of(CURRENT, current, relativeSpeeds));
        }
        proposed.ifPresent(grant -> grants.add(GrantPrediction.At.of(PROPOSED, grant, relativeSpeeds)));
        return grants;
    }

    private static Chart chart(SeriesView series, List<GrantPrediction> predictions) {
        boolean isPrivate = series.visibility().equals("private-held-out");
        String colour = isPrivate ? "#8e44ad" : "#2874a6";
        List<Row> rows = rows(series);
        List<Object> used = new ArrayList<>();
        List<double[]> usedPoints = new ArrayList<>();
        rows.stream().filter(row -> row.note().isEmpty()).forEach(row -> {
            used.add(List.of(row.compute(), row.value()));
            usedPoints.add(new double[] {row.compute(), row.value()});
        });
        List<Map<String, Object>> drawn = new ArrayList<>();
        drawn.add(scatter(
                (isPrivate ? "measured, private held-out" : "measured, public benchmark"),
                used,
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
        }
        if (!predictions.isEmpty()) {
            List<Object> marks = new ArrayList<>();
            for (GrantPrediction prediction : predictions) {
                marks.add(List.of(prediction.compute(), prediction.predicted()));
                notes.add(note(prediction, series.computeUnit()));
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
        return new Chart(
                series,
                Json.write(option),
                notes,
                rows,
                predictions,
                EvidenceSparkline.of(usedPoints, series.curve(), predictions),
                describe(series, usedPoints, predictions));
    }

    /** Every measured point once, in compute order; a set-aside point carries its reason instead of a second row. */
    static List<Row> rows(SeriesView series) {
        List<PointView> aside = new ArrayList<>(series.setAside());
        List<Row> rows = new ArrayList<>();
        for (PointView point : series.points()) {
            PointView match = aside.stream()
                    .filter(a -> a.compute() == point.compute() && a.value() == point.value())
                    .findFirst()
                    .orElse(null);
            aside.remove(match);
            rows.add(new Row(
                    point.compute(),
                    point.value(),
                    point.standardError(),
                    match == null ? "" : "set aside: " + match.note()));
        }
        return rows;
    }

    private static String note(GrantPrediction prediction, String computeUnit) {
        String band = prediction.lower() == prediction.upper()
                ? ""
                : " (95 %: " + Format.significant(prediction.lower()) + " to " + Format.significant(prediction.upper())
                        + ")";
        String where = Format.significant(prediction.compute()) + " " + computeUnit + ", predicted "
                + Format.significant(prediction.predicted()) + band;
        if (prediction.gpus() == 0 && prediction.effectiveGpus() == 0) {
            return prediction.label() + ": " + where;
        }
        return "with the " + prediction.label() + " (" + prediction.gpus() + " GPUs, "
                + Format.significant(prediction.effectiveGpus()) + " effective) for the cycle: " + where;
    }

    /** The sparkline in words: the measured range, the verdict, and what the grants predict. */
    private static String describe(SeriesView series, List<double[]> used, List<GrantPrediction> predictions) {
        StringBuilder text = new StringBuilder(series.metric())
                .append(" (")
                .append(series.visibility())
                .append("), ")
                .append(series.points().size())
                .append(series.points().size() == 1 ? " point" : " points");
        if (!used.isEmpty()) {
            double[] first = used.get(0);
            double[] last = used.get(used.size() - 1);
            text.append(": ")
                    .append(Format.significant(first[1]))
                    .append(" at ")
                    .append(Format.significant(first[0]))
                    .append(" to ")
                    .append(Format.significant(last[1]))
                    .append(" at ")
                    .append(Format.significant(last[0]))
                    .append(' ')
                    .append(series.computeUnit());
        }
        text.append("; ").append(series.status());
        for (GrantPrediction prediction : predictions) {
            text.append("; ")
                    .append(prediction.label())
                    .append(" predicts ")
                    .append(Format.significant(prediction.predicted()));
        }
        return text.toString();
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
