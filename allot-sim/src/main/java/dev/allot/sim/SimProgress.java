package dev.allot.sim;

/** Receives progress of a long run, every 65,536 events; called on the simulating thread. */
@FunctionalInterface
public interface SimProgress {
    void update(String policy, double simulatedSeconds, long events, long jobsCompleted, long jobsTotal);
}
