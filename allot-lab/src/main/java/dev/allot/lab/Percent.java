package dev.allot.lab;

import dev.allot.core.rules.PolicyRules;

/** Writes fractions as percentages ({@code 0.05} as {@code 5%}) whenever that reads back exactly. */
final class Percent {
    private Percent() {}

    /** {@code 5%} when {@code 5 / 100.0} gives back the fraction exactly; otherwise the plain fraction. */
    static String format(double fraction) {
        return PolicyRules.percent(fraction);
    }
}
