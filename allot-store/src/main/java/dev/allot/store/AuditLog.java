package dev.allot.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/** Every change, who made it and when, with the value before and after (as JSON); written in the change's transaction. */
public final class AuditLog {
    /** One change. {@code before} is null for a creation, {@code after} for a deletion. */
    public record Entry(
            long id,
            Instant at,
            String actor,
            String action,
            String entity,
            String entityId,
            String before,
            String after) {}

    /** How far below the newest id a late commit is still seen (see {@link #highWater()}). */
    static final int RECENT = 1_000;

    private static final String NOT_DATA = "('api', 'session', 'token', 'user-tokens')";

    private final Store store;

    AuditLog(Store store) {
        this.store = store;
    }

    /** Records a change unless before and after are equal (idempotent writes leave no trace). */
    void record(
            Handle handle, Actor actor, String action, String entity, String entityId, Object before, Object after) {
        String beforeJson = before == null ? null : Json.write(before);
        String afterJson = after == null ? null : Json.write(after);
        if (Objects.equals(beforeJson, afterJson)) {
            return;
        }
        handle.createUpdate("INSERT INTO audit_entry (at, actor, action, entity, entity_id, before_json, after_json)"
                        + " VALUES (:at, :actor, :action, :entity, :entityId, :before, :after)")
                .bind("at", store.now().atOffset(java.time.ZoneOffset.UTC))
                .bind("actor", actor.user())
                .bind("action", action)
                .bind("entity", entity)
                .bind("entityId", entityId)
                .bind("before", beforeJson)
                .bind("after", afterJson)
                .execute();
    }

    /**
     * A number that moves with every committed change to the lab's data, so readers (in this process or another on
     * the same database) can cache by it. It is the id of the newest change and how many of the last {@value
     * #RECENT} ids are committed changes: ids are handed out when an entry is written, not when its transaction
     * commits, so a change that took its id first may commit after a later one, and the count still moves then. Sign-ins,
     * tokens and sessions are audited too but change no data, so they leave it alone (a morning of sign-ins would
     * otherwise empty every cache). Both parts are read by index: the newest-first scan stops at the first data change,
     * and the count covers at most {@value #RECENT} ids.
     */
    public long highWater() {
        return store.read(handle -> {
            long newest = handle.createQuery(
                            "SELECT id FROM audit_entry WHERE entity NOT IN " + NOT_DATA + " ORDER BY id DESC LIMIT 1")
                    .mapTo(Long.class)
                    .findOne()
                    .orElse(0L);
            long recent = handle.createQuery("SELECT COUNT(*) FROM audit_entry WHERE id > :from AND id <= :newest"
                            + " AND entity NOT IN " + NOT_DATA)
                    .bind("from", newest - RECENT)
                    .bind("newest", newest)
                    .mapTo(Long.class)
                    .one();
            return newest * (RECENT + 1) + recent;
        });
    }

    /** The newest entries first, optionally for one entity ({@code entity} and {@code entityId} may be null). */
    public List<Entry> list(String entity, String entityId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_entry WHERE 1 = 1");
        if (entity != null) {
            sql.append(" AND entity = :entity");
        }
        if (entityId != null) {
            sql.append(" AND entity_id = :entityId");
        }
        sql.append(" ORDER BY id DESC LIMIT :limit");
        return store.read(handle -> {
            var query = handle.createQuery(sql.toString()).bind("limit", Math.max(1, Math.min(limit, 1000)));
            if (entity != null) {
                query.bind("entity", entity);
            }
            if (entityId != null) {
                query.bind("entityId", entityId);
            }
            return query.map((rs, ctx) -> new Entry(
                            rs.getLong("id"),
                            rs.getObject("at", OffsetDateTime.class).toInstant(),
                            rs.getString("actor"),
                            rs.getString("action"),
                            rs.getString("entity"),
                            rs.getString("entity_id"),
                            rs.getString("before_json"),
                            rs.getString("after_json")))
                    .list();
        });
    }
}
