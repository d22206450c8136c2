package dev.allot.core.model;

/** A decider's fixed grant for a project: the planner holds it exactly. An empty pin holds the project at zero. */
public record Pin(ProjectId project, Allocation gpus, String reason) {
    public Pin {
        Checks.present(project, "project");
        Checks.present(gpus, "gpus");
        reason = reason == null ? "" : reason;
    }
}
