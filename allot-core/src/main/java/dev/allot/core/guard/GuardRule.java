package dev.allot.core.guard;

/** The kinds of guard-rail warning a draft can raise before it is published. */
public enum GuardRule {
    MASS_KILL("mass-kill", "Many projects killed"),
    IDLE_CAPACITY("idle-capacity", "GPUs left idle beyond the reserve"),
    VACUOUS_RELATION("vacuous-relation", "A category relation holds only because both sides get nothing"),
    VACUOUS_SHARE_BOUND("vacuous-share-bound", "A share bound holds only because nothing is granted"),
    SHARE_SWING("share-swing", "A category's share moves a lot"),
    COMPUTE_LOSS("compute-loss", "A continuing project loses most of its compute"),
    GPU_TYPE_CHANGE("gpu-type-change", "A continuing project changes GPU type"),
    NO_ASK("no-ask", "Active projects without an ask this cycle"),
    LEAD_LEFT("lead-left", "Grants to projects whose lead has left"),
    LARGEST_JOB("largest-job", "Grants smaller than a project's largest job");

    private final String code;
    private final String title;

    GuardRule(String code, String title) {
        this.code = code;
        this.title = title;
    }

    /** Stable code used in the API, the audit trail and acknowledgements. */
    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public static java.util.Optional<GuardRule> byCode(String code) {
        for (GuardRule rule : values()) {
            if (rule.code.equals(code)) {
                return java.util.Optional.of(rule);
            }
        }
        return java.util.Optional.empty();
    }
}
