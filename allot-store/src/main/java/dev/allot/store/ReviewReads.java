package dev.allot.store;

import dev.allot.core.model.DeciderOverride;
import dev.allot.core.model.Pin;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.Score;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Queries of one cycle's asks, scores, pins and overrides, in project order. */
final class ReviewReads {
    private ReviewReads() {}

    static List<Versioned<StoredAsk>> asks(Handle handle, String cycle) {
        return handle.createQuery("SELECT a.* FROM ask a JOIN project p ON p.id = a.project WHERE a.cycle = :cycle"
                        + " ORDER BY p.position, a.project")
                .bind("cycle", cycle)
                .map((rs, ctx) -> new Versioned<>(
                        new StoredAsk(
                                Rows.ask(rs),
                                Json.read(rs.getString("evidence_json"), Evidence.class),
                                AskState.valueOf(rs.getString("state"))),
                        rs.getInt("version")))
                .list();
    }

    static Optional<Versioned<StoredAsk>> ask(Handle handle, String cycle, ProjectId project) {
        return handle.createQuery("SELECT * FROM ask WHERE cycle = :cycle AND project = :project")
                .bind("cycle", cycle)
                .bind("project", project.value())
                .map((rs, ctx) -> new Versioned<>(
                        new StoredAsk(
                                Rows.ask(rs),
                                Json.read(rs.getString("evidence_json"), Evidence.class),
                                AskState.valueOf(rs.getString("state"))),
                        rs.getInt("version")))
                .findOne();
    }

    static List<Score> scores(Handle handle, String cycle) {
        return handle.createQuery("SELECT * FROM score WHERE cycle = :cycle ORDER BY project, reviewer")
                .bind("cycle", cycle)
                .map((rs, ctx) -> new Score(
                        ProjectId.of(rs.getString("project")),
                        rs.getString("reviewer"),
                        rs.getInt("score"),
                        rs.getString("comment")))
                .list();
    }

    static List<Pin> pins(Handle handle, String cycle) {
        return handle.createQuery("SELECT * FROM pin WHERE cycle = :cycle ORDER BY project")
                .bind("cycle", cycle)
                .map((rs, ctx) -> new Pin(
                        ProjectId.of(rs.getString("project")),
                        Rows.allocation(rs.getString("gpus_json")),
                        rs.getString("reason")))
                .list();
    }

    static List<DeciderOverride> overrides(Handle handle, String cycle) {
        return handle.createQuery("SELECT * FROM decider_override WHERE cycle = :cycle ORDER BY project")
                .bind("cycle", cycle)
                .map((rs, ctx) -> new DeciderOverride(
                        ProjectId.of(rs.getString("project")),
                        DeciderOverride.Action.valueOf(rs.getString("action")),
                        rs.getString("reason")))
                .list();
    }
}
