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

    /**
     * A measured figure with four significant digits, plain for everyday magnitudes ("2.413", "3200") and in
     * exponent form for FLOP-scale or tiny ones ("1.440e+21").
     */
    static String significant(double value) {
        double magnitude = Math.abs(value);
        if (value == 0 || magnitude >= 1e-3 && magnitude < 1e6) {
            return new java.math.BigDecimal(value)
                    .round(new java.math.MathContext(4))
                    .stripTrailingZeros()
                    .toPlainString();
        }
        return String.format(Locale.ROOT, "%.3e", value);
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
