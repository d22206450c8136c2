package dev.allot.app.simulate;

import dev.allot.sim.SimProgress;
import java.io.PrintStream;
import java.util.Locale;

/** Shows a long simulation's progress on one terminal line; silent for runs that end within the first second. */
final class SimProgressLine implements SimProgress, AutoCloseable {
    private static final long QUIET_NANOS = 1_000_000_000L;
    private final PrintStream out;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private boolean printed;

    SimProgressLine(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    @Override
    public synchronized void update(
            String policy, double simulatedSeconds, long events, long jobsCompleted, long jobsTotal) {
        if (!enabled || System.nanoTime() - start < QUIET_NANOS) {
            return;
        }
        out.printf(
                Locale.ROOT,
                "\rsimulating %s… day %.0f, %,d of %,d jobs done, %,d events   ",
                policy,
                simulatedSeconds / 86_400,
                jobsCompleted,
                jobsTotal,
                events);
        out.flush();
        printed = true;
    }

    @Override
    public synchronized void close() {
        if (printed) {
            out.print("\r" + " ".repeat(90) + "\r");
            out.flush();
        }
    }
}
