package dev.allot.store;

import dev.allot.core.model.CycleId;
import dev.allot.core.model.Policy;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A review cycle as stored: when it starts, where it is in the workflow, its policy, and the optional date by which
 * project leads should have written or confirmed their asks ({@code null}: none).
 */
public record Cycle(CycleId id, LocalDate start, CycleState state, Policy policy, LocalDate askDeadline) {
    public Cycle {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(policy, "policy");
    }

    /** A cycle without an ask deadline. */
    public Cycle(CycleId id, LocalDate start, CycleState state, Policy policy) {
        this(id, start, state, policy, null);
    }

    public Cycle withState(CycleState newState) {
        return new Cycle(id, start, newState, policy, askDeadline);
    }

    public Cycle withPolicy(Policy newPolicy) {
        return new Cycle(id, start, state, newPolicy, askDeadline);
    }

    public Cycle withAskDeadline(LocalDate deadline) {
        return new Cycle(id, start, state, policy, deadline);
    }
}
