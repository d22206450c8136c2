package dev.allot.store;

import dev.allot.core.model.CycleId;
import dev.allot.core.model.Plan;
import java.time.Instant;
import java.util.Objects;

/**
 * A plan as stored. A draft has one row per cycle whose version counts its edits; a published plan is immutable,
 * numbered 1, 2, ... per cycle, and a correction names the plan it supersedes.
 *
 * @param supersedes id of the published plan this one corrects, or null
 */
public record StoredPlan(
        long id,
        CycleId cycle,
        Kind kind,
        int version,
        Long supersedes,
        Plan plan,
        String note,
        Instant createdAt,
        String createdBy) {
    /** Draft (editable) or published (immutable). */
    public enum Kind {
        DRAFT,
        PUBLISHED
    }

    public StoredPlan {
        Objects.requireNonNull(cycle, "cycle");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(plan, "plan");
        note = note == null ? "" : note;
    }
}
