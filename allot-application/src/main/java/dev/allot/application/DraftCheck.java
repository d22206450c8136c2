package dev.allot.application;

import dev.allot.core.guard.GuardWarning;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Policy;
import java.util.List;
import java.util.Objects;

/**
 * What a draft raises on its own, apart from who approved it: the content hash approvals sign, the guard-rail
 * warnings and the broken plan invariants. It depends only on stored data (the draft, the lab and its policy), so a
 * reader may keep it until the store changes; {@link Approvals#check(DraftCheck)} adds the approvals and
 * the quorum, read fresh. A publish always checks afresh.
 *
 * @param contentHash SHA-256 of the draft's allot.plan/v1 document
 * @param author who saved the draft (its last solve)
 * @param policy the cycle's policy, which sets the approvals needed
 * @param warnings guard-rail warnings, each needing a reason to publish
 * @param invariantViolations broken plan invariants; any refuses the publish
 */
public record DraftCheck(
        CycleId cycle,
        int draftVersion,
        String contentHash,
        String author,
        Policy policy,
        List<GuardWarning> warnings,
        List<String> invariantViolations) {
    public DraftCheck {
        Objects.requireNonNull(cycle, "cycle");
        Objects.requireNonNull(policy, "policy");
        warnings = List.copyOf(warnings);
        invariantViolations = List.copyOf(invariantViolations);
    }
}
