package dev.allot.store;

import org.jdbi.v3.core.Handle;

/**
 * Versions of the resources that have no version column (scores, pins, overrides, a pool's capacity events, a
 * project's evidence in a cycle): the number of audited changes to the resource. Every write of them is audited in
 * its own transaction and a write that changes nothing leaves no entry, so the count grows exactly when the resource
 * changes, and a resource deleted and written again has a version it never had before.
 *
 * <p>A check and the write it guards run in one transaction that first locks the resource's parent row ({@link
 * #lock}), so of two writers holding the same version exactly one passes.
 */
final class AuditVersions {
    private AuditVersions() {}

    /** The resource's current version: 0 when it was never written. */
    static int current(Handle handle, String entity, String entityId) {
        return handle.createQuery("SELECT COUNT(*) FROM audit_entry WHERE entity = :entity AND entity_id = :id")
                .bind("entity", entity)
                .bind("id", entityId)
                .mapTo(Integer.class)
                .one();
    }

    /** A pool's capacity events: additions and imports are audited per pool, removals per event. */
    static int poolEvents(Handle handle, String pool) {
        return handle.createQuery("SELECT COUNT(*) FROM audit_entry WHERE (entity = 'capacity-events' AND entity_id"
                        + " = :pool) OR (entity = 'capacity-event' AND entity_id LIKE :prefix)")
                .bind("pool", pool)
                .bind("prefix", pool + "#%")
                .mapTo(Integer.class)
                .one();
    }

    /** Refuses the write when {@code expected} is given and is not {@code current}. */
    static void expect(String what, Integer expected, int current) {
        if (expected != null && expected != current) {
            throw Stale.of(what, expected, current);
        }
    }

    /**
     * Locks one row ({@code table}'s row whose {@code key} column is {@code value}) until the transaction ends, so
     * concurrent writes under it run one after the other.
     */
    static void lock(Handle handle, String table, String key, String value) {
        handle.createQuery("SELECT " + key + " FROM " + table + " WHERE " + key + " = :value FOR UPDATE")
                .bind("value", value)
                .mapTo(String.class)
                .findOne();
    }
}
