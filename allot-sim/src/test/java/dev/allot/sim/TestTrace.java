package dev.allot.sim;

import dev.allot.sim.trace.Trace;
import dev.allot.sim.trace.TraceJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Fluent builder of a small trace whose groups are project ids (used with an identity group map). */
public final class TestTrace {
    private final List<TraceJob> jobs = new ArrayList<>();

    public static TestTrace trace() {
        return new TestTrace();
    }

    /** A job of {@code project} arriving at {@code submit}, {@code gpus} GPUs, {@code seconds} on a speed-1 GPU. */
    public TestTrace job(String project, double submit, int gpus, double seconds) {
        jobs.add(TraceJob.ofReference(jobs.size(), project, submit, gpus, seconds));
        return this;
    }

    public TestTrace job(String project, double submit, int gpus, double seconds, int priority, String... types) {
        jobs.add(new TraceJob(jobs.size(), project, "", submit, gpus, priority, seconds, Map.of(), Set.of(types)));
        return this;
    }

    public Trace build() {
        return new Trace("test", jobs, Map.of());
    }
}
