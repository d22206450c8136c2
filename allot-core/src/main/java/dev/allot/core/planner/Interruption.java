package dev.allot.core.planner;

import dev.allot.core.AllotException;
import dev.allot.core.ErrorCode;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Stops a running solve when its {@link ProgressListener#cancelled()} turns true. The listener of the plan being
 * solved is held per thread for the plan's duration, so that the engines, however deep the planner calls them
 * (stages, conflict search, re-solves of explanations), find it without every signature carrying it. While an engine
 * searches, one shared daemon thread polls the listener and calls the engine's own interrupt.
 */
final class Interruption {
    static final int POLL_MILLIS = 50;

    private static final ThreadLocal<ProgressListener> CURRENT = new ThreadLocal<>();
    private static final ScheduledThreadPoolExecutor POLLER = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "allot-solve-interrupt");
        thread.setDaemon(true);
        return thread;
    });

    static {
        // Explanations re-solve hundreds of times: drop each finished watch's task at once.
        POLLER.setRemoveOnCancelPolicy(true);
    }

    private Interruption() {}

    /**
     * Runs {@code solve} with {@code listener} as the current solve's; a solve cancelled meanwhile ends in {@code
     * solve-cancelled}, whatever it returned or threw (an interrupted engine's answer cannot be trusted).
     */
    static <T> T during(ProgressListener listener, Supplier<T> solve) {
        ProgressListener outer = CURRENT.get();
        CURRENT.set(listener);
        try {
            T result = solve.get();
            check(listener);
            return result;
        } catch (RuntimeException e) {
            if (listener.cancelled() && !isCancellation(e)) {
                throw cancelled(e);
            }
            throw e;
        } finally {
            CURRENT.set(outer);
        }
    }

    /** The listener of the solve running on this thread (to carry it to a thread the solve starts), or NONE. */
    static ProgressListener current() {
        ProgressListener listener = CURRENT.get();
        return listener == null ? ProgressListener.NONE : listener;
    }

    /**
     * Runs {@code task} on this thread (another than the solve's) with {@code listener} as its solve's, so that its
     * engines stop when that solve is cancelled; the cancellation itself is the solving thread's to report.
     */
    static void watching(ProgressListener listener, Runnable task) {
        ProgressListener outer = CURRENT.get();
        CURRENT.set(listener);
        try {
            task.run();
        } finally {
            CURRENT.set(outer);
        }
    }

    /** Throws {@code solve-cancelled} if the listener asked to stop. */
    static void check(ProgressListener listener) {
        if (listener.cancelled()) {
            throw cancelled(null);
        }
    }

    /**
     * Calls {@code interrupt} (an engine's own, thread-safe stop) once the current solve is cancelled, until the
     * returned watch is closed; close it before the engine is freed. Without a current solve, watches nothing.
     */
    static Watch watch(Runnable interrupt) {
        ProgressListener listener = CURRENT.get();
        if (listener == null || listener == ProgressListener.NONE) {
            return Watch.NOTHING;
        }
        Watch watch = new Watch(listener, interrupt);
        watch.schedule = POLLER.scheduleWithFixedDelay(watch::poll, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
        return watch;
    }

    private static boolean isCancellation(RuntimeException e) {
        return e instanceof AllotException allot && allot.code().equals(ErrorCode.SOLVE_CANCELLED.code());
    }

    private static AllotException cancelled(Throwable cause) {
        return new AllotException(
                ErrorCode.SOLVE_CANCELLED,
                "The solve was cancelled before it finished; no plan was made. Maybe start it again?",
                java.util.List.of(),
                cause);
    }

    /** An engine being watched; closing it stops the polling and any later interrupt. */
    static final class Watch implements AutoCloseable {
        static final Watch NOTHING = new Watch(ProgressListener.NONE, () -> {});

        private final ProgressListener listener;
        private final Runnable interrupt;
        private ScheduledFuture<?> schedule;
        private boolean open = true;

        private Watch(ProgressListener listener, Runnable interrupt) {
            this.listener = listener;
            this.interrupt = interrupt;
        }

        // Interrupting again on every poll also covers an interrupt that came before the engine started searching.
        private synchronized void poll() {
            if (open && listener.cancelled()) {
                interrupt.run();
            }
        }

        @Override
        public synchronized void close() {
            open = false;
            if (schedule != null) {
                schedule.cancel(false);
            }
        }
    }
}
