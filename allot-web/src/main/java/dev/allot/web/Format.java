package dev.allot.web;

import java.util.Locale;

/** Number formats the templates share. */
final class Format {
    private Format() {}

    static String priority(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String signed(int value) {
        return value > 0 ? "+" + value : String.valueOf(value);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    static String decimal(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
