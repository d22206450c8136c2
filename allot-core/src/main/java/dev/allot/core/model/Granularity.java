package dev.allot.core.model;

/** Unit in which grants are made. */
public enum Granularity {
    /** Whole nodes: a grant of a type is a multiple of that type's GPUs per node. */
    NODE,
    /** Single GPUs. */
    GPU
}
