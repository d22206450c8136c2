package dev.allot.server;

import dev.allot.application.SolveJob;
import dev.allot.application.SolveJobs;
import dev.allot.core.AllotException;
import dev.allot.core.model.CycleId;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Draft solves as jobs: start one (202 with the job's Location), poll it, cancel it. The synchronous {@code POST
 * /api/cycles/{cycle}/draft} stays as it was; both take the cycle's one solving slot.
 */
final class SolveHandlers {
    /** Seconds a client is asked to wait between polls of a running job. */
    static final String RETRY_AFTER_SECONDS = "1";

    private static final Pattern JOB_ID = Pattern.compile("[0-9a-f]{1,32}");

    private final SolveJobs jobs;

    SolveHandlers(SolveJobs jobs) {
        this.jobs = jobs;
    }

    void start(Context ctx) {
        CycleId cycle = Requests.cycle(ctx);
        SolveJob job = jobs.start(cycle, Requests.actor(ctx), Requests.ifMatch(ctx));
        ctx.status(202).header("Location", path(job)).header("Retry-After", RETRY_AFTER_SECONDS);
        ctx.json(body(job));
    }

    void get(Context ctx) {
        answer(ctx, jobs.get(Requests.cycle(ctx), jobId(ctx)));
    }

    void cancel(Context ctx) {
        answer(ctx, jobs.cancel(Requests.cycle(ctx), jobId(ctx), Requests.actor(ctx)));
    }

    private static void answer(Context ctx, SolveJob job) {
        if (job.running()) {
            ctx.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        ctx.json(body(job));
    }

    static String path(SolveJob job) {
        return "/api/cycles/" + job.cycle().value() + "/solves/" + job.id();
    }

    /** The job as the API writes it: numbers not known yet are null, the draft when done, the problem when failed. */
    static Map<String, Object> body(SolveJob job) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", job.id());
        body.put("cycle", job.cycle().value());
        body.put("state", job.state().label());
        body.put("phase", job.phase().label());
        body.put("startedBy", job.startedBy());
        body.put("startedAt", job.startedAt().toString());
        body.put("elapsedSeconds", job.elapsed().toMillis() / 1000.0);
        body.put("incumbent", known(job.incumbent()));
        body.put("bound", known(job.bound()));
        body.put("gap", known(job.gap()));
        body.put("updates", job.updates());
        body.put("cancelledBy", job.cancelledBy());
        body.put("href", path(job));
        job.draft().ifPresent(solved -> {
            Map<String, Object> draft = new LinkedHashMap<>();
            draft.put("version", solved.draft().version());
            draft.put("changedProjects", solved.changedProjects());
            draft.put("href", "/api/cycles/" + job.cycle().value() + "/draft");
            body.put("draft", draft);
            body.put("valueNotes", solved.valueNotes());
        });
        job.failure().ifPresent(problem -> body.put("problem", ProblemResponses.body(problem, path(job))));
        return body;
    }

    private static Double known(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
    }

    private static String jobId(Context ctx) {
        String id = ctx.pathParam("job");
        if (!JOB_ID.matcher(id).matches()) {
            throw AllotException.invalid(
                    "invalid-path",
                    "job '" + Requests.shorten(id) + "' in the URL is not a solve job id (hexadecimal, as the Location"
                            + " of the start named it). Maybe check the URL?");
        }
        return id;
    }
}
