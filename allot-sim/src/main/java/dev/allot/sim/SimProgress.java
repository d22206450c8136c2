package dev.allot.sim;

/**
 * Receives progress of a long run, every 65,536 events; called on the simulating thread, so from several threads at
 * once when {@link Simulator#compare} runs policies side by side.
 */
@FunctionalInterface
public interface SimProgress {
    void update(String policy, double simulatedSeconds, long events, long jobsCompleted, long jobsTotal);
}
