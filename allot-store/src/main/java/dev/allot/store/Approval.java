package dev.allot.store;

import dev.allot.core.model.CycleId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A decider's sign-off on one exact draft of a cycle.
 *
 * @param draftVersion the draft's version when approved
 * @param contentHash SHA-256 of the approved draft's allot.plan/v1 document
 * @param voidedAt when it stopped counting (withdrawn, or the draft changed); null while it counts
 * @param voidReason why it stopped counting ("re-solved by dana", "withdrawn"); null while it counts
 */
public record Approval(
        long id,
        CycleId cycle,
        int draftVersion,
        String contentHash,
        String decider,
        Instant approvedAt,
        Instant voidedAt,
        String voidedBy,
        String voidReason) {
    public Approval {
        Objects.requireNonNull(cycle, "cycle");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(decider, "decider");
        Objects.requireNonNull(approvedAt, "approvedAt");
    }

    public boolean counts() {
        return voidedAt == null;
    }

    public Optional<String> voided() {
        return Optional.ofNullable(voidReason);
    }
}
