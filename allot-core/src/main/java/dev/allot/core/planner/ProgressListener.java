package dev.allot.core.planner;

import java.time.Duration;

/** Receives the search's progress each time it finds a better plan. Called on a solver thread. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (elapsed, objective, bound) -> {};

    /** @param bound the best proven upper bound on the objective so far */
    void onProgress(Duration elapsed, double objective, double bound);
}
