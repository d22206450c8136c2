package dev.allot.sim;

/**
 * How the run itself went.
 *
 * @param seed the seed of every random choice; the same seed, inputs and options give the same outcome
 * @param invariantChecks invariant checks performed (all passed, or the run would have failed)
 */
public record RunStats(long seed, long events, double wallSeconds, double eventsPerSecond, long invariantChecks) {}
