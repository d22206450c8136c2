package dev.allot.lab;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Writes fractions as percentages ({@code 0.05} as {@code 5%}) whenever that reads back exactly. */
final class Percent {
    private static final int MOST_DECIMALS = 6;

    private Percent() {}

    /** {@code 5%} when {@code 5 / 100.0} gives back the fraction exactly; otherwise the plain fraction. */
    static String format(double fraction) {
        double percent = fraction * 100;
        for (int decimals = 0; decimals <= MOST_DECIMALS; decimals++) {
            String text = BigDecimal.valueOf(percent)
                    .setScale(decimals, RoundingMode.HALF_EVEN)
                    .stripTrailingZeros()
                    .toPlainString();
            if (Double.parseDouble(text) / 100.0 == fraction) {
                return text + "%";
            }
        }
        return Double.toString(fraction);
    }
}
