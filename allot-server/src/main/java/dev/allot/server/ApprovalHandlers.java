package dev.allot.server;

import dev.allot.application.Application;
import dev.allot.application.PublishCheck;
import dev.allot.core.guard.GuardWarning;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.ProjectId;
import dev.allot.store.Approval;
import dev.allot.store.StoredPlan;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** Handlers for approvals, the publish check and the publish they gate. */
final class ApprovalHandlers {
    private final Application application;

    ApprovalHandlers(Application application) {
        this.application = application;
    }

    /** Approves the draft the caller saw ({@code If-Match} names its version, when given). */
    void approve(Context ctx) {
        CycleId cycle = Requests.cycle(ctx);
        PublishCheck check = application.approvals().approve(cycle, Requests.ifMatch(ctx), Requests.actor(ctx));
        ctx.status(201).json(json(check));
    }

    void withdraw(Context ctx) {
        ctx.json(json(application.approvals().withdraw(Requests.cycle(ctx), Requests.actor(ctx))));
    }

    void check(Context ctx) {
        ctx.json(json(application.approvals().check(Requests.cycle(ctx))));
    }

    /**
     * Publishes the draft the caller saw: {@code If-Match} names the draft version; the body's
     * {@code acknowledgements} give a reason per guard-rule code.
     */
    void publish(Context ctx) {
        CycleId cycle = Requests.cycle(ctx);
        Integer expected = Requests.ifMatch(ctx);
        Fields body = ctx.body().isBlank() ? null : Fields.parse(ctx.body());
        String note = body == null ? "" : body.text("note", Fields.MAX_TEXT, "");
        Map<String, String> reasons = new LinkedHashMap<>();
        Fields acknowledgements = body == null ? null : body.object("acknowledgements", false);
        if (acknowledgements != null) {
            for (String code : acknowledgements.names()) {
                reasons.put(code, acknowledgements.text(code, Fields.MAX_TEXT, ""));
            }
        }
        if (body != null) {
            body.done();
        }
        StoredPlan published = application.approvals().publish(cycle, expected, reasons, note, Requests.actor(ctx));
        ctx.status(201).header("Location", "/api/cycles/" + cycle + "/plans/" + published.version());
        PlanHandlers.stored(ctx, published);
    }

    static Map<String, Object> json(PublishCheck check) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cycle", check.cycle().value());
        body.put("draftVersion", check.draftVersion());
        body.put("contentHash", check.contentHash());
        body.put("author", check.author());
        body.put("requiredApprovals", check.requiredApprovals());
        body.put("approvers", check.approvers());
        body.put(
                "approvals",
                check.approvals().stream().map(ApprovalHandlers::approval).toList());
        body.put(
                "voided",
                check.voided().stream().map(ApprovalHandlers::approval).toList());
        body.put(
                "warnings",
                check.warnings().stream().map(ApprovalHandlers::warning).toList());
        body.put("invariantViolations", check.invariantViolations());
        body.put("quorumMet", check.quorumMet());
        body.put("publishable", check.publishable());
        return body;
    }

    private static Map<String, Object> approval(Approval approval) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decider", approval.decider());
        body.put("draftVersion", approval.draftVersion());
        body.put("contentHash", approval.contentHash());
        body.put("approvedAt", approval.approvedAt().toString());
        body.put(
                "voidedAt",
                approval.voidedAt() == null ? null : approval.voidedAt().toString());
        body.put("voidReason", approval.voidReason());
        return body;
    }

    private static Map<String, Object> warning(GuardWarning warning) {
        return Map.of(
                "rule",
                warning.rule().code(),
                "title",
                warning.rule().title(),
                "message",
                warning.message(),
                "projects",
                warning.projects().stream().map(ProjectId::value).toList());
    }
}
