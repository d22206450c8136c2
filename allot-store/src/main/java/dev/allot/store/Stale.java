package dev.allot.store;

import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import dev.allot.core.Problem;
import java.util.List;

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

    /**
     * The failure naming the version that is current now, so a client can tell what it missed; the one problem is at
     * {@code If-Match}, the field a caller sets.
     */
    public static AllotException of(String what, int expectedVersion, int currentVersion) {
        return new AllotException(
                Kind.CONFLICT,
                CODE,
                "The " + what + " changed since version " + expectedVersion + " was read; it is version "
                        + currentVersion
                        + " now and nothing was written. Maybe reload it and apply your change again?",
                List.of(new Problem(
                        CODE,
                        "If-Match",
                        "\"" + expectedVersion + "\"",
                        "the current version is \"" + currentVersion + "\"",
                        "Maybe GET it again and send If-Match: \"" + currentVersion + "\"?")),
                null);
    }
}
