package dev.allot.web;

import dev.allot.application.Application;
import dev.allot.application.DraftCheck;
import dev.allot.application.Drafts;
import dev.allot.application.HighWaterCache;
import dev.allot.application.PublishCheck;
import dev.allot.application.Reads;
import dev.allot.application.Reviews;
import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.DeciderOverride;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Pin;
import dev.allot.core.model.ProjectId;
import dev.allot.core.rules.Fleet;
import dev.allot.core.rules.FleetRules;
import dev.allot.core.rules.Limits;
import dev.allot.store.Actor;
import dev.allot.store.Cycle;
import dev.allot.store.CycleState;
import dev.allot.store.StoredPlan;
import dev.allot.store.Versioned;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The deciders' actions on the review screen: pin, kill, fund or clear a project and re-solve in place; solve;
 * move the cycle on; publish after confirming the changes. Each goes through the store's own checks (state, role,
 * versions), so the screen can do nothing the API could not.
 */
final class ReviewActions {
    private final Reads reads;
    private final Application application;
    private final ReviewPage page;
    /**
     * Each cycle's draft check for the publish page (guard rails, invariants, content hash), computed by the
     * application and kept until the audit log's high-water mark moves: any change to the draft, the lab, the
     * policy or the approvals moves it. The approvals and the quorum are read on each view.
     */
    private final HighWaterCache<DraftCheck> draftChecks = new HighWaterCache<>(8);

    ReviewActions(Application application, ReviewPage page) {
        this.reads = application.reads();
        this.application = application;
        this.page = page;
    }

    String adjust(Context ctx, Page view) {
        Actor actor = decider(view);
        Cycle cycle = Cycles.require(reads, view.cycle()).value();
        Picked picked = pick(ctx, view, "adjust");
        if (picked.refusal() != null) {
            return picked.refusal();
        }
        ProjectId project = picked.project();
        String reason = Forms.text(ctx, "reason", 500);
        String action = Forms.text(ctx, "action", 10);
        Reviews reviews = application.reviews();
        switch (action) {
            case "pin" -> reviews.pin(cycle.id(), new Pin(project, pinned(ctx, project, cycle), reason), actor);
            case "kill" ->
                reviews.override(cycle.id(), new DeciderOverride(project, DeciderOverride.Action.KILL, reason), actor);
            case "fund" ->
                reviews.override(cycle.id(), new DeciderOverride(project, DeciderOverride.Action.FUND, reason), actor);
            case "clear" -> {
                reviews.remove(cycle.id(), "pin", project, actor);
                reviews.remove(cycle.id(), "override", project, actor);
            }
            default -> throw Forms.invalid("action", action, "not an action", "Maybe pin, kill, fund or clear?");
        }
        if (cycle.state() != CycleState.DRAFT && cycle.state() != CycleState.PUBLISHED) {
            return redirect(ctx, view, "done=adjusted&version=0&project=" + project.value());
        }
        return solveAndShow(ctx, view, cycle.id(), actor, null, "adjusted", project.value());
    }

    /** Starts the draft solve in the background and shows its progress ({@link SolvingPage}). */
    String solve(Context ctx, Page view, SolvingPage solving) {
        return solving.start(ctx, view, decider(view), Forms.version(ctx, "draft"));
    }

    /** Cancels a running draft solve (deciders). */
    String cancelSolve(Context ctx, Page view, SolvingPage solving) {
        return solving.cancel(ctx, view, decider(view));
    }

    String move(Context ctx, Page view) {
        Versioned<Cycle> cycle = Cycles.require(reads, view.cycle());
        CycleState target = CycleState.parse(Forms.text(ctx, "to", 20));
        if (!view.rights().mayMoveTo(target)) {
            throw new AllotException(
                    Kind.FORBIDDEN,
                    "role-may-not-transition",
                    "Role " + view.rights().roleLabel()
                            + " may not move cycle " + cycle.value().id() + " to '" + Forms.text(ctx, "to", 20)
                            + "'. Maybe ask a decider?");
        }
        Actor actor = actor(view);
        application.cycles().transition(cycle.value().id(), target, Forms.version(ctx, "version"), actor);
        if (target == CycleState.DRAFT && view.rights().mayDecide()) {
            return solveAndShow(ctx, view, cycle.value().id(), actor, null, "solved", "");
        }
        return redirect(ctx, view, "done=moved");
    }

