package dev.allot.application;

import dev.allot.core.AllotException;
import dev.allot.core.ErrorCode;
import dev.allot.core.Problem;
import dev.allot.core.model.CapacityEvent;
import dev.allot.core.model.Pool;
import dev.allot.core.rules.CapacityRules;
import dev.allot.store.Actor;
import dev.allot.store.Cycle;
import dev.allot.store.Store;
import dev.allot.store.Versioned;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The fleet's capacity timeline: list, add and remove the dated capacity events of a pool. */
public final class Fleets {
    private final Store store;

    Fleets(Store store) {
        this.store = store;
    }

    /** Every pool's events, by pool then date. */
    public List<CapacityEvent> capacityEvents() {
        return store.lab().capacityEvents();
    }

    /** One pool's events, by date; an unknown pool is NOT_FOUND. */
    public List<CapacityEvent> capacityEvents(String pool) {
        return versionedEvents(pool).value();
    }

    /** One pool's events, by date, with their version (the number of changes to them); an unknown pool is NOT_FOUND. */
    public Versioned<List<CapacityEvent>> versionedEvents(String pool) {
        requirePool(pool);
        return store.lab().capacityEvents(pool);
    }

    /**
     * Adds an event to a pool after the rules of {@link CapacityRules}: whole nodes of the pool, dates in order and
     * not before the newest cycle's start, and a pool that never drops below zero GPUs. Every problem at once, each
     * at its field ({@code kind}, {@code gpus}, {@code from}, {@code until}); nothing is stored unless all hold.
     *
     * When {@code expectedVersion} is given it must be the version of the pool's events.
     *
     * @return the pool's events after the change
     */
    public Versioned<List<CapacityEvent>> addCapacityEvent(
            String pool,
            String kind,
            int gpus,
            LocalDate from,
            Optional<LocalDate> until,
            Integer expectedVersion,
            Actor actor) {
        Pool found = requirePool(pool);
        List<Problem> problems = new ArrayList<>(CapacityRules.kind(kind));
        if (problems.isEmpty()) {
            CapacityEvent.Kind parsed = CapacityEvent.Kind.of(kind).orElseThrow();
            LocalDate start = store.cycles().list().stream()
                    .findFirst()
                    .map(Versioned::value)
                    .map(Cycle::start)
                    .orElse(from);
            problems.addAll(CapacityRules.event(parsed, gpus, from, until, found.gpusPerNode(), start));
            if (problems.isEmpty()) {
                CapacityEvent event = new CapacityEvent(pool, parsed, gpus, from, until);
                List<CapacityEvent> after = new ArrayList<>(capacityEvents(pool));
                after.add(event);
                problems.addAll(CapacityRules.pool(pool, found.gpus(), after));
                if (problems.isEmpty()) {
                    return store.lab().addCapacityEvent(event, expectedVersion, actor);
                }
            }
        }
        throw new AllotException(
                ErrorCode.VALIDATION_FAILED,
                "Capacity event of pool " + pool + ": "
                        + String.join(
                                "; ", problems.stream().map(Problem::describe).toList()),
                problems,
                null);
    }

    /**
     * Removes the pool's event at {@code index} (0-based, in date order); when {@code expectedVersion} is given it
     * must be the version of the pool's events.
     */
    public Versioned<List<CapacityEvent>> removeCapacityEvent(
            String pool, int index, Integer expectedVersion, Actor actor) {
        return store.lab().deleteCapacityEvent(pool, index, expectedVersion, actor);
    }

    private Pool requirePool(String pool) {
        return store.lab()
                .pool(pool)
                .orElseThrow(() -> new AllotException(
                        ErrorCode.POOL_NOT_FOUND,
                        "Pool " + pool + " does not exist. Maybe GET /api/pools lists the pools?"));
    }
}
