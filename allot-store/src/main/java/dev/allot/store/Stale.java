package dev.allot.store;

import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;

/** The optimistic-concurrency failure: the caller's version is not the stored one. */
public final class Stale {
    /** The stable code the web layer maps to 412 Precondition Failed. */
    public static final String CODE = "stale-version";

    private Stale() {}

    static AllotException of(String what, int expectedVersion) {
        return new AllotException(
                Kind.CONFLICT,
                CODE,
                "The " + what + " changed since version " + expectedVersion
                        + " was read; nothing was written. Maybe reload it and apply your change again?");
    }
}
