package dev.allot.evidence;

/**
 * Whether a metric comes from a public benchmark or from the lab's private held-out problems. Reviews weigh them
 * differently: public benchmarks leak into training data and saturate; private held-out sets tell more.
 */
public enum Visibility {
    PUBLIC_BENCHMARK,
    PRIVATE_HELD_OUT;

    /** "public" or "private", as written in files. */
    public String word() {
        return this == PUBLIC_BENCHMARK ? "public" : "private";
    }
}
