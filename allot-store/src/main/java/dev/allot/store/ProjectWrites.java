package dev.allot.store;

import dev.allot.core.model.Project;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Handle;

/** Project rows and their status history. */
final class ProjectWrites {
    private ProjectWrites() {}

    static void insert(Handle handle, Project project, int position, Instant now, Changes changes) {
        handle.createUpdate("INSERT INTO project (id, name, category, lead, members_json, status, position, version)"
                        + " VALUES (:id, :name, :category, :lead, :members, :status, :position, 1)")
                .bind("id", project.id().value())
                .bind("name", project.name())
                .bind("category", project.category().value())
                .bind("lead", project.lead())
                .bind("members", Json.write(project.members()))
                .bind("status", project.status().name())
                .bind("position", position)
                .execute();
        statusChanged(handle, project, now, changes, "created");
    }

    /** Updates the row if {@code expectedVersion} still matches (or is null); returns whether it did. */
    static boolean update(
            Handle handle, Project before, Project after, Instant now, Changes changes, Integer expectedVersion) {
        int rows = handle.createUpdate("UPDATE project SET name = :name, category = :category, lead = :lead,"
                        + " members_json = :members, status = :status, version = version + 1 WHERE id = :id"
                        + (expectedVersion == null ? "" : " AND version = :expected"))
                .bind("id", after.id().value())
                .bind("name", after.name())
                .bind("category", after.category().value())
                .bind("lead", after.lead())
                .bind("members", Json.write(after.members()))
                .bind("status", after.status().name())
                .bind("expected", expectedVersion == null ? 0 : expectedVersion)
                .execute();
        if (rows == 1 && before.status() != after.status()) {
            statusChanged(handle, after, now, changes, "status " + before.status() + " -> " + after.status());
        }
        return rows == 1;
    }

    static void update(Handle handle, Project before, Project after, Instant now, Changes changes) {
        update(handle, before, after, now, changes, null);
    }

    private static void statusChanged(Handle handle, Project project, Instant now, Changes changes, String reason) {
        handle.createUpdate("INSERT INTO project_status_history (project, status, changed_at, changed_by, reason)"
                        + " VALUES (:project, :status, :at, :by, :reason)")
                .bind("project", project.id().value())
                .bind("status", project.status().name())
                .bind("at", now.atOffset(ZoneOffset.UTC))
                .bind("by", changes.actorName())
                .bind("reason", reason)
                .execute();
    }
}
