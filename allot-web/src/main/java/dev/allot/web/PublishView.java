package dev.allot.web;

import dev.allot.application.PublishCheck;
import dev.allot.core.guard.GuardRule;
import dev.allot.core.guard.GuardWarning;
import dev.allot.store.Approval;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The publish page: the review's draft and changes, with its approvals and guard-rail warnings. */
public record PublishView(ReviewPage.View view, PublishCheck check, String user) {
    /** Whether the signed-in decider's approval of this exact draft counts. */
    public boolean approvedByMe() {
        return check.approvers().contains(user);
    }

    /** Approvals that no longer count, newest first, each with why. */
    public List<Approval> voided() {
        return check.voided().reversed();
    }

    /** "2 of 2 approvals" for the panel's heading. */
    public String tally() {
        return check.approvers().size() + " of " + check.requiredApprovals() + " approval"
                + (check.requiredApprovals() == 1 ? "" : "s");
    }

    /**
     * The warnings grouped by rule, in rule order: a decider gives one reason per rule (the acknowledgement the
     * publish records), however many projects the rule names.
     */
    public Map<GuardRule, List<GuardWarning>> warningsByRule() {
        Map<GuardRule, List<GuardWarning>> grouped = new EnumMap<>(GuardRule.class);
        check.warnings()
                .forEach(warning -> grouped.computeIfAbsent(warning.rule(), rule -> new ArrayList<>())
                        .add(warning));
        return grouped;
    }

    /** The short form of the content hash approvals sign. */
    public String shortHash() {
        return check.contentHash().substring(0, 12);
    }
}
