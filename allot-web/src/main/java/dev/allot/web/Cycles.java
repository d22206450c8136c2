package dev.allot.web;

import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Plan;
import dev.allot.store.Cycle;
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

    static Versioned<Cycle> require(Store store, String requested) {
        return current(store, requested)
                .orElseThrow(() -> new AllotException(
                        Kind.NOT_FOUND,
                        "no-cycle",
                        "The lab has no review cycle yet. Maybe import a lab with 'allot lab import lab.yaml'?"));
    }

    /**
     * The plan people should look at: the latest published version, unless the draft changed after it was published
     * (or nothing is published yet).
     */
    static Optional<StoredPlan> shownPlan(Store store, CycleId cycle) {
        Optional<StoredPlan> draft = store.plans().draft(cycle);
        Optional<StoredPlan> published = store.plans().latestPublished(cycle);
        if (published.isPresent()
                && (draft.isEmpty()
                        || !draft.get().createdAt().isAfter(published.get().createdAt()))) {
            return published;
        }
        return draft;
    }

    static Optional<Plan> plan(Optional<StoredPlan> stored) {
        return stored.map(StoredPlan::plan);
    }
}
