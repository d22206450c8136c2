package dev.allot.server;

import dev.allot.application.Application;
import dev.allot.application.Drafts;
import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import dev.allot.core.model.CycleId;
import dev.allot.lab.PlanDocument;
import dev.allot.store.StoredPlan;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** Handlers for plans: solving drafts, publishing, versions, the diff and the portfolio. */
final class PlanHandlers {
    private final Application application;
    private final Portfolio portfolio;

    PlanHandlers(Application application) {
        this.application = application;
        this.portfolio = new Portfolio(application.reads(), application.usage());
    }

    /** Solves the cycle as stored (policy, pins, overrides) and saves the result as its draft. */
    void solveDraft(Context ctx) {
        CycleId cycle = Requests.cycle(ctx);
        Integer expected = Requests.ifMatch(ctx);
        Drafts.Solved solved = application.drafts().solve(cycle, Requests.actor(ctx), expected);
        ctx.status(201);
        Map<String, Object> body = header(solved.draft());
        body.put("valueNotes", solved.valueNotes());
        body.put("plan", solved.plan());
        ctx.header("ETag", "\"" + solved.draft().version() + "\"").json(body);
    }

    void draft(Context ctx) {
        CycleId cycle = Requests.cycle(ctx);
        application.reads().cycle(cycle);
        stored(
                ctx,
                application
                        .reads()
                        .draft(cycle)
                        .orElseThrow(() -> new AllotException(
                                Kind.NOT_FOUND,
                                "no-draft",
                                "Cycle " + cycle + " has no draft plan. Maybe POST /api/cycles/" + cycle
                                        + "/draft to solve one?")));
    }

    void diff(Context ctx) {
        ctx.json(application.reads().diff(Requests.cycle(ctx)));
    }

    /**
     * The plan this caller may see (drafts are the deciders' and admins') as the one outward format, the
     * allot.plan/v1 document the CLI writes and the enforcers read: JSON, or YAML on {@code Accept: application/yaml}.
     */
    void document(Context ctx) {
        CycleId cycle = Requests.cycle(ctx);
        application.reads().cycle(cycle);
        StoredPlan shown = application
                .reads()
                .shownPlan(cycle, Requests.actor(ctx).role())
                .orElseThrow(() -> new AllotException(
                        Kind.NOT_FOUND,
                        "no-plan",
                        "Cycle " + cycle + " has no plan you may see yet (drafts are the deciders'). Maybe wait"
                                + " until it is published?"));
        String accept = ctx.header("Accept");
        if (accept != null && accept.contains("yaml")) {
            ctx.contentType("application/yaml").result(PlanDocument.yaml(shown.plan()));
        } else {
            ctx.contentType("application/vnd.allot.plan.v1+json").result(PlanDocument.json(shown.plan()));
        }
    }

    void plans(Context ctx) {
        CycleId cycle = Requests.cycle(ctx);
        application.reads().cycle(cycle);
        ctx.json(application.reads().published(cycle).stream()
                .map(PlanHandlers::header)
                .toList());
    }

    void plan(Context ctx) {
        CycleId cycle = Requests.cycle(ctx);
        int version = versionParam(ctx);
        stored(
                ctx,
                application
                        .reads()
                        .published(cycle, version)
                        .orElseThrow(() -> new AllotException(
                                Kind.NOT_FOUND,
                                "plan-not-found",
                                "Cycle " + cycle + " has no published plan version " + version
                                        + ". Maybe list them with GET /api/cycles/" + cycle + "/plans?")));
    }

    void portfolio(Context ctx) {
        Portfolio.View view = portfolio.view(Requests.cycle(ctx));
        ctx.header("ETag", view.etag());
        if (view.etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType("application/json").result(view.json());
    }

    static void stored(Context ctx, StoredPlan plan) {
        Map<String, Object> body = header(plan);
        body.put("plan", plan.plan());
        ctx.header("ETag", "\"" + plan.version() + "\"").json(body);
    }

    private static Map<String, Object> header(StoredPlan plan) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cycle", plan.cycle().value());
        body.put("kind", plan.kind());
        body.put("version", plan.version());
        body.put("supersedes", plan.supersedes());
        body.put("note", plan.note());
        body.put("createdAt", plan.createdAt().toString());
        body.put("createdBy", plan.createdBy());
        return body;
    }

    private static int versionParam(Context ctx) {
        String text = ctx.pathParam("version");
        try {
            int version = Integer.parseInt(text);
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw AllotException.invalid(
                "invalid-path",
                "version '" + Requests.shorten(text) + "' is not a plan version (1, 2, ...). Maybe check the URL?");
    }
}
