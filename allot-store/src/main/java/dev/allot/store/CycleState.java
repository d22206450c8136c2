package dev.allot.store;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The life of a review cycle: open -> review -> draft -> published -> closed. */
public enum CycleState {
    /** Project leads write asks. */
    OPEN,
    /** Reviewers score; asks are frozen. */
    REVIEW,
    /** Deciders set policy, pins and overrides, and solve drafts. */
    DRAFT,
    /** A plan is published; corrections publish new versions. */
    PUBLISHED,
    /** Read-only history. */
    CLOSED;

    private static final Map<CycleState, Set<Role>> MAY_ENTER = Map.of(
            REVIEW, EnumSet.of(Role.ADMIN, Role.DECIDER),
            DRAFT, EnumSet.of(Role.ADMIN, Role.DECIDER),
            PUBLISHED, EnumSet.of(Role.DECIDER),
            CLOSED, EnumSet.of(Role.ADMIN, Role.DECIDER));

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The only state this one may move to, or null for the last one. */
    public CycleState next() {
        return this == CLOSED ? null : values()[ordinal() + 1];
    }

    /** Roles that may move a cycle into this state (publishing is the deciders' alone). */
    public Set<Role> mayEnter() {
        return MAY_ENTER.getOrDefault(this, Set.of());
    }

    public static CycleState parse(String text) {
        for (CycleState state : values()) {
            if (state.label().equals(text)) {
                return state;
            }
        }
        return null;
    }
}