    /** Saves the policy from the panel; while drafting, a decider's change re-solves the draft at once. */
    String policy(Context ctx, Page view) {
        if (!view.rights().maySetPolicy()) {
            throw new AllotException(
                    Kind.FORBIDDEN,
                    "role-forbidden",
                    "Role " + view.rights().roleLabel() + " may not change the policy. Maybe ask a decider?");
        }
        Versioned<Cycle> cycle = Cycles.require(reads, view.cycle());
        try {
            application
                    .cycles()
                    .editPolicy(
                            cycle.value().id(),
                            current -> PolicyForm.read(ctx, reads, current),
                            Forms.version(ctx, "version"),
                            actor(view));
        } catch (AllotException e) {
            if (e.kind() != Kind.INVALID_INPUT) {
                throw e;
            }
            ctx.status(422);
            return page.render(ctx, view, e.getMessage(), PolicyFormState.refused(e.problems(), ctx::formParam));
        }
        CycleState state = cycle.value().state();
        if (view.rights().mayDecide() && (state == CycleState.DRAFT || state == CycleState.PUBLISHED)) {
            return solveAndShow(ctx, view, cycle.value().id(), actor(view), null, "policy", "");
        }
        return redirect(ctx, view, "done=policy&version=0");
    }

    /** The confirmation before publishing: the changes the plan makes, and the draft version being confirmed. */
    String confirmPublish(Context ctx, Page view) {
        Actor actor = decider(view);
        Versioned<Cycle> cycle = Cycles.require(reads, view.cycle());
        ReviewPage.View review = page.view(view, cycle, "", "", "");
        if (review.derived().draft().isEmpty()) {
            throw new AllotException(
                    Kind.CONFLICT,
                    "no-draft",
                    "Cycle " + cycle.value().id() + " has no draft plan to publish. Maybe solve a draft first?");
        }
        CycleId id = cycle.value().id();
        DraftCheck draft = draftChecks.get(
                id.value(), reads.changeMark(), () -> application.approvals().draftCheck(id));
        PublishCheck check = application.approvals().check(draft);
        return Templates.render("publish.jte", new PublishView(review, check, actor.user()));
    }

    /** Approves the draft version the decider saw, then shows the publish page again. */
    String approve(Context ctx, Page view) {
        Actor actor = decider(view);
        CycleId cycle = Cycles.require(reads, view.cycle()).value().id();
        application.approvals().approve(cycle, Forms.version(ctx, "draft"), actor);
        return toPublish(ctx, view);
    }

    String withdraw(Context ctx, Page view) {
        Actor actor = decider(view);
        application
                .approvals()
                .withdraw(Cycles.require(reads, view.cycle()).value().id(), actor);
        return toPublish(ctx, view);
    }

    /** Publishes with the reasons typed for each guard-rail warning (form fields {@code ack.<rule code>}). */
    String publish(Context ctx, Page view) {
        Actor actor = decider(view);
        Cycle cycle = Cycles.require(reads, view.cycle()).value();
        String note = Forms.text(ctx, "note", 500);
        Map<String, String> reasons = new LinkedHashMap<>();
        for (String field : ctx.formParamMap().keySet()) {
            if (field.startsWith("ack.")) {
                reasons.put(field.substring("ack.".length()), Forms.text(ctx, field, 500));
            }
        }
        StoredPlan published =
                application.approvals().publish(cycle.id(), Forms.version(ctx, "draft"), reasons, note, actor);
        return redirect(ctx, view, "done=published&version=" + published.version());
    }

    private static String toPublish(Context ctx, Page view) {
        ctx.redirect("/review/publish" + view.cycleQuery(), HttpStatus.SEE_OTHER);
        return null;
    }

