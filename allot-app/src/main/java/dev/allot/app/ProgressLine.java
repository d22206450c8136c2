package dev.allot.app;

import dev.allot.core.planner.ProgressListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows a long solve's progress on one terminal line, rewritten in place twice a second: elapsed time, and the best
 * value, bound and gap whenever the engine reports them. Silent for solves that end within the first second.
 */
public final class ProgressLine implements ProgressListener, AutoCloseable {
    private static final long QUIET_MILLIS = 1000;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private final ScheduledExecutorService ticker;
    private String latest = "";
    private boolean printed;

    public ProgressLine(PrintStream out, boolean enabled) {
        this.out = out;
        if (enabled) {
            ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "progress");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(this::print, QUIET_MILLIS, 500, TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    @Override
    public synchronized void onProgress(Duration elapsed, double objective, double bound) {
        latest = describe(objective, bound);
    }

    /**
     * The value, bound and gap as the engine knows them: before the first plan there is no value and no gap ("no
     * plan yet"), and a bound not known yet is left out.
     */
    static String describe(double objective, double bound) {
        boolean planned = Double.isFinite(objective);
        boolean bounded = Double.isFinite(bound);
        if (!planned) {
            return bounded ? String.format(Locale.ROOT, "  no plan yet  bound %.1f", bound) : "  no plan yet";
        }
        if (!bounded) {
            return String.format(Locale.ROOT, "  value %.1f", objective);
        }
        double gap = Math.max(0, bound - objective) / Math.max(1, Math.abs(objective));
        return String.format(Locale.ROOT, "  value %.1f  bound %.1f  gap %.2f %%", objective, bound, gap * 100);
    }

    private synchronized void print() {
        out.printf(Locale.ROOT, "\rsolving… %5.1f s%s   ", (System.nanoTime() - start) / 1e9, latest);
        out.flush();
        printed = true;
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (printed) {
            out.print("\r" + " ".repeat(80) + "\r");
            out.flush();
        }
    }
}
