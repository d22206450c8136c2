package dev.allot.core.model;

/** Life-cycle state of a project; only active projects are planned. */
public enum ProjectStatus {
    ACTIVE,
    PAUSED,
    KILLED,
    DONE
}
