package dev.allot.web;

import dev.allot.application.Reads;
import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Plan;
import dev.allot.store.Cycle;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.StoredPlan;
import dev.allot.store.Versioned;
import java.util.Optional;

/** Which cycle a page shows (the one in {@code ?cycle=}, else the newest) and which of its plans. */
final class Cycles {
    private Cycles() {}

    /** The cycle named in the URL, or the newest one; empty when the store has no cycle yet. */
    static Optional<Versioned<Cycle>> current(Store store, String requested) {
        if (requested == null || requested.isBlank()) {
            return store.cycles().list().stream().findFirst();
        }
        return Optional.of(store.cycles().get(CycleId.of(Slugs.require(requested, "cycle"))));
    }

    /** As {@link #require(Store, String)}, through the application's reads. */
    static Versioned<Cycle> require(Reads reads, String requested) {
        return current(reads, requested).orElseThrow(Cycles::noCycle);
    }

    /** As {@link #current(Store, String)}, through the application's reads. */
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

    static Versioned<Cycle> require(Store store, String requested) {
        return current(store, requested).orElseThrow(Cycles::noCycle);
    }

    /** The plan this person should look at: the application's one rule ({@link Reads#shownPlan(CycleId, Role)}). */
    static Optional<StoredPlan> shownPlan(Store store, CycleId cycle, Rights rights) {
        return rights == null
                ? store.plans().latestPublished(cycle)
                : Reads.of(store).shownPlan(cycle, rights.role());
    }

    static Optional<Plan> plan(Optional<StoredPlan> stored) {
        return stored.map(StoredPlan::plan);
    }
}
