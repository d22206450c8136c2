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
     * The id of the newest change to the lab's data: it grows with every such change, so readers can cache by it.
     * Sign-ins, tokens and sessions are audited too but change no data, so they leave it alone (a morning of
     * sign-ins would otherwise empty every cache). The newest-first index scan stops at the first data change.
     */
    public long highWater() {
        return store.read(handle -> handle.createQuery("SELECT id FROM audit_entry WHERE entity NOT IN"
                        + " ('api', 'session', 'token', 'user-tokens') ORDER BY id DESC LIMIT 1")
                .mapTo(Long.class)
                .findOne()
                .orElse(0L));
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
