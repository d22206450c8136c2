package dev.allot.store;

import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectPlan;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Draft and published plans. Drafts are replaced on every re-solve, keeping the one replaced (the pins and overrides that shaped them live in
 * the cycle, so they survive); publishing copies the draft into a new immutable version in one transaction.
 */
public final class PlanRepository {
    private static final String SELECT = "SELECT * FROM plan";

    private final Store store;

    PlanRepository(Store store) {
        this.store = store;
    }

    /** Stores {@code plan} as the cycle's draft; {@code expectedVersion} (if given) must be the current draft's. */
    public StoredPlan saveDraft(CycleId cycle, Plan plan, Integer expectedVersion, Actor actor) {
        return store.transaction(handle -> {
            Cycle stored = CycleRepository.require(handle, cycle).value();
            CycleRepository.requireState(stored, EnumSet.of(CycleState.DRAFT, CycleState.PUBLISHED), "save a draft");
            if (!plan.cycle().equals(cycle)) {
                throw AllotException.invalid(
                        "plan-cycle-mismatch",
                        "cycle: the plan is for cycle " + plan.cycle() + " but was saved to cycle " + cycle
                                + ". Maybe solve the right cycle?");
            }
            Optional<StoredPlan> before = draft(handle, cycle);
            long id;
            int version;
            if (before.isEmpty()) {
                version = 1;
                id = insert(handle, cycle, StoredPlan.Kind.DRAFT, version, null, plan, "", actor);
            } else {
                int expected = expectedVersion == null ? before.get().version() : expectedVersion;
                id = before.get().id();
                version = expected + 1;
                int rows = handle.createUpdate(
                                "UPDATE plan SET previous_plan_json = plan_json, plan_json = :json, version = :version,"
                                        + " created_at = :at,"
                                        + " created_by = :by WHERE id = :id AND version = :expected")
                        .bind("json", Json.write(plan))
                        .bind("version", version)
                        .bind("id", id)
                        .bind("at", store.now().atOffset(ZoneOffset.UTC))
                        .bind("by", actor.user())
                        .bind("expected", expected)
                        .execute();
                if (rows == 0) {
                    throw Stale.of("draft plan of cycle " + cycle, expected);
                }
                handle.createUpdate("DELETE FROM plan_grant WHERE plan_id = :id")
                        .bind("id", id)
                        .execute();
            }
            insertGrants(handle, id, plan);
            store.audit()
                    .record(
                            handle,
                            actor,
                            "save-draft",
                            "plan",
                            cycle + "/draft",
                            before.map(p -> PlanDiff.summary(p.plan())).orElse(null),
                            PlanDiff.summary(plan));
            return draft(handle, cycle).orElseThrow();
        });
    }

    public Optional<StoredPlan> draft(CycleId cycle) {
        return store.read(handle -> draft(handle, cycle));
    }

    /**
     * The draft the last re-solve replaced (kept so the deciders see what the re-solve changed); empty before the
     * first re-solve of the cycle.
     */
    public Optional<Plan> previousDraft(CycleId cycle) {
        return store.read(handle -> handle.createQuery(
                        "SELECT previous_plan_json FROM plan WHERE cycle = :cycle AND kind = 'DRAFT'"
                                + " AND previous_plan_json IS NOT NULL")
                .bind("cycle", cycle.value())
                .mapTo(String.class)
                .findOne()
                .map(json -> Json.read(json, Plan.class)));
    }

    /**
     * Publishes the current draft as the next immutable version and moves the cycle to published. Only deciders
     * publish; a stale {@code expectedDraftVersion} is refused so nobody publishes a draft they have not seen.
     */
    public StoredPlan publish(CycleId cycle, Integer expectedDraftVersion, String note, Actor actor) {
        return store.transaction(handle -> publish(handle, cycle, expectedDraftVersion, note, actor));
    }

    /** {@link #publish(CycleId, Integer, String, Actor)} inside the caller's transaction. */
    StoredPlan publish(Handle handle, CycleId cycle, Integer expectedDraftVersion, String note, Actor actor) {
        Versioned<Cycle> stored = CycleRepository.require(handle, cycle);
        CycleRepository.requireState(stored.value(), EnumSet.of(CycleState.DRAFT, CycleState.PUBLISHED), "publish");
        if (!CycleState.PUBLISHED.mayEnter().contains(actor.role())) {
            throw new AllotException(
                    Kind.FORBIDDEN,
                    "role-may-not-publish",
                    "Role " + actor.role().label() + " may not publish plans. Maybe ask a decider?");
        }
        StoredPlan draft = draft(handle, cycle)
                .orElseThrow(() -> new AllotException(
                        Kind.CONFLICT,
                        "no-draft",
                        "Cycle " + cycle + " has no draft plan to publish. Maybe solve a draft first?"));
        if (expectedDraftVersion != null && expectedDraftVersion != draft.version()) {
            throw Stale.of("draft plan of cycle " + cycle, expectedDraftVersion, draft.version());
        }
        Optional<StoredPlan> latest = latestPublished(handle, cycle);
        // A second publish of the same draft (a double click, two deciders at once, a retried request) would add a
        // version equal to the last one: the one publish that came first stands.
        if (latest.isPresent() && latest.get().plan().equals(draft.plan())) {
            throw new AllotException(
                    dev.allot.core.ErrorCode.DRAFT_ALREADY_PUBLISHED,
                    "The draft of cycle " + cycle + " is already published as version "
                            + latest.get().version()
                            + " (by " + latest.get().createdBy() + "); nothing was published again. Maybe change the"
                            + " draft (re-solve, pin) to publish a correction?");
        }
        int version = latest.map(p -> p.version() + 1).orElse(1);
        long id = insert(
                handle,
                cycle,
                StoredPlan.Kind.PUBLISHED,
                version,
                latest.map(StoredPlan::id).orElse(null),
                draft.plan(),
                note,
                actor);
        insertGrants(handle, id, draft.plan());
        for (ProjectPlan line : draft.plan().projects()) {
            handle.createUpdate("INSERT INTO decision_note (plan_id, project, decision, rationale)"
                            + " VALUES (:id, :project, :decision, :rationale)")
                    .bind("id", id)
                    .bind("project", line.project().value())
                    .bind("decision", line.decision().label())
                    .bind("rationale", line.explanation().summary())
                    .execute();
        }
        if (stored.value().state() == CycleState.DRAFT) {
            handle.createUpdate("UPDATE cycle SET state = :state, version = version + 1 WHERE id = :id")
                    .bind("state", CycleState.PUBLISHED.name())
                    .bind("id", cycle.value())
                    .execute();
        }
        StoredPlan published = byId(handle, id);
        store.audit()
                .record(
                        handle,
                        actor,
                        "publish",
                        "plan",
                        cycle + "/v" + version,
                        latest.map(p -> PlanDiff.summary(p.plan())).orElse(null),
                        PlanDiff.summary(published.plan()));
        return published;
    }

