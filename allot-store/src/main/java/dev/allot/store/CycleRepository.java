package dev.allot.store;

import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import dev.allot.core.Problem;
import dev.allot.core.model.Budget;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Policy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** Review cycles and their workflow: open -> review -> draft -> published -> closed, each step by allowed roles. */
public final class CycleRepository {
    private final Store store;

    CycleRepository(Store store) {
        this.store = store;
    }

    /** Cycles, newest start first. */
    public List<Versioned<Cycle>> list() {
        return store.read(handle -> handle.createQuery("SELECT * FROM cycle ORDER BY start_date DESC, id DESC")
                .map((rs, ctx) -> read(rs))
                .list());
    }

    public Optional<Versioned<Cycle>> find(CycleId id) {
        return store.read(handle -> find(handle, id));
    }

    public Versioned<Cycle> get(CycleId id) {
        return find(id).orElseThrow(() -> notFound(id));
    }

    public Versioned<Cycle> create(CycleId id, LocalDate start, Policy policy, Actor actor) {
        return create(new Cycle(id, start, CycleState.OPEN, policy), List.of(), actor);
    }

    /**
     * Creates {@code cycle} (in state open) with the asks carried over into it, in one transaction: either the cycle
     * and every carried ask are stored, or nothing is.
     */
    public Versioned<Cycle> create(Cycle cycle, List<StoredAsk> carried, Actor actor) {
        CycleId id = cycle.id();
        return store.transaction(handle -> {
            if (find(handle, id).isPresent()) {
                throw new AllotException(
                        Kind.CONFLICT,
                        "cycle-exists",
                        "Cycle " + id + " already exists. Maybe pick another id, or edit the existing cycle?");
            }
            Cycle created = cycle.withState(CycleState.OPEN);
            insert(handle, created, store);
            store.audit().record(handle, actor, "create", "cycle", id.value(), null, created);
            ReviewWrites asks = new ReviewWrites(new Changes(handle, actor, store.audit()), id.value());
            carried.forEach(ask -> asks.putAsk(null, ask, null));
            return new Versioned<>(created, 1);
        });
    }

    /** Sets or clears ({@code null}) the date by which leads should have written or confirmed their asks. */
    public Versioned<Cycle> setAskDeadline(CycleId id, LocalDate deadline, Integer expectedVersion, Actor actor) {
        return store.transaction(handle -> {
            Versioned<Cycle> current = find(handle, id).orElseThrow(() -> notFound(id));
            requireState(
                    current.value(),
                    Set.of(CycleState.OPEN, CycleState.REVIEW, CycleState.DRAFT),
                    "set the ask" + " deadline");
            Cycle changed = current.value().withAskDeadline(deadline);
            int version = write(handle, changed, expectedVersion == null ? current.version() : expectedVersion);
            store.audit().record(handle, actor, "update", "cycle", id.value(), current.value(), changed);
            return new Versioned<>(changed, version);
        });
    }

    /** Moves the cycle to {@code target}, which must be the next state, by a role allowed to enter it. */
    public Versioned<Cycle> transition(CycleId id, CycleState target, Integer expectedVersion, Actor actor) {
        return store.transaction(handle -> {
            Versioned<Cycle> current = find(handle, id).orElseThrow(() -> notFound(id));
            CycleState from = current.value().state();
            if (from.next() != target) {
                String allowed = from.next() == null
                        ? "none (the cycle is closed)"
                        : from.next().label();
                throw new AllotException(
                        Kind.CONFLICT,
                        "transition-not-allowed",
                        "Cycle " + id + " cannot move from " + from.label() + " to " + target.label()
                                + ". Maybe move to " + allowed + "?",
                        List.of(new Problem(
                                "to", target.label(), "not allowed from " + from.label(), "Maybe " + allowed + "?")),
                        null);
            }
            if (!target.mayEnter().contains(actor.role())) {
                throw new AllotException(
                        Kind.FORBIDDEN,
                        "role-may-not-transition",
                        "Role " + actor.role().label()
                                + " may not move cycle " + id + " to " + target.label() + ". Maybe ask a "
                                + target.mayEnter().stream()
                                        .map(Role::label)
                                        .sorted()
                                        .toList() + "?");
            }
            Cycle moved = current.value().withState(target);
            int version = write(handle, moved, expectedVersion == null ? current.version() : expectedVersion);
            store.audit().record(handle, actor, "transition", "cycle", id.value(), current.value(), moved);
            return new Versioned<>(moved, version);
        });
    }

    /** Replaces the policy while the cycle is not yet closed. */
    public Versioned<Cycle> setPolicy(CycleId id, Policy policy, Integer expectedVersion, Actor actor) {
        return store.transaction(handle -> {
            Versioned<Cycle> current = find(handle, id).orElseThrow(() -> notFound(id));
            requireState(current.value(), Set.of(CycleState.OPEN, CycleState.REVIEW, CycleState.DRAFT), "set policy");
            Cycle changed = current.value().withPolicy(policy);
            int version = write(handle, changed, expectedVersion == null ? current.version() : expectedVersion);
            store.audit()
                    .record(
                            handle,
                            actor,
                            "update",
                            "policy",
                            id.value(),
                            current.value().policy(),
                            policy);
            return new Versioned<>(changed, version);
        });
    }

