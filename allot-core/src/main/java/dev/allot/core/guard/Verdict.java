package dev.allot.core.guard;

/**
 * Whether a category relation or share bound holds in a plan. {@link #VACUOUS} means it holds only because the
 * quantities it compares are all zero: "exploratory >= product" with both at 0 GPUs is not a policy that was met.
 */
public enum Verdict {
    MET("met"),
    NOT_MET("not met"),
    VACUOUS("vacuous");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