    /** Published versions of the cycle, oldest first. */
    public List<StoredPlan> published(CycleId cycle) {
        return store.read(handle -> handle.createQuery(
                        SELECT + " WHERE cycle = :cycle AND kind = 'PUBLISHED'" + " ORDER BY version")
                .bind("cycle", cycle.value())
                .map((rs, ctx) -> read(rs))
                .list());
    }

    public Optional<StoredPlan> published(CycleId cycle, int version) {
        return store.read(handle -> handle.createQuery(
                        SELECT + " WHERE cycle = :cycle AND kind = 'PUBLISHED'" + " AND version = :version")
                .bind("cycle", cycle.value())
                .bind("version", version)
                .map((rs, ctx) -> read(rs))
                .findOne());
    }

    public Optional<StoredPlan> latestPublished(CycleId cycle) {
        return store.read(handle -> latestPublished(handle, cycle));
    }

    /** The latest published plan of the latest cycle that starts before {@code cycle}. */
    public Optional<StoredPlan> previousPublished(CycleId cycle) {
        return store.read(handle -> previousPublished(handle, cycle));
    }

    static Optional<StoredPlan> previousPublished(Handle handle, CycleId cycle) {
        return handle.createQuery(SELECT + " p WHERE p.kind = 'PUBLISHED' AND p.cycle = (SELECT c.id FROM cycle c"
                        + " WHERE c.start_date < (SELECT start_date FROM cycle WHERE id = :cycle)"
                        + " AND EXISTS (SELECT 1 FROM plan q WHERE q.cycle = c.id AND q.kind = 'PUBLISHED')"
                        + " ORDER BY c.start_date DESC LIMIT 1) ORDER BY p.version DESC LIMIT 1")
                .bind("cycle", cycle.value())
                .map((rs, ctx) -> read(rs))
                .findOne();
    }

    static Optional<StoredPlan> latestPublished(Handle handle, CycleId cycle) {
        return handle.createQuery(SELECT + " WHERE cycle = :cycle AND kind = 'PUBLISHED' ORDER BY version DESC LIMIT 1")
                .bind("cycle", cycle.value())
                .map((rs, ctx) -> read(rs))
                .findOne();
    }

    static Optional<StoredPlan> draft(Handle handle, CycleId cycle) {
        return handle.createQuery(SELECT + " WHERE cycle = :cycle AND kind = 'DRAFT'")
                .bind("cycle", cycle.value())
                .map((rs, ctx) -> read(rs))
                .findOne();
    }

    private static StoredPlan byId(Handle handle, long id) {
        return handle.createQuery(SELECT + " WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> read(rs))
                .one();
    }

    private long insert(
            Handle handle,
            CycleId cycle,
            StoredPlan.Kind kind,
            int version,
            Long supersedes,
            Plan plan,
            String note,
            Actor actor) {
        return handle.createUpdate("INSERT INTO plan (cycle, kind, version, supersedes, plan_json, note, created_at,"
                        + " created_by) VALUES (:cycle, :kind, :version, :supersedes, :json, :note, :at, :by)")
                .bind("cycle", cycle.value())
                .bind("kind", kind.name())
                .bind("version", version)
                .bind("supersedes", supersedes)
                .bind("json", Json.write(plan))
                .bind("note", note == null ? "" : note)
                .bind("at", store.now().atOffset(ZoneOffset.UTC))
                .bind("by", actor.user())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    private static void insertGrants(Handle handle, long planId, Plan plan) {
        var batch = handle.prepareBatch("INSERT INTO plan_grant (plan_id, project, gpu_type, gpus, decision)"
                + " VALUES (:plan, :project, :type, :gpus, :decision)");
        boolean any = false;
        for (ProjectPlan line : plan.projects()) {
            for (var grant : line.grant().gpus().entrySet()) {
                batch.bind("plan", planId)
                        .bind("project", line.project().value())
                        .bind("type", grant.getKey().value())
                        .bind("gpus", grant.getValue())
                        .bind("decision", line.decision().label())
                        .add();
                any = true;
            }
        }
        if (any) {
            batch.execute();
        }
    }

    private static StoredPlan read(ResultSet rs) throws SQLException {
        Long supersedes = rs.getObject("supersedes", Long.class);
        return new StoredPlan(
                rs.getLong("id"),
                CycleId.of(rs.getString("cycle")),
                StoredPlan.Kind.valueOf(rs.getString("kind")),
                rs.getInt("version"),
                supersedes,
                Json.read(rs.getString("plan_json"), Plan.class),
                rs.getString("note"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getString("created_by"));
    }
}