    /** The cycle's GPU-hour budgets, in the order they were written. */
    public List<Budget> budgets(CycleId id) {
        return store.read(handle -> {
            require(handle, id);
            return Budgets.of(handle, id.value());
        });
    }

    /**
     * Replaces the cycle's GPU-hour budgets (checked by the caller) while the cycle is not yet published; one audit
     * entry holds the list before and after.
     */
    public List<Budget> setBudgets(CycleId id, List<Budget> budgets, Actor actor) {
        return store.transaction(handle -> {
            Versioned<Cycle> current = require(handle, id);
            requireState(current.value(), Set.of(CycleState.OPEN, CycleState.REVIEW, CycleState.DRAFT), "set budgets");
            return Budgets.replace(new Changes(handle, actor, store.audit()), id.value(), budgets);
        });
    }

    static void requireState(Cycle cycle, Set<CycleState> allowed, String action) {
        if (!allowed.contains(cycle.state())) {
            List<String> labels =
                    allowed.stream().sorted().map(CycleState::label).toList();
            throw new AllotException(
                    Kind.CONFLICT,
                    "cycle-state",
                    "Cannot " + action + " while cycle " + cycle.id() + " is "
                            + cycle.state().label() + "; allowed in " + labels + ". Maybe move the cycle first?");
        }
    }

    static AllotException notFound(CycleId id) {
        return new AllotException(
                Kind.NOT_FOUND,
                "cycle-not-found",
                "Cycle " + id + " does not exist. Maybe list cycles with GET /api/cycles or 'allot cycle list'?");
    }

    static Optional<Versioned<Cycle>> find(Handle handle, CycleId id) {
        return handle.createQuery("SELECT * FROM cycle WHERE id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> read(rs))
                .findOne();
    }

    static Versioned<Cycle> require(Handle handle, CycleId id) {
        return find(handle, id).orElseThrow(() -> notFound(id));
    }

    /** Creates the cycle in state open, or updates its start and policy, as a lab import does. */
    static void ensure(Store store, Changes changes, CycleId id, LocalDate start, Policy policy) {
        Handle handle = changes.handle();
        Optional<Versioned<Cycle>> current = find(handle, id);
        CycleState state = current.map(c -> c.value().state()).orElse(CycleState.OPEN);
        Cycle wanted = new Cycle(
                id,
                start,
                state,
                policy,
                current.map(c -> c.value().askDeadline()).orElse(null));
        changes.put(
                "cycle",
                id.value(),
                current.map(Versioned::value).orElse(null),
                wanted,
                () -> insert(handle, wanted, store),
                () -> write(handle, wanted, current.orElseThrow().version()));
    }

    private static void insert(Handle handle, Cycle cycle, Store store) {
        handle.createUpdate("INSERT INTO cycle (id, start_date, state, policy_json, ask_deadline, created_at, version)"
                        + " VALUES (:id, :start, :state, :policy, :deadline, :at, 1)")
                .bindByType("deadline", cycle.askDeadline(), LocalDate.class)
                .bind("id", cycle.id().value())
                .bind("start", cycle.start())
                .bind("state", cycle.state().name())
                .bind("policy", Json.write(cycle.policy()))
                .bind("at", store.now().atOffset(ZoneOffset.UTC))
                .execute();
    }

    private static int write(Handle handle, Cycle cycle, int expectedVersion) {
        int rows = handle.createUpdate("UPDATE cycle SET start_date = :start, state = :state, policy_json = :policy,"
                        + " ask_deadline = :deadline, version = version + 1 WHERE id = :id AND version = :expected")
                .bindByType("deadline", cycle.askDeadline(), LocalDate.class)
                .bind("id", cycle.id().value())
                .bind("start", cycle.start())
                .bind("state", cycle.state().name())
                .bind("policy", Json.write(cycle.policy()))
                .bind("expected", expectedVersion)
                .execute();
        if (rows == 0) {
            int current = handle.createQuery("SELECT version FROM cycle WHERE id = :id")
                    .bind("id", cycle.id().value())
                    .mapTo(Integer.class)
                    .one();
            throw Stale.of("cycle " + cycle.id(), expectedVersion, current);
        }
        return expectedVersion + 1;
    }

    private static Versioned<Cycle> read(ResultSet rs) throws SQLException {
        Cycle cycle = new Cycle(
                CycleId.of(rs.getString("id")),
                rs.getObject("start_date", LocalDate.class),
                CycleState.valueOf(rs.getString("state")),
                Json.read(rs.getString("policy_json"), Policy.class),
                rs.getObject("ask_deadline", LocalDate.class));
        return new Versioned<>(cycle, rs.getInt("version"));
    }
}
