package dev.allot.core.model;

/** A project's outcome in a plan, relative to the previous plan. */
public enum Decision {
    /** Funded now, had nothing before. */
    NEW,
    /** Funded with more GPUs than before. */
    GROW,
    /** Funded with the same GPUs as before. */
    KEEP,
    /** Funded with fewer GPUs than before (or a different mix with fewer GPUs); yields by the plan's date. */
    SHRINK,
    /** Had GPUs before, gets nothing now. */
    KILL,
    /** Asked, had nothing before, still gets nothing. */
    DECLINED;

    /** Lower-case name as used in files and the API. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Decision between(Allocation previous, Allocation grant) {
        int before = previous.totalGpus();
        int after = grant.totalGpus();
        if (after == 0) {
            return before == 0 ? DECLINED : KILL;
        }
        if (before == 0) {
            return NEW;
        }
        if (after > before) {
            return GROW;
        }
        return after < before ? SHRINK : KEEP;
    }
}
