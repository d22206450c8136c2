package dev.allot.store;

import org.jdbi.v3.core.Handle;

/** Counts and audits the writes of one command, skipping writes that would change nothing. */
final class Changes {
    private final Handle handle;
    private final Actor actor;
    private final AuditLog audit;
    private int created;
    private int updated;
    private int deleted;
    private int unchanged;

    Changes(Handle handle, Actor actor, AuditLog audit) {
        this.handle = handle;
        this.actor = actor;
        this.audit = audit;
    }

    String actorName() {
        return actor.user();
    }

    Handle handle() {
        return handle;
    }

    /** Inserts {@code after} when {@code before} is null, updates when they differ, else does nothing. */
    <T> void put(String entity, String id, T before, T after, Runnable insert, Runnable update) {
        if (before == null) {
            insert.run();
            created++;
            audit.record(handle, actor, "create", entity, id, null, after);
        } else if (!before.equals(after)) {
            update.run();
            updated++;
            audit.record(handle, actor, "update", entity, id, before, after);
        } else {
            unchanged++;
        }
    }

    <T> void delete(String entity, String id, T before, Runnable delete) {
        delete.run();
        deleted++;
        audit.record(handle, actor, "delete", entity, id, before, null);
    }

    ImportSummary summary() {
        return new ImportSummary(created, updated, deleted, unchanged);
    }
}
