package dev.allot.server;

import dev.allot.application.Application;
import dev.allot.application.Enforcements;
import dev.allot.core.model.CycleId;
import dev.allot.lab.LabYaml;
import dev.allot.store.EnforcementRun;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/cycles/{cycle}/enforcement}: what the enforcers apply (the latest published plan and its lab) and the
 * record of their runs.
 */
final class EnforcementHandlers {
    /** Response headers naming the cycle and published version a plan document belongs to. */
    static final String CYCLE_HEADER = "Allot-Cycle";

    static final String VERSION_HEADER = "Allot-Plan-Version";

    private final Application application;

    EnforcementHandlers(Application application) {
        this.application = application;
    }

    /** Every recorded run of the cycle, newest first. */
    void list(Context ctx) {
        CycleId cycle = Requests.cycle(ctx);
        ctx.json(application.enforcements().list(cycle).stream()
                .map(EnforcementHandlers::json)
                .toList());
    }

    /** Records one run; the user is the caller's, the time the server's. */
    void record(Context ctx) {
        CycleId cycle = Requests.cycle(ctx);
        application.reads().cycle(cycle);
        Fields body = Fields.parse(ctx.body());
        // which enforcers and modes exist is the use case's rule; it reports them with the other problems
        String enforcer = body.text("enforcer", 64, null);
        String mode = body.text("mode", 64, null);
        String target = body.text("target", Fields.MAX_NAME, null);
        Integer version = body.has("planVersion") ? body.integer("planVersion", 1, Integer.MAX_VALUE, null) : null;
        Integer changes = body.has("changes") ? body.integer("changes", 0, Integer.MAX_VALUE, null) : null;
        Integer drift = body.has("drift") ? body.integer("drift", 0, Integer.MAX_VALUE, null) : null;
        int errors = body.integer("errors", 0, Integer.MAX_VALUE, 0);
        String detail = body.text("detail", 2_000, "");
        body.done();
        EnforcementRun recorded = application
                .enforcements()
                .record(
                        EnforcementRun.report(cycle, version, enforcer, target, mode, changes, drift, errors, detail),
                        Requests.actor(ctx));
        ctx.status(201).json(json(recorded));
    }

    /**
     * The plan enforcers apply: the cycle's latest published version as the allot.plan/v1 document ({@code cycle}
     * may be {@code current}, the newest cycle with a published plan). A draft is refused, never served.
     */
    void plan(Context ctx) {
        String reference = ctx.pathParam("cycle");
        Enforcements.Enforceable published = application
                .enforcements()
                .published(Enforcements.CURRENT.equals(reference) ? reference : Requests.slug(ctx, "cycle"));
        ctx.header(CYCLE_HEADER, published.cycle().value())
                .header(VERSION_HEADER, String.valueOf(published.version()))
                .contentType("application/vnd.allot.plan.v1+json")
                .result(published.document());
    }

    /** The cycle's lab as a lab file (YAML): what an enforcer checks a plan against. */
    void lab(Context ctx) {
        CycleId cycle = Requests.cycle(ctx);
        application.reads().cycle(cycle);
        ctx.contentType("application/yaml")
                .result(LabYaml.write(application.reads().lab(cycle)));
    }

    static Map<String, Object> json(EnforcementRun run) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", run.id());
        body.put("cycle", run.cycle().value());
        body.put("planVersion", run.planVersion());
        body.put("ranAt", run.ranAt().toString());
        body.put("ranBy", run.ranBy());
        body.put("enforcer", run.enforcer());
        body.put("target", run.target());
        body.put("mode", run.mode());
        body.put("changes", run.changes());
        body.put("drift", run.drift());
        body.put("errors", run.errors());
        body.put("detail", run.detail());
        return body;
    }
}
