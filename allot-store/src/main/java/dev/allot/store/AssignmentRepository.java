package dev.allot.store;

import dev.allot.core.model.CycleId;
import dev.allot.core.model.ProjectId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Which reviewer scores which project in a cycle. A save replaces the cycle's whole set in one transaction. */
public final class AssignmentRepository {
    /** One project assigned to one reviewer. */
    public record Assignment(ProjectId project, String reviewer) {
        public Assignment {
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(reviewer, "reviewer");
        }
    }

    private final Store store;

    AssignmentRepository(Store store) {
        this.store = store;
    }

    /** The cycle's assignments, by project then reviewer. */
    public List<Assignment> list(CycleId cycle) {
        return store.read(handle -> {
            CycleRepository.find(handle, cycle).orElseThrow(() -> CycleRepository.notFound(cycle));
            return handle.createQuery("SELECT project, reviewer FROM review_assignment WHERE cycle = :cycle"
                            + " ORDER BY project, reviewer")
                    .bind("cycle", cycle.value())
                    .map((rs, ctx) -> new Assignment(ProjectId.of(rs.getString("project")), rs.getString("reviewer")))
                    .list();
        });
    }

    /**
     * Replaces the cycle's assignments with {@code assignments} (the caller checked projects and reviewers) and
     * records the change in the audit trail.
     */
    public List<Assignment> replace(CycleId cycle, List<Assignment> assignments, Actor actor) {
        return store.transaction(handle -> {
            CycleRepository.find(handle, cycle).orElseThrow(() -> CycleRepository.notFound(cycle));
            List<Assignment> before = handle.createQuery(
                            "SELECT project, reviewer FROM review_assignment WHERE cycle = :cycle"
                                    + " ORDER BY project, reviewer")
                    .bind("cycle", cycle.value())
                    .map((rs, ctx) -> new Assignment(ProjectId.of(rs.getString("project")), rs.getString("reviewer")))
                    .list();
            handle.createUpdate("DELETE FROM review_assignment WHERE cycle = :cycle")
                    .bind("cycle", cycle.value())
                    .execute();
            var batch = handle.prepareBatch("INSERT INTO review_assignment (cycle, project, reviewer, assigned_at,"
                    + " assigned_by) VALUES (:cycle, :project, :reviewer, :at, :by)");
            for (Assignment assignment : assignments) {
                batch.bind("cycle", cycle.value())
                        .bind("project", assignment.project().value())
                        .bind("reviewer", assignment.reviewer())
                        .bind("at", store.now().atOffset(ZoneOffset.UTC))
                        .bind("by", actor.user())
                        .add();
            }
            if (!assignments.isEmpty()) {
                batch.execute();
            }
            store.audit()
                    .record(
                            handle,
                            actor,
                            "assign-reviewers",
                            "cycle",
                            cycle.value(),
                            Map.of("assignments", pairs(before)),
                            Map.of("assignments", pairs(assignments)));
            return List.copyOf(assignments);
        });
    }

    private static List<String> pairs(List<Assignment> assignments) {
        return assignments.stream()
                .map(a -> a.project().value() + ":" + a.reviewer())
                .sorted()
                .toList();
    }

    /** Distinct users who hold a reviewer's token: whom projects may be assigned to. */
    public List<String> reviewers() {
        return store.read(handle -> handle.createQuery(
                        "SELECT DISTINCT user_name FROM api_token WHERE role = :role ORDER BY user_name")
                .bind("role", Role.REVIEWER.name())
                .mapTo(String.class)
                .list());
    }
}
