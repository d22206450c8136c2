package dev.allot.server;

import dev.allot.application.Application;
import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import dev.allot.core.ErrorCode;
import dev.allot.core.Problem;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Pin;
import dev.allot.core.model.ProjectId;
import dev.allot.lab.LabYaml;
import dev.allot.store.Actor;
import dev.allot.store.AskState;
import dev.allot.store.Cycle;
import dev.allot.store.CycleState;
import dev.allot.store.ImportSummary;
import dev.allot.store.StoredAsk;
import dev.allot.store.Versioned;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Handlers for cycles: workflow, policy, asks, scores, pins and overrides. */
final class CycleHandlers {
    private static final List<String> STATES =
            Arrays.stream(CycleState.values()).map(CycleState::label).toList();

    private final Application application;

    CycleHandlers(Application application) {
        this.application = application;
    }

    void list(Context ctx) {
        ctx.json(application.reads().cycles().stream().map(Versioned::value).toList());
    }

    void get(Context ctx) {
        Requests.versioned(ctx, application.reads().cycle(Requests.cycle(ctx)));
    }

    void create(Context ctx) {
        Fields body = Fields.parse(ctx.body());
        String id = body.slug("id", null);
        LocalDate start = body.date("start");
        LocalDate deadline = body.has("askDeadline") ? body.date("askDeadline") : null;
        Fields policyFields = body.object("policy", false);
        body.done();
        // The new cycle starts from the previous cycle's policy; the body's policy fields edit it.
        Versioned<Cycle> created = application
                .cycles()
                .create(
                        CycleId.of(id),
                        start,
                        previous -> policyFields == null ? previous : Inputs.policy(policyFields, previous),
                        deadline,
                        Requests.actor(ctx));
        ctx.status(201).header("Location", "/api/cycles/" + id);
        Requests.versioned(ctx, created);
    }

    void transition(Context ctx) {
        CycleId id = Requests.cycle(ctx);
        Integer expected = Requests.ifMatch(ctx);
        Fields body = Fields.parse(ctx.body());
        String to = body.choice("to", STATES, null);
        body.done();
        Requests.versioned(
                ctx, application.cycles().transition(id, CycleState.parse(to), expected, Requests.actor(ctx)));
    }

    void setPolicy(Context ctx) {
        CycleId id = Requests.cycle(ctx);
        Integer expected = Requests.ifMatch(ctx);
        Fields body = Fields.parse(ctx.body());
        Requests.versioned(
                ctx,
                application
                        .cycles()
                        .editPolicy(id, current -> Inputs.policy(body, current), expected, Requests.actor(ctx)));
    }

    /**
     * The cycle's asks with their state and lead; {@code ?state=missing|carried|confirmed} lists the projects in that
     * state (missing ones too), without it every stored ask (confirmed and carried over).
     */
    void asks(Context ctx) {
        CycleId cycle = Requests.cycle(ctx);
        String state = ctx.queryParam("state");
        if (state == null) {
            ctx.json(application.reviews().askStatuses(cycle, Optional.empty()).stream()
                    .filter(status -> status.state() != AskState.MISSING)
                    .toList());
            return;
        }
        AskState wanted = AskState.parse(state)
                .orElseThrow(() -> new AllotException(
                        ErrorCode.ASK_STATE,
                        "Query parameter state: '" + Requests.shorten(state) + "' is not an ask state. Maybe one of "
                                + AskState.labels() + "?",
                        List.of(new Problem(
                                ErrorCode.ASK_STATE.code(),
                                "state",
                                Requests.shorten(state),
                                "is not an ask state; one of " + AskState.labels(),
                                "Maybe ?state=missing?")),
                        null));
        ctx.json(application.reviews().askStatuses(cycle, Optional.of(wanted)));
    }

    /** Its lead confirms a carried-over ask as it stands. */
    void confirmAsk(Context ctx) {
        CycleId cycle = Requests.cycle(ctx);
        ProjectId project = Requests.project(ctx);
        Integer expected = Requests.ifMatch(ctx);
        Requests.versioned(ctx, application.reviews().confirmAsk(cycle, project, expected, Requests.actor(ctx)));
    }

    void setAskDeadline(Context ctx) {
        CycleId id = Requests.cycle(ctx);
        Integer expected = Requests.ifMatch(ctx);
        Fields body = Fields.parse(ctx.body());
        LocalDate deadline = body.has("askDeadline") ? body.date("askDeadline") : null;
        body.done();
        Requests.versioned(ctx, application.cycles().setAskDeadline(id, deadline, expected, Requests.actor(ctx)));
    }

