package dev.allot.store;

import dev.allot.core.model.Ask;
import dev.allot.core.model.DeciderOverride;
import dev.allot.core.model.Pin;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.Score;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** Writes of one cycle's asks, scores, pins and overrides. */
final class ReviewWrites {
    private final Changes changes;
    private final Handle handle;
    private final String cycle;

    ReviewWrites(Changes changes, String cycle) {
        this.changes = changes;
        this.handle = changes.handle();
        this.cycle = cycle;
    }

    /** Makes the cycle's asks, scores, pins and overrides exactly the given ones (evidence already stored is kept). */
    void replaceAll(List<Ask> asks, List<Score> scores, List<Pin> pins, List<DeciderOverride> overrides) {
        Map<ProjectId, Versioned<StoredAsk>> storedAsks = new HashMap<>();
        ReviewReads.asks(handle, cycle)
                .forEach(a -> storedAsks.put(a.value().ask().project(), a));
        Set<ProjectId> keep = new HashSet<>();
        for (Ask ask : asks) {
            keep.add(ask.project());
            Versioned<StoredAsk> before = storedAsks.get(ask.project());
            Evidence evidence = before == null ? Evidence.NONE : before.value().evidence();
            putAsk(before, new StoredAsk(ask, evidence), null);
        }
        storedAsks.forEach((project, ask) -> {
            if (!keep.contains(project)) {
                delete("ask", "DELETE FROM ask", project.value(), null, ask.value());
            }
        });
        Map<String, Score> storedScores = new HashMap<>();
        ReviewReads.scores(handle, cycle).forEach(s -> storedScores.put(s.project() + "/" + s.reviewer(), s));
        Set<String> keepScores = new HashSet<>();
        for (Score score : scores) {
            keepScores.add(score.project() + "/" + score.reviewer());
            putScore(storedScores.get(score.project() + "/" + score.reviewer()), score);
        }
        storedScores.forEach((key, score) -> {
            if (!keepScores.contains(key)) {
                delete("score", "DELETE FROM score", score.project().value(), score.reviewer(), score);
            }
        });
        replacePins(pins);
        replaceOverrides(overrides);
    }

    private void replacePins(List<Pin> pins) {
        Map<ProjectId, Pin> stored = new HashMap<>();
        ReviewReads.pins(handle, cycle).forEach(p -> stored.put(p.project(), p));
        pins.forEach(pin -> putPin(stored.remove(pin.project()), pin));
        stored.values()
                .forEach(pin -> delete("pin", "DELETE FROM pin", pin.project().value(), null, pin));
    }

    private void replaceOverrides(List<DeciderOverride> overrides) {
        Map<ProjectId, DeciderOverride> stored = new HashMap<>();
        ReviewReads.overrides(handle, cycle).forEach(o -> stored.put(o.project(), o));
        overrides.forEach(o -> putOverride(stored.remove(o.project()), o));
        stored.values()
                .forEach(o -> delete(
                        "override", "DELETE FROM decider_override", o.project().value(), null, o));
    }

