package dev.allot.server;

import dev.allot.application.Assignments;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.ProjectId;
import dev.allot.store.Actor;
import dev.allot.store.AssignmentRepository.Assignment;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Handlers for reviewer assignments: list with each reviewer's progress, replace by hand, deal round-robin. */
final class AssignmentHandlers {
    private final Assignments assignments;

    AssignmentHandlers(Assignments assignments) {
        this.assignments = assignments;
    }

    /** The cycle's assignments (a reviewer's own only) and every reviewer's progress. */
    void list(Context ctx) {
        CycleId cycle = Requests.cycle(ctx);
        ctx.json(json(cycle, assignments.list(cycle, Requests.actor(ctx)), Requests.actor(ctx)));
    }

    /** Replaces the assignments with the body's {@code assignments}: reviewers per project id. */
    void replace(Context ctx) {
        CycleId cycle = Requests.cycle(ctx);
        Fields body = Fields.parse(ctx.body());
        Fields byProject = body.object("assignments", true);
        Map<ProjectId, List<String>> wanted = new LinkedHashMap<>();
        if (byProject != null) {
            for (String project : byProject.names()) {
                if (!Fields.SLUG.matcher(project).matches()) {
                    byProject.problem(project, project, "is not a project id", "Maybe a lower-case slug?");
                    continue;
                }
                wanted.put(ProjectId.of(project), byProject.texts(project, Fields.MAX_LIST, Fields.MAX_NAME));
            }
        }
        body.done();
        Actor actor = Requests.actor(ctx);
        ctx.json(json(cycle, assignments.assign(cycle, wanted, actor), actor));
    }

    /** Deals the active projects out to the body's {@code reviewers} (all when absent), {@code perProject} each. */
    void roundRobin(Context ctx) {
        CycleId cycle = Requests.cycle(ctx);
        Fields body = Fields.parse(ctx.body().isBlank() ? "{}" : ctx.body());
        List<String> reviewers = body.texts("reviewers", Fields.MAX_LIST, Fields.MAX_NAME);
        int perProject = body.integer("perProject", 1, 100, 1);
        body.done();
        Actor actor = Requests.actor(ctx);
        ctx.json(json(cycle, assignments.roundRobin(cycle, reviewers, perProject, actor), actor));
    }

    private Map<String, Object> json(CycleId cycle, List<Assignment> list, Actor actor) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cycle", cycle.value());
        body.put(
                "assignments",
                list.stream()
                        .map(a -> Map.of("project", a.project().value(), "reviewer", a.reviewer()))
                        .toList());
        body.put(
                "progress",
                assignments.progress(cycle).stream()
                        .filter(p -> actor.role() != dev.allot.store.Role.REVIEWER
                                || p.reviewer().equals(actor.user()))
                        .map(p -> Map.of("reviewer", p.reviewer(), "assigned", p.assigned(), "scored", p.scored()))
                        .toList());
        return body;
    }
}
