package dev.allot.web;

import dev.allot.application.Dashboard.Swing;
import dev.allot.core.model.Decision;
import dev.allot.store.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ECharts options of the dashboard. The title is the page's heading, not part of the chart, so a narrow screen never
 * clips it; the legend scrolls on one line instead of running into the plot; value axes tick at round numbers (whole
 * projects and GPUs, 25 % steps) and ECharts writes them with thousands separators. Decisions keep one colour each
 * everywhere, and nothing that shrinks or ends is green.
 */
final class DashboardCharts {
    /** A value axis of whole counts. */
    static final Map<String, Object> COUNT = Map.of("type", "value", "minInterval", 1);

    /** A value axis of shares that add up to 100 %. */
    static final Map<String, Object> PERCENT = Map.of(
            "type", "value", "min", 0, "max", 100, "interval", 25, "axisLabel", Map.of("formatter", "{value} %"));

    /** A value axis of used shares (may pass 100 % when a project ran over its grant). */
    static final Map<String, Object> USED =
            Map.of("type", "value", "min", 0, "minInterval", 25, "axisLabel", Map.of("formatter", "{value} %"));

    private static final Map<Decision, String> DECISION_COLOURS = Map.of(
            Decision.NEW, "#1a73e8",
            Decision.GROW, "#1e8e3e",
            Decision.KEEP, "#9aa0a6",
            Decision.SHRINK, "#e37400",
            Decision.KILL, "#b3261e",
            Decision.DECLINED, "#5f6368");

    /** Categories and GPU types: distinct hues that carry no good/bad meaning. */
    private static final List<String> PALETTE =
            List.of("#4e79a7", "#a0cbe8", "#9c755f", "#b07aa1", "#76b7b2", "#edc948", "#bab0ac", "#ff9da7");

    /** One series; a null colour takes the palette's next one. */
    record Series(String name, List<Object> data, String colour) {}

    private DashboardCharts() {}

    static String color(Decision decision) {
        return DECISION_COLOURS.get(decision);
    }

    /** Bars per cycle, stacked. */
    static String stacked(List<String> cycles, List<Series> series, Map<String, Object> valueAxis) {
        return option(cycles, bars(series, "total"), valueAxis);
    }

    /** Bars per cycle, side by side. */
    static String grouped(List<String> cycles, List<Series> series) {
        return option(cycles, bars(series, null), COUNT);
    }

    static String line(List<String> cycles, Series series, Map<String, Object> valueAxis) {
        Map<String, Object> line = series(series, "line");
        line.put("connectNulls", false);
        return option(cycles, List.of(line), valueAxis);
    }

    /** One horizontal bar per project: gains in blue, losses in red, the largest at the top. */
    static String swings(List<Swing> swings) {
        List<Object> data = new ArrayList<>();
        for (Swing swing : swings) {
            data.add(Map.of(
                    "value",
                    swing.changeGpus(),
                    "itemStyle",
                    Map.of("color", swing.changeGpus() < 0 ? color(Decision.KILL) : color(Decision.NEW))));
        }
        Map<String, Object> bar = new LinkedHashMap<>();
        bar.put("name", "change (GPUs)");
        bar.put("type", "bar");
        bar.put("data", data);
        Map<String, Object> option = base();
        option.put("tooltip", Map.of("trigger", "axis", "axisPointer", Map.of("type", "shadow")));
        option.put("grid", Map.of("top", 8, "left", 8, "right", 24, "bottom", 8, "containLabel", true));
        option.put("xAxis", COUNT);
        option.put(
                "yAxis",
                Map.of(
                        "type",
                        "category",
                        "inverse",
                        true,
                        "data",
                        swings.stream().map(s -> s.project().value()).toList()));
        option.put("series", List.of(bar));
        return Json.write(option);
    }

    private static List<Map<String, Object>> bars(List<Series> series, String stack) {
        List<Map<String, Object>> bars = new ArrayList<>();
        int next = 0;
        for (Series one : series) {
            String colour = one.colour() == null ? PALETTE.get(next++ % PALETTE.size()) : one.colour();
            Map<String, Object> bar = series(new Series(one.name(), one.data(), colour), "bar");
            if (stack != null) {
                bar.put("stack", stack);
            }
            bars.add(bar);
        }
        return bars;
    }

    private static Map<String, Object> series(Series series, String type) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", series.name());
        map.put("type", type);
        map.put("data", series.data());
        map.put("itemStyle", Map.of("color", series.colour()));
        if ("line".equals(type)) {
            map.put("lineStyle", Map.of("color", series.colour()));
        }
        return map;
    }

    private static String option(List<String> cycles, List<Map<String, Object>> series, Map<String, Object> valueAxis) {
        Map<String, Object> option = base();
        option.put("tooltip", Map.of("trigger", "axis"));
        option.put("legend", Map.of("type", "scroll", "top", 0, "left", "center"));
        option.put("grid", Map.of("top", 40, "left", 8, "right", 16, "bottom", 8, "containLabel", true));
        option.put("xAxis", Map.of("type", "category", "data", cycles));
        option.put("yAxis", valueAxis);
        option.put("series", series);
        return Json.write(option);
    }

    private static Map<String, Object> base() {
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("animation", false);
        return option;
    }
}