    private String solveAndShow(
            Context ctx, Page view, CycleId cycle, Actor actor, Integer expected, String done, String project) {
        Drafts.Solved solved;
        try {
            solved = application.drafts().solve(cycle, actor, expected);
        } catch (AllotException e) {
            if (e.kind() != Kind.INFEASIBLE && e.kind() != Kind.INVALID_INPUT) {
                throw e;
            }
            ctx.status(422);
            return page.render(ctx, view, e.getMessage());
        }
        StoredPlan saved = solved.draft();
        long changed = solved.changedProjects();
        return redirect(
                ctx,
                view,
                "done=" + done + "&version=" + saved.version() + "&changed=" + changed
                        + (project.isEmpty() ? "" : "&project=" + project + "#d-" + project));
    }

    private Allocation pinned(Context ctx, ProjectId project, Cycle cycle) {
        String type = Forms.text(ctx, "gpuType", 64);
        Fleet fleet = application.reviews().fleet();
        if (!fleet.has(type)) {
            throw Forms.refused(FleetRules.gpuType(type, fleet).get(0), "gpuType");
        }
        int gpus = Forms.integer(ctx, "gpus", 0, Limits.MAX_GPUS);
        FleetRules.pin(project.value(), type, gpus, fleet, cycle.policy().granularity()).stream()
                .findFirst()
                .ifPresent(problem -> {
                    throw Forms.refused(problem, "gpus");
                });
        return new Allocation(java.util.Map.of(GpuTypeId.of(type), gpus));
    }

    private static String redirect(Context ctx, Page view, String query) {
        String cycle = view.cycle() == null ? "" : "&cycle=" + view.cycle();
        int anchor = query.indexOf('#');
        String target = anchor < 0 ? query + cycle : query.substring(0, anchor) + cycle + query.substring(anchor);
        ctx.redirect("/review?" + target, HttpStatus.SEE_OTHER);
        return null;
    }

    /** Deals projects out round-robin, or adds or removes one project of one reviewer (deciders and admins). */
    String assign(Context ctx, Page view) {
        CycleId cycle = Cycles.require(reads, view.cycle()).value().id();
        String action = Forms.text(ctx, "action", 20);
        switch (action) {
            case "round-robin" ->
                application
                        .assignments()
                        .roundRobin(cycle, java.util.List.of(), Forms.integer(ctx, "perProject", 1, 100), actor(view));
            case "add", "remove" -> {
                Picked picked = pick(ctx, view, "assign");
                if (picked.refusal() != null) {
                    return picked.refusal();
                }
                application
                        .assignments()
                        .set(
                                cycle,
                                picked.project(),
                                Forms.text(ctx, "reviewer", 64),
                                action.equals("add"),
                                actor(view));
            }
            default ->
                throw Forms.invalid("action", action, "not an assignment action", "Maybe round-robin, add or remove?");
        }
        return redirect(ctx, view, "done=assigned#reviewers");
    }

    /** The project a form's picker named, or the page again with why not at the picker ({@code refusal}). */
    private record Picked(ProjectId project, String refusal) {}

    /** Reads {@code form}'s picker ("assign" or "adjust"); a project the lab lacks is refused with a 422 page. */
    private Picked pick(Context ctx, Page view, String form) {
        String typed = Forms.text(ctx, "project", 80);
        try {
            return new Picked(application.reads().pickedProject("project", typed), null);
        } catch (AllotException refused) {
            if (refused.kind() != Kind.INVALID_INPUT) {
                throw refused;
            }
            ctx.status(422);
            return new Picked(
                    null,
                    page.render(
                            ctx,
                            view,
                            refused.getMessage(),
                            ProjectPick.refused(form, typed, refused, application.reads())));
        }
    }

    private static Actor decider(Page view) {
        if (!view.rights().mayDecide()) {
            throw new AllotException(
                    Kind.FORBIDDEN,
                    "role-forbidden",
                    "Role " + view.rights().roleLabel()
                            + " may not pin, override, solve or publish. Maybe ask a decider?");
        }
        return actor(view);
    }

    private static Actor actor(Page view) {
        return new Actor(view.rights().user(), view.rights().role());
    }
}
