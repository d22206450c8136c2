package dev.allot.web;

import dev.allot.core.model.Category;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.GpuType;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.model.ShareBound;
import dev.allot.store.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ECharts options for the review screen, written as JSON into {@code data-chart} attributes and drawn by
 * /static/charts.js. Animation is off so that what a screenshot catches is what the page shows.
 */
final class PlanCharts {
    private PlanCharts() {}

    /** Each category's share of the granted effective compute, against the policy's bounds (percent). */
    static String shareByCategory(Lab lab, Plan plan) {
        Map<CategoryId, Double> shares = PolicyPanel.shares(lab, plan);
        List<String> names = new ArrayList<>();
        List<Object> actual = new ArrayList<>();
        List<Object> min = new ArrayList<>();
        List<Object> max = new ArrayList<>();
        for (Category category : lab.categories()) {
            names.add(category.id().value());
            actual.add(round(shares.getOrDefault(category.id(), 0.0) * 100));
            ShareBound bound = lab.policy().shareBounds().stream()
                    .filter(b -> b.category().equals(category.id()))
                    .findFirst()
                    .orElse(null);
            min.add(bound == null ? null : round(bound.minShare() * 100));
            max.add(bound == null ? null : round(bound.maxShare() * 100));
        }
        return chart(
                "Share of granted compute by category (%)",
                names,
                List.of(
                        series("granted share", "bar", actual, null),
                        marker("policy minimum", min, "triangle"),
                        marker("policy maximum", max, "pin")));
    }

    /** GPUs granted per GPU type, stacked by category. */
    static String gpusByTypeAndCategory(Lab lab, Plan plan) {
        List<String> types = lab.gpuTypes().stream().map(t -> t.id().value()).toList();
        List<Map<String, Object>> series = new ArrayList<>();
        for (Category category : lab.categories()) {
            List<Object> values = new ArrayList<>();
            for (GpuType type : lab.gpuTypes()) {
                values.add(plan.projects().stream()
                        .filter(p -> p.category().equals(category.id()))
                        .mapToInt(p -> p.grant().gpus(type.id()))
                        .sum());
            }
            series.add(series(category.id().value(), "bar", values, "gpus"));
        }
        return chart("GPUs granted by type and category", types, series);
    }

    /** Per category: GPUs added to growing and new projects, taken from shrinking ones and freed by kills. */
    static String diffByCategory(Lab lab, Plan plan) {
        List<String> names = lab.categories().stream().map(c -> c.id().value()).toList();
        List<Object> grown = new ArrayList<>();
        List<Object> shrunk = new ArrayList<>();
        List<Object> killed = new ArrayList<>();
        for (Category category : lab.categories()) {
            int up = 0;
            int down = 0;
            int kill = 0;
            for (ProjectPlan line : plan.projects()) {
                if (!line.category().equals(category.id())) {
                    continue;
                }
                int change = line.changeGpus();
                switch (line.decision()) {
                    case KILL -> kill += change;
                    default -> {
                        up += Math.max(0, change);
                        down += Math.min(0, change);
                    }
                }
            }
            grown.add(up);
            shrunk.add(down);
            killed.add(kill);
        }
        return chart(
                "Change against last cycle (GPUs)",
                names,
                List.of(
                        series("grow / new", "bar", grown, "diff"),
                        series("shrink", "bar", shrunk, "diff"),
                        series("killed", "bar", killed, "diff")));
    }

    static String chart(String title, List<String> categories, List<Map<String, Object>> series) {
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("animation", false);
        option.put("title", Map.of("text", title, "textStyle", Map.of("fontSize", 14)));
        option.put("tooltip", Map.of("trigger", "axis"));
        // A legend that scrolls on one line never runs into the plot on a phone.
        option.put("legend", Map.of("top", 24, "type", "scroll"));
        option.put("grid", Map.of("top", 64, "left", 48, "right", 16, "bottom", 32));
        option.put("xAxis", Map.of("type", "category", "data", categories));
        option.put("yAxis", Map.of("type", "value"));
        option.put("series", series);
        return Json.write(option);
    }

    static Map<String, Object> series(String name, String type, List<Object> data, String stack) {
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("name", name);
        series.put("type", type);
        series.put("data", data);
        if (stack != null) {
            series.put("stack", stack);
        }
        return series;
    }

    private static Map<String, Object> marker(String name, List<Object> data, String symbol) {
        Map<String, Object> series = series(name, "line", data, null);
        series.put("symbol", symbol);
        series.put("symbolSize", 14);
        series.put("lineStyle", Map.of("opacity", 0));
        return series;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
