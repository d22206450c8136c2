package dev.allot.core.rules;

import java.util.regex.Pattern;

/** The limits every entry point (lab file, API, web forms, CLI) applies, stated once. */
public final class Limits {
    /** The most GPUs one count may name: an ask, a pin, a reserve. Far above any fleet, below integer overflow. */
    public static final int MAX_GPUS = 1_000_000;

    /**
     * Project ids: a Kubernetes namespace name (RFC 1123 label: lower-case letters, digits and '-', starting and
     * ending with a letter or digit, at most 63 characters), because the Kueue export names a namespace per project.
     */
    public static final Pattern PROJECT_ID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public static final int MAX_PROJECT_ID_LENGTH = 63;

    private Limits() {}
}
