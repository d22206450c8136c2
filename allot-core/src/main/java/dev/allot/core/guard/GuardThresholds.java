package dev.allot.core.guard;

/**
 * When a draft is unusual enough that a decider must acknowledge it before publishing.
 *
 * @param maxKillFraction kills above this fraction of active projects warn (default 0.10)
 * @param maxIdleFraction GPUs left unallocated beyond the reserve, as a fraction of the fleet, above which a draft
 *     warns (default 0.05)
 * @param maxShareSwing a category's share of effective compute moving by more than this (absolute fraction,
 *     default 0.10 = ten points) against the last published plan warns
 * @param maxComputeLoss a continuing project losing more than this fraction of its effective compute warns
 *     (default 0.50)
 * @param maxReserveFraction a reserve holding back more than this fraction of the fleet is idle capacity too
 *     (default 0.25): a policy that reserves nearly everything must not pass as "nothing idle beyond the reserve"
 */
public record GuardThresholds(
        double maxKillFraction,
        double maxIdleFraction,
        double maxShareSwing,
        double maxComputeLoss,
        double maxReserveFraction) {
    public static final GuardThresholds DEFAULTS = new GuardThresholds(0.10, 0.05, 0.10, 0.50, 0.25);

    public GuardThresholds {
        checkFraction(maxKillFraction, "maxKillFraction");
        checkFraction(maxIdleFraction, "maxIdleFraction");
        checkFraction(maxShareSwing, "maxShareSwing");
        checkFraction(maxComputeLoss, "maxComputeLoss");
        checkFraction(maxReserveFraction, "maxReserveFraction");
    }

    private static void checkFraction(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be within [0, 1], was " + value);
        }
    }
}
