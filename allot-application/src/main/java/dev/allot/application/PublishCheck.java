package dev.allot.application;

import dev.allot.core.guard.GuardWarning;
import dev.allot.core.model.CycleId;
import dev.allot.store.Approval;
import java.util.List;
import java.util.Objects;

/**
 * What stands between a draft and its publication.
 *
 * @param contentHash SHA-256 of the draft's allot.plan/v1 document: what the approvals sign
 * @param author who saved the draft (its last solve)
 * @param requiredApprovals approvals by distinct deciders the policy needs
 * @param approvals approvals of this exact draft that count
 * @param voided earlier approvals that no longer count, each saying why
 * @param warnings guard-rail warnings, each needing a reason to publish
 * @param invariantViolations broken plan invariants; any refuses the publish
 */
public record PublishCheck(
        CycleId cycle,
        int draftVersion,
        String contentHash,
        String author,
        int requiredApprovals,
        List<Approval> approvals,
        List<Approval> voided,
        List<GuardWarning> warnings,
        List<String> invariantViolations) {
    public PublishCheck {
        Objects.requireNonNull(cycle, "cycle");
        approvals = List.copyOf(approvals);
        voided = List.copyOf(voided);
        warnings = List.copyOf(warnings);
        invariantViolations = List.copyOf(invariantViolations);
    }

    /** Distinct deciders who approved this exact draft. */
    public List<String> approvers() {
        return approvals.stream().map(Approval::decider).distinct().toList();
    }

    /** With two or more approvals needed, the author approving alone (or with nobody else) is not enough. */
    public boolean onlyAuthorApproved() {
        return requiredApprovals >= 2
                && !approvers().isEmpty()
                && approvers().stream().allMatch(author::equals);
    }

    public boolean quorumMet() {
        return approvers().size() >= requiredApprovals && !onlyAuthorApproved();
    }

    /** Whether a publish with a reason for every warning would go through. */
    public boolean publishable() {
        return quorumMet() && invariantViolations.isEmpty();
    }
}
