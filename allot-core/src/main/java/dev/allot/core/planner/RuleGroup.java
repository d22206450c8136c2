package dev.allot.core.planner;

import java.util.Objects;

/**
 * One rule of the model: its family and what it is about (a GPU type, a project, a category, a relation), e.g. the
 * capacity of H100 or the pin of vision-rl. The conflict finder keeps or drops all rows of one group together.
 *
 * @param subject the type, project, category or relation the rule is about; empty for a family-wide rule
 */
record RuleGroup(RuleFamily family, String subject) {
    RuleGroup {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(subject, "subject");
    }

    static RuleGroup of(RuleFamily family, Object subject) {
        return new RuleGroup(family, String.valueOf(subject));
    }

    static RuleGroup of(RuleFamily family) {
        return new RuleGroup(family, "");
    }

    /** Stable machine name, e.g. {@code capacity:H100}, {@code pin:vision-rl}, {@code ceiling}. */
    String code() {
        return subject.isEmpty() ? family.code : family.code + ":" + subject;
    }

    @Override
    public String toString() {
        return code();
    }
}