    void ask(Context ctx) {
        CycleId cycle = Requests.cycle(ctx);
        ProjectId project = Requests.project(ctx);
        Requests.versioned(
                ctx,
                application
                        .reads()
                        .ask(cycle, project)
                        .orElseThrow(() -> new AllotException(
                                Kind.NOT_FOUND,
                                "ask-not-found",
                                "Project " + project + " has no ask in cycle " + cycle + ". Maybe PUT one first?")));
    }

    /** Project leads write the asks of the projects they lead; admins any ask. */
    void putAsk(Context ctx) {
        CycleId cycle = Requests.cycle(ctx);
        ProjectId project = Requests.project(ctx);
        Integer expected = Requests.ifMatch(ctx);
        Actor actor = Requests.actor(ctx);
        // Who may write this ask is the application's rule; checked before the body so a stranger learns nothing.
        application.reviews().requireAskWriter(project, actor);
        StoredAsk ask = Inputs.ask(Fields.parse(ctx.body()), project, application.reviews()::askProblems);
        Requests.versioned(ctx, application.reviews().submitAsk(cycle, ask, expected, actor));
    }

    void scores(Context ctx) {
        ctx.json(application.reads().scores(Requests.cycle(ctx)));
    }

    /** The caller's own score of a project, with its ETag. */
    void score(Context ctx) {
        CycleId cycle = Requests.cycle(ctx);
        ProjectId project = Requests.project(ctx);
        Requests.versioned(
                ctx,
                application.reviews().score(cycle, project, Requests.actor(ctx).user()));
    }

    void putScore(Context ctx) {
        CycleId cycle = Requests.cycle(ctx);
        ProjectId project = Requests.project(ctx);
        Integer expected = Requests.ifMatch(ctx);
        Actor actor = Requests.actor(ctx);
        Requests.versioned(
                ctx,
                application
                        .reviews()
                        .score(cycle, Inputs.score(Fields.parse(ctx.body()), project, actor.user()), expected, actor));
    }

    void pins(Context ctx) {
        ctx.json(application.reads().pins(Requests.cycle(ctx)));
    }

    void pin(Context ctx) {
        Requests.versioned(ctx, application.reviews().pin(Requests.cycle(ctx), Requests.project(ctx)));
    }

    void putPin(Context ctx) {
        CycleId cycle = Requests.cycle(ctx);
        ProjectId project = Requests.project(ctx);
        Integer expected = Requests.ifMatch(ctx);
        Pin pin = Inputs.pin(
                Fields.parse(ctx.body()),
                project,
                application.reviews().fleet(),
                application.reads().cycle(cycle).value().policy().granularity());
        Requests.versioned(ctx, application.reviews().pin(cycle, pin, expected, Requests.actor(ctx)));
    }

    void overrides(Context ctx) {
        ctx.json(application.reads().overrides(Requests.cycle(ctx)));
    }

    void override(Context ctx) {
        Requests.versioned(ctx, application.reviews().override(Requests.cycle(ctx), Requests.project(ctx)));
    }

    void putOverride(Context ctx) {
        CycleId cycle = Requests.cycle(ctx);
        ProjectId project = Requests.project(ctx);
        Integer expected = Requests.ifMatch(ctx);
        Requests.versioned(
                ctx,
                application
                        .reviews()
                        .override(
                                cycle,
                                Inputs.override(Fields.parse(ctx.body()), project),
                                expected,
                                Requests.actor(ctx)));
    }

    void deletePin(Context ctx) {
        remove(ctx, "pin");
    }

    void deleteOverride(Context ctx) {
        remove(ctx, "override");
    }

    /** Imports a lab file sent as {@code content} (its YAML text); the application decides who may. */
    void importLab(Context ctx) {
        Fields body = Fields.parse(ctx.body());
        String content = body.text("content", EvidenceHandlers.MAX_CONTENT, null);
        String source = body.text("source", Fields.MAX_NAME, "api");
        body.done();
        // The whole file, evidence section included, as 'allot lab import' reads it.
        dev.allot.lab.LabFile file = LabYaml.readFile(content, source);
        Lab lab = file.lab();
        ImportSummary summary = application.cycles().importLabFile(file, Requests.actor(ctx));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("cycle", lab.cycle().value());
        reply.put("created", summary.created());
        reply.put("updated", summary.updated());
        reply.put("deleted", summary.deleted());
        reply.put("unchanged", summary.unchanged());
        ctx.json(reply);
    }

    private void remove(Context ctx, String kind) {
        CycleId cycle = Requests.cycle(ctx);
        ProjectId project = Requests.project(ctx);
        Integer expected = Requests.ifMatch(ctx);
        if (!application.reviews().remove(cycle, kind, project, expected, Requests.actor(ctx))) {
            throw new AllotException(
                    Kind.NOT_FOUND,
                    kind + "-not-found",
                    "Project " + project + " has no " + kind + " in cycle " + cycle
                            + ". Maybe it was already removed?");
        }
        ctx.status(204);
    }
}
