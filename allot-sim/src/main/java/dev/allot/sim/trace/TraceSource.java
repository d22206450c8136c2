package dev.allot.sim.trace;

import java.io.Reader;
import java.util.Objects;

/**
 * One text input of a trace: its name (file name, used in messages and, for per-team trace files, as the group) and
 * an open reader. The caller opens and closes the reader.
 */
public record TraceSource(String name, Reader reader) {
    public TraceSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reader, "reader");
    }
}
