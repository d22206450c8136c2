package dev.allot.core.planner;

/**
 * The families of rules the model is written in (docs/planner.md, "Constraints"). Every row of the model belongs to
 * one; the conflict finder, {@link GroupText} and the explainer switch over all of them without a default branch,
 * so a new family does not compile until each of them says what it means for it.
 */
enum RuleFamily {
    OVERRIDE("override"),
    CEILING("ceiling"),
    FLOOR("floor"),
    CONTINUITY("continuity"),
    CAPACITY("capacity"),
    SHARE_MIN("share-min"),
    SHARE_MAX("share-max"),
    RELATION("relation"),
    PIN("pin"),
    NOT_PLANNABLE("not-plannable"),
    VALUE("value"),
    STABILITY("stability"),
    USAGE("usage"),

    BUDGET("budget"),
    BLOCK("block"),
    CATEGORY_BUDGET("category-budget");

    /** Stable machine name, the prefix of {@link RuleGroup#code()} and of binding codes in plan documents. */
    final String code;

    RuleFamily(String code) {
        this.code = code;
    }
}
