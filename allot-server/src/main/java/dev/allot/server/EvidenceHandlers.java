package dev.allot.server;

import dev.allot.application.Application;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.ProjectId;
import dev.allot.evidence.ComputeUnit;
import dev.allot.evidence.EvidenceFormat;
import dev.allot.evidence.ImportedEvidence;
import dev.allot.evidence.RunCompute;
import dev.allot.store.Versioned;
import io.javalin.http.Context;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** {@code /api/projects/{project}/evidence}: import a file into a project's evidence, read it with its fits. */
final class EvidenceHandlers {
    /** An evidence file larger than this is not a lab's eval results. */
    static final int MAX_CONTENT = 5_000_000;

    private final Application application;

    EvidenceHandlers(Application application) {
        this.application = application;
    }

    void importFile(Context ctx) {
        ProjectId project = Requests.project(ctx);
        // who may write comes before what was sent: a lead of another project learns nothing from a 422
        application.evidence().requireWriter(project, Requests.actor(ctx));
        Integer expected = Requests.ifMatch(ctx);
        Fields body = Fields.parse(ctx.body());
        String cycle = body.slug("cycle", "");
        String format = body.choice("format", List.of("csv", "lm-eval"), "csv");
        String content = body.text("content", MAX_CONTENT, null);
        String source = body.text("source", Fields.MAX_NAME, "api");
        RunCompute run = null;
        if (body.has("compute")) {
            double compute = body.number("compute", Double.MIN_VALUE, Double.MAX_VALUE, null);
            String unit = body.choice("computeUnit", List.of("gpu-hours", "flop"), "gpu-hours");
            run = new RunCompute(
                    compute,
                    unit.equals("flop") ? ComputeUnit.FLOP : ComputeUnit.GPU_HOURS,
                    optional(body, "parameters"),
                    optional(body, "tokens"));
        }
        List<String> privateTasks = body.has("privateTasks") ? body.texts("privateTasks", 1_000, 200) : List.of();
        body.done();
        CycleId target = cycle.isEmpty() ? application.evidence().latestCycle() : CycleId.of(cycle);
        Versioned<ImportedEvidence> imported = application
                .evidence()
                .importFile(
                        target,
                        project,
                        content,
                        EvidenceFormat.named(format),
                        source,
                        run,
                        new HashSet<>(privateTasks),
                        expected,
                        Requests.actor(ctx));
        ctx.status(201);
        Requests.versioned(
                ctx,
                new Versioned<>(
                        Map.of(
                                "cycle",
                                target.value(),
                                "series",
                                imported.value().series().size(),
                                "notes",
                                imported.value().notes()),
                        imported.version()));
    }

    void list(Context ctx) {
        ProjectId project = Requests.project(ctx);
        String cycle = ctx.queryParam("cycle");
        CycleId target = cycle == null || cycle.isBlank()
                ? application.evidence().latestCycle()
                : CycleId.of(Requests.shorten(cycle));
        // the version is read first: a change between the two reads makes the ETag older, so If-Match fails safe
        int version = application.evidence().version(target, project);
        Requests.versioned(ctx, new Versioned<>(application.evidence().view(target, project), version));
    }

    private static OptionalDouble optional(Fields body, String field) {
        return body.has(field)
                ? OptionalDouble.of(body.number(field, Double.MIN_VALUE, Double.MAX_VALUE, null))
                : OptionalDouble.empty();
    }
}
