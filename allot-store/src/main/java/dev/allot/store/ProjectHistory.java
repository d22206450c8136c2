package dev.allot.store;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.Ask;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** One project across cycles: what it asked, was granted and used, the decisions and why, and its status changes. */
public record ProjectHistory(ProjectId project, List<CycleLine> cycles, List<StatusChange> statusChanges) {
    /** One cycle of the project; granted and decision come from the cycle's latest published plan, if any. */
    public record CycleLine(
            CycleId cycle,
            LocalDate start,
            String state,
            Optional<Ask> asked,
            Allocation granted,
            Optional<Integer> planVersion,
            String decision,
            String rationale,
            double usedGpuHours) {}

    public record StatusChange(ProjectStatus status, Instant at, String by, String reason) {}

    static ProjectHistory load(Handle handle, ProjectId project) {
        List<CycleLine> lines = handle
                .createQuery("SELECT * FROM cycle ORDER BY start_date")
                .map((rs, ctx) -> CycleId.of(rs.getString("id")))
                .list()
                .stream()
                .map(cycle -> line(handle, cycle, project))
                .toList();
        List<StatusChange> changes = handle.createQuery(
                        "SELECT * FROM project_status_history WHERE project = :p" + " ORDER BY id")
                .bind("p", project.value())
                .map((rs, ctx) -> new StatusChange(
                        ProjectStatus.valueOf(rs.getString("status")),
                        rs.getObject("changed_at", OffsetDateTime.class).toInstant(),
                        rs.getString("changed_by"),
                        rs.getString("reason")))
                .list();
        return new ProjectHistory(project, lines, changes);
    }

    private static CycleLine line(Handle handle, CycleId cycle, ProjectId project) {
        Cycle stored = CycleRepository.require(handle, cycle).value();
        Optional<Ask> asked = ReviewReads.ask(handle, cycle.value(), project)
                .map(a -> a.value().ask());
        Optional<StoredPlan> plan = PlanRepository.latestPublished(handle, cycle);
        Allocation granted = plan.flatMap(p -> p.plan().project(project))
                .map(line -> line.grant())
                .orElse(Allocation.NONE);
        String decision = plan.flatMap(p -> p.plan().project(project))
                .map(line -> line.decision().label())
                .orElse("");
        String rationale = plan.flatMap(p -> p.plan().project(project))
                .map(line -> line.explanation().summary())
                .orElse("");
        return new CycleLine(
                cycle,
                stored.start(),
                stored.state().label(),
                asked,
                granted,
                plan.map(StoredPlan::version),
                decision,
                rationale,
                UsageRepository.usedGpuHours(handle, cycle, project));
    }
}