    /** Writes the ask; when {@code expectedVersion} is given the stored version must match. Returns the new version. */
    int putAsk(Versioned<StoredAsk> before, StoredAsk after, Integer expectedVersion) {
        if (before != null && expectedVersion != null && before.version() != expectedVersion) {
            throw Stale.of("ask of " + after.ask().project() + " in cycle " + cycle, expectedVersion, before.version());
        }
        Ask ask = after.ask();
        String sql = before == null
                ? "INSERT INTO ask (cycle, project, floor_gpus, target_gpus, ceiling_gpus, gpu_types_json,"
                        + " speed_factors_json, justification, evidence_json, state, job_shape_json, version) VALUES"
                        + " (:cycle, :project, :floor, :target, :ceiling, :types, :speeds, :justification, :evidence,"
                        + " :state, :shape, 1)"
                : "UPDATE ask SET floor_gpus = :floor, target_gpus = :target, ceiling_gpus = :ceiling,"
                        + " gpu_types_json = :types, speed_factors_json = :speeds, justification = :justification,"
                        + " evidence_json = :evidence, state = :state, job_shape_json = :shape, version = version + 1"
                        + " WHERE cycle = :cycle AND project = :project AND version = :expected";
        int[] rows = new int[1];
        Runnable write = () -> rows[0] = handle.createUpdate(sql)
                .bind("cycle", cycle)
                .bind("project", ask.project().value())
                .bind("floor", ask.floorGpus())
                .bind("target", ask.targetGpus())
                .bind("ceiling", ask.ceilingGpus())
                .bind("types", Json.write(ask.gpuTypes()))
                .bind("speeds", Json.write(ask.speedFactors()))
                .bind("justification", ask.justification())
                .bind("evidence", Json.write(after.evidence()))
                .bind("state", after.state().name())
                .bind("shape", ask.jobShape().map(Json::write).orElse(null))
                .bind("expected", before == null ? 0 : before.version())
                .execute();
        changes.put("ask", cycle + "/" + ask.project(), before == null ? null : before.value(), after, write, write);
        if (before != null && !before.value().equals(after) && rows[0] == 0) {
            throw Stale.of("ask of " + ask.project() + " in cycle " + cycle, before.version());
        }
        return before == null ? 1 : before.value().equals(after) ? before.version() : before.version() + 1;
    }

    void putScore(Score before, Score after) {
        String sql = before == null
                ? "INSERT INTO score (cycle, project, reviewer, score, comment)"
                        + " VALUES (:cycle, :project, :reviewer, :score, :comment)"
                : "UPDATE score SET score = :score, comment = :comment"
                        + " WHERE cycle = :cycle AND project = :project AND reviewer = :reviewer";
        Runnable write = () -> handle.createUpdate(sql)
                .bind("cycle", cycle)
                .bind("project", after.project().value())
                .bind("reviewer", after.reviewer())
                .bind("score", after.score())
                .bind("comment", after.comment())
                .execute();
        changes.put("score", cycle + "/" + after.project() + "/" + after.reviewer(), before, after, write, write);
    }

    void putPin(Pin before, Pin after) {
        String sql = before == null
                ? "INSERT INTO pin (cycle, project, gpus_json, reason) VALUES (:cycle, :project, :gpus, :reason)"
                : "UPDATE pin SET gpus_json = :gpus, reason = :reason WHERE cycle = :cycle AND project = :project";
        Runnable write = () -> handle.createUpdate(sql)
                .bind("cycle", cycle)
                .bind("project", after.project().value())
                .bind("gpus", Json.write(after.gpus()))
                .bind("reason", after.reason())
                .execute();
        changes.put("pin", cycle + "/" + after.project(), before, after, write, write);
    }

    void putOverride(DeciderOverride before, DeciderOverride after) {
        String sql = before == null
                ? "INSERT INTO decider_override (cycle, project, action, reason)"
                        + " VALUES (:cycle, :project, :action, :reason)"
                : "UPDATE decider_override SET action = :action, reason = :reason"
                        + " WHERE cycle = :cycle AND project = :project";
        Runnable write = () -> handle.createUpdate(sql)
                .bind("cycle", cycle)
                .bind("project", after.project().value())
                .bind("action", after.action().name())
                .bind("reason", after.reason())
                .execute();
        changes.put("override", cycle + "/" + after.project(), before, after, write, write);
    }

    /** Deletes one row of {@code deleteFrom} for this cycle and project (and reviewer, for scores). */
    void delete(String entity, String deleteFrom, String project, String reviewer, Object before) {
        String sql = deleteFrom + " WHERE cycle = :cycle AND project = :project"
                + (reviewer == null ? "" : " AND reviewer = :reviewer");
        String id = cycle + "/" + project + (reviewer == null ? "" : "/" + reviewer);
        changes.delete(
                entity,
                id,
                before,
                () -> handle.createUpdate(sql)
                        .bind("cycle", cycle)
                        .bind("project", project)
                        .bind("reviewer", reviewer)
                        .execute());
    }
}
