package dev.allot.web;

import java.util.List;
import java.util.StringJoiner;

/** A usage sparkline as SVG polyline points (drawn by the browser without JavaScript) and as words for screen readers. */
final class Sparkline {
    static final int WIDTH = 60;
    static final int HEIGHT = 16;

    private Sparkline() {}

    /** Points for the used fractions (null = no grant that cycle, drawn as 0); 0..1.2 spans the height. */
    static String points(List<Double> used) {
        if (used.isEmpty()) {
            return "";
        }
        StringJoiner points = new StringJoiner(" ");
        double step = used.size() == 1 ? 0 : (WIDTH - 2.0) / (used.size() - 1);
        for (int i = 0; i < used.size(); i++) {
            double value = used.get(i) == null ? 0 : Math.min(1.2, Math.max(0, used.get(i)));
            double y = HEIGHT - 1 - value / 1.2 * (HEIGHT - 2);
            points.add(String.format(java.util.Locale.ROOT, "%.1f,%.1f", 1 + i * step, y));
        }
        return points.toString();
    }

    static String describe(List<Double> used) {
        if (used.isEmpty()) {
            return "no past cycles";
        }
        StringJoiner words = new StringJoiner(", ", "used ", " of the grant in past cycles");
        used.forEach(u -> words.add(u == null ? "-" : Math.round(u * 100) + "%"));
        return words.toString();
    }
}
