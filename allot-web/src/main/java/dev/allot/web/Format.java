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

    /** A used fraction in whole percent ("62 %"), or "—" when it is not known (never a misleading 0 %). */
    static String usedPercent(Double fraction) {
        return fraction == null ? "—" : Math.round(fraction * 100) + " %";
    }

    /** A whole number with thousands separators ("12,480"). */
    static String thousands(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
