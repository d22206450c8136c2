package dev.allot.core.model;

/** A decider's decision the planner must respect without fixing the exact grant. */
public record DeciderOverride(ProjectId project, Action action, String reason) {
    /** What the deciders decided. */
    public enum Action {
        /** Grant nothing this cycle. */
        KILL,
        /** Grant at least the floor (the planner chooses how much above it). */
        FUND
    }

    public DeciderOverride {
        Checks.present(project, "project");
        Checks.present(action, "action");
        reason = reason == null ? "" : reason;
    }
}
