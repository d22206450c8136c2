package dev.allot.web;

import dev.allot.application.Reads;
import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Plan;
import dev.allot.store.Cycle;
import dev.allot.store.StoredPlan;
import dev.allot.store.Versioned;
import java.util.Optional;

/** Which cycle a page shows (the one in {@code ?cycle=}, else the newest) and which of its plans. */
final class Cycles {
    private Cycles() {}

    /** The cycle named in the URL, or the newest one; not found when the store has no cycle yet. */
    static Versioned<Cycle> require(Reads reads, String requested) {
        return current(reads, requested).orElseThrow(Cycles::noCycle);
    }

    /** The cycle named in the URL, or the newest one; empty when the store has no cycle yet. */
    static Optional<Versioned<Cycle>> current(Reads reads, String requested) {
        return requested == null || requested.isBlank()
                ? reads.cycles().stream().findFirst()
                : Optional.of(reads.cycle(CycleId.of(Slugs.require(requested, "cycle"))));
    }

    private static AllotException noCycle() {
        return new AllotException(
                Kind.NOT_FOUND,
                "no-cycle",
                "The lab has no review cycle yet. Maybe import a lab with 'allot lab import lab.yaml'?");
    }

    static Optional<Plan> plan(Optional<StoredPlan> stored) {
        return stored.map(StoredPlan::plan);
    }
}
