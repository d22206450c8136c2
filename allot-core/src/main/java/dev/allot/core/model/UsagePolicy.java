package dev.allot.core.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * What the planner makes of last cycle's measured use. A continuing project whose used fraction of its previous grant
 * (GPU-hours used / GPU-hours granted over the last published cycle) is below {@code idleBelow} has an idle grant: it
 * is flagged on the board, and with {@link Action#CAP_AT_USED_PLUS_HEADROOM} the planner also caps its total at
 * {@code used x (1 + headroom)} of its previous total GPUs (docs/planner.md, "Usage").
 *
 * @param idleBelow used fraction below which a grant counts as idle, in [0, 1]
 * @param action only flag idle grants, or also cap them
 * @param headroom fraction added to the measured use when capping, in [0, 10]
 */
public record UsagePolicy(double idleBelow, Action action, double headroom) {
    /** Idle below 50 % used, only flagged; a cap would leave 25 % headroom. */
    public static final UsagePolicy DEFAULTS = new UsagePolicy(0.5, Action.WARN, 0.25);

    /** The largest headroom a policy may set: ten times the measured use. */
    public static final double MAX_HEADROOM = 10;

    public UsagePolicy {
        if (!(idleBelow >= 0 && idleBelow <= 1)) {
            throw new IllegalArgumentException("idleBelow must be within [0, 1], was " + idleBelow);
        }
        Checks.present(action, "action");
        if (!(headroom >= 0 && headroom <= MAX_HEADROOM)) {
            throw new IllegalArgumentException("headroom must be within [0, 10], was " + headroom);
        }
    }

    /** Whether a grant used to this fraction is idle. */
    public boolean idle(double usedFraction) {
        return usedFraction < idleBelow;
    }

    /** Whether the planner caps idle grants (else it only flags them). */
    public boolean caps() {
        return action == Action.CAP_AT_USED_PLUS_HEADROOM;
    }

    public UsagePolicy withAction(Action newAction) {
        return new UsagePolicy(idleBelow, newAction, headroom);
    }

    /** What the planner does with an idle grant; {@link #label()} is how files, the API and forms spell it. */
    public enum Action {
        /** Flag it; the plan does not change. */
        WARN("warn"),
        /** Cap the project's next total at its measured use plus headroom. */
        CAP_AT_USED_PLUS_HEADROOM("capAtUsedPlusHeadroom");

        private final String label;

        Action(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The action spelt {@code label}, if any (exact spelling). */
        public static Optional<Action> parse(String label) {
            return Arrays.stream(values()).filter(a -> a.label.equals(label)).findFirst();
        }
    }
}
