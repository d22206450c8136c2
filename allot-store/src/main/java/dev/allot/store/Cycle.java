package dev.allot.store;

import dev.allot.core.model.CycleId;
import dev.allot.core.model.Policy;
import java.time.LocalDate;
import java.util.Objects;

/** A review cycle as stored: when it starts, where it is in the workflow, and its policy. */
public record Cycle(CycleId id, LocalDate start, CycleState state, Policy policy) {
    public Cycle {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(policy, "policy");
    }
}
