package dev.allot.app;

import dev.allot.core.planner.ProgressListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows a long solve's progress: elapsed time, and the best value, bound and gap whenever the engine reports them. On
 * a terminal one line is rewritten in place twice a second; into a file or a pipe (a log, CI) a whole line is written
 * every five seconds instead, so that the log holds readable lines, not hundreds of carriage returns. Silent for
 * solves that end within the first second (five, into a file).
 */
public final class ProgressLine implements ProgressListener, AutoCloseable {
    private static final long QUIET_MILLIS = 1000;
    private static final long LOG_MILLIS = 5000;
    /**
     * Set by the {@code allot} launcher from its shell's view of stderr ({@code [ -t 2 ]}); without it, the JVM's
     * own guess (a console attached) decides.
     */
    static final String TERMINAL_PROPERTY = "allot.stderr.terminal";

    private final PrintStream out;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private final ScheduledExecutorService ticker;
    private String latest = "";
    private boolean printed;

    public ProgressLine(PrintStream out, boolean enabled) {
        this(out, enabled, stderrIsTerminal());
    }

    ProgressLine(PrintStream out, boolean enabled, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
        if (enabled) {
            ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "progress");
                thread.setDaemon(true);
                return thread;
            });
            long every = terminal ? 500 : LOG_MILLIS;
            ticker.scheduleAtFixedRate(this::tick, terminal ? QUIET_MILLIS : LOG_MILLIS, every, TimeUnit.MILLISECONDS);
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

    synchronized void tick() {
        double seconds = (System.nanoTime() - start) / 1e9;
        if (terminal) {
            out.printf(Locale.ROOT, "\rsolving… %5.1f s%s   ", seconds, latest);
            printed = true;
        } else {
            out.printf(Locale.ROOT, "solving… %.0f s%s%n", seconds, latest);
        }
        out.flush();
    }

    private static boolean stderrIsTerminal() {
        String told = System.getProperty(TERMINAL_PROPERTY);
        return told != null ? Boolean.parseBoolean(told) : System.console() != null;
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
