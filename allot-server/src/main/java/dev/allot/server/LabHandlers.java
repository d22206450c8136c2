package dev.allot.server;

import dev.allot.application.Application;
import dev.allot.application.Reads;
import dev.allot.application.Usage;
import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.rules.IdRules;
import dev.allot.store.Actor;
import dev.allot.store.Role;
import dev.allot.store.UsageDay;
import dev.allot.store.Versioned;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Handlers for the lab: fleet, projects, history, usage, audit, tokens and sessions. */
final class LabHandlers {
    private final Application application;
    private final Reads reads;

    LabHandlers(Application application) {
        this.application = application;
        this.reads = application.reads();
    }

    void me(Context ctx) {
        Actor actor = Requests.actor(ctx);
        ctx.json(Map.of("user", actor.user(), "role", actor.role().label()));
    }

    void gpuTypes(Context ctx) {
        ctx.json(reads.gpuTypes());
    }

    void pools(Context ctx) {
        ctx.json(reads.pools());
    }

    void categories(Context ctx) {
        ctx.json(reads.categories());
    }

    void projects(Context ctx) {
        ctx.json(reads.projects().stream().map(Versioned::value).toList());
    }

    void project(Context ctx) {
        ProjectId id = Requests.project(ctx);
        Requests.versioned(ctx, reads.project(id).orElseThrow(() -> notFound(id)));
    }

    void createProject(Context ctx) {
        Fields body = Fields.parse(ctx.body());
        String id = body.text("id", Fields.MAX_NAME, null);
        IdRules.projectId(id).forEach(problem -> body.add(problem, "id"));
        body.done();
        Project project = Inputs.project(body, ProjectId.of(id));
        Versioned<Project> created = application.projects().create(project, Requests.actor(ctx));
        ctx.status(201).header("Location", "/api/projects/" + id);
        Requests.versioned(ctx, created);
    }

    void updateProject(Context ctx) {
        ProjectId id = Requests.project(ctx);
        Integer expected = Requests.ifMatch(ctx);
        Project project = Inputs.project(Fields.parse(ctx.body()), id);
        Requests.versioned(ctx, application.projects().update(project, expected, Requests.actor(ctx)));
    }

    void history(Context ctx) {
        ctx.json(reads.history(Requests.project(ctx)));
    }

    void usage(Context ctx) {
        ProjectId id = Requests.project(ctx);
        reads.project(id).orElseThrow(() -> notFound(id));
        LocalDate to = queryDate(ctx, "to", LocalDate.now());
        LocalDate from = queryDate(ctx, "from", to.minusDays(90));
        ctx.json(reads.usage(id, from, to));
    }

    void recordUsage(Context ctx) {
        Fields body = Fields.parse(ctx.body());
        List<UsageDay> days = body.list("days", 10_000, day -> {
            String project = day.slug("project", null);
            String type = day.text("gpuType", 64, null);
            LocalDate date = day.date("day");
            double hours = day.number("gpuHours", 0, 1e9, null);
            return project.isEmpty() || type.isBlank()
                    ? null
                    : new UsageDay(ProjectId.of(project), GpuTypeId.of(type), date, hours);
        });
        body.done();
        Usage.Recorded recorded = application.usage().record(days, Requests.actor(ctx));
        ctx.json(Map.of(
                "received",
                days.size(),
                "changed",
                recorded.changedDays(),
                "leftOut",
                recorded.leftOut(),
                "unknownProjects",
                recorded.unknownProjects()));
    }

    void audit(Context ctx) {
        String entity = ctx.queryParam("entity");
        String entityId = ctx.queryParam("id");
        int limit = queryInt(ctx, "limit", 100, 1, 1000);
        ctx.json(reads.audit(entity, entityId, limit));
    }

    void createToken(Context ctx) {
        Fields body = Fields.parse(ctx.body());
        String user = body.text("user", 64, null);
        String role = body.choice("role", List.of("admin", "decider", "reviewer", "lead", "viewer"), null);
        String label = body.text("label", Fields.MAX_NAME, "");
        body.done();
        var issued = application.tokens().create(user, Role.parse(role, "role"), label, Requests.actor(ctx));
        ctx.status(201)
                .json(Map.of(
                        "token",
                        issued.token(),
                        "user",
                        issued.user(),
                        "role",
                        issued.role().label()));
    }

    void createSession(Context ctx) {
        var session = application
                .signIn()
                .openSession(Requests.token(ctx), Duration.ofHours(12))
                .orElseThrow(
                        () -> new AllotException(
                                Kind.FORBIDDEN,
                                ProblemResponses.UNAUTHENTICATED,
                                "The token was revoked or expired just now. Maybe create a new one with 'allot token create'?"));
        ctx.cookie(new io.javalin.http.Cookie(
                Requests.SESSION_COOKIE,
                session.token(),
                "/",
                12 * 3600,
                EdgeChecks.isSecure(ctx),
                true,
                null,
                io.javalin.http.SameSite.STRICT));
        ctx.status(201)
                .json(Map.of(
                        "user",
                        session.user(),
                        "role",
                        session.role().label(),
                        "expiresAt",
                        session.expiresAt().toString(),
                        "csrfToken",
                        Requests.csrfToken(session.token())));
    }

    static AllotException notFound(ProjectId id) {
        return new AllotException(
                Kind.NOT_FOUND,
                "project-not-found",
                "Project " + id + " does not exist. Maybe check the slug, or list projects with GET /api/projects?");
    }

    static int queryInt(Context ctx, String name, int fallback, int min, int max) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw AllotException.invalid(
                "invalid-query",
                name + ": '" + Requests.shorten(text) + "' must be a whole" + " number from " + min + " to " + max
                        + ". Maybe " + fallback + "?");
    }

    private static LocalDate queryDate(Context ctx, String name, LocalDate fallback) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return fallback;
        }
        try {
            return LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw AllotException.invalid(
                    "invalid-query", name + ": '" + Requests.shorten(text) + "' is not a date. Maybe 2026-12-01?");
        }
    }
}
