package dev.allot.web;

import dev.allot.application.Reads;
import dev.allot.application.SolveJob;
import dev.allot.application.SolveJobs;
import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import dev.allot.core.ErrorCode;
import dev.allot.core.model.CycleId;
import dev.allot.store.Actor;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Locale;

/**
 * A draft solve as it runs: the solve button starts a job and lands here; every second the page re-reads itself (htmx
 * swaps the progress panel; without JavaScript a meta refresh reloads it) with the phase, elapsed time, best value,
 * bound and gap, offers Cancel, and opens the draft once the job is done.
 */
final class SolvingPage {
    /** Seconds between re-reads of a running job's page. */
    static final int REFRESH_SECONDS = 1;

    /** What the template shows. */
    record View(Page page, SolveJob job, boolean mayCancel, boolean joined) {
        String elapsed() {
            return String.format(Locale.ROOT, "%.1f s", job.elapsed().toMillis() / 1000.0);
        }

        String incumbent() {
            return number(job.incumbent());
        }

        String bound() {
            return number(job.bound());
        }

        String gap() {
            return Double.isNaN(job.gap()) ? "not yet known" : String.format(Locale.ROOT, "%.3f %%", job.gap() * 100);
        }

        String phase() {
            return switch (job.phase()) {
                case PREPARING -> "reading the lab";
                case SOLVING -> job.cancelledBy() == null ? "searching for the best plan" : "stopping the search";
                case SAVING -> "storing the draft";
                case FINISHED -> job.state().label();
            };
        }

        /** The page's own address, which htmx re-reads while the job runs (null: no polling). */
        String pollPath() {
            return job.running() ? SolvingPage.path(job) : null;
        }

        String pollTrigger() {
            return job.running() ? "every " + REFRESH_SECONDS + "s" : null;
        }

        String problem() {
            return job.failure().map(AllotException::getMessage).orElse("");
        }

        private static String number(double value) {
            return Double.isNaN(value) ? "not yet known" : String.format(Locale.ROOT, "%,.1f", value);
        }
    }

    private final Reads reads;
    private final SolveJobs jobs;

    SolvingPage(Reads reads, SolveJobs jobs) {
        this.reads = reads;
        this.jobs = jobs;
    }

    /**
     * Starts the solve and goes to its page; while another solve of the cycle runs, goes to that one's page instead,
     * which says so (it may have started before the latest change).
     */
    String start(Context ctx, Page view, Actor actor, Integer expectedDraft) {
        CycleId cycle = Cycles.require(reads, view.cycle()).value().id();
        var running = jobs.running(cycle);
        SolveJob job = running.orElseGet(() -> jobs.start(cycle, actor, expectedDraft));
        ctx.redirect(path(job) + (running.isPresent() ? "&joined" : ""), HttpStatus.SEE_OTHER);
        return null;
    }

    String render(Context ctx, Page view) {
        requireSteering(view);
        SolveJob job = jobs.get(Cycles.require(reads, view.cycle()).value().id(), ctx.pathParam("job"));
        return switch (job.state()) {
            case DONE -> {
                var solved = job.draft().orElseThrow();
                yield toReview(
                        ctx,
                        job,
                        "done=solved&version=" + solved.draft().version() + "&changed=" + solved.changedProjects());
            }
            case CANCELLED -> toReview(ctx, job, "done=cancelled");
            case RUNNING -> {
                ctx.header("Cache-Control", "no-store");
                yield Templates.render(
                        "solving.jte",
                        new View(view, job, view.rights().mayDecide(), ctx.queryParam("joined") != null));
            }
            case FAILED -> {
                ctx.status(job.failure().map(ErrorPage::status).orElse(500));
                yield Templates.render("solving.jte", new View(view, job, false, false));
            }
        };
    }

    /** Cancels the job; a job that finished first is simply shown as it ended. */
    String cancel(Context ctx, Page view, Actor actor) {
        CycleId cycle = Cycles.require(reads, view.cycle()).value().id();
        SolveJob job = jobs.get(cycle, ctx.pathParam("job"));
        try {
            job = jobs.cancel(cycle, job.id(), actor);
        } catch (AllotException e) {
            if (!e.code().equals(ErrorCode.SOLVE_FINISHED.code())) {
                throw e;
            }
        }
        ctx.redirect(path(job), HttpStatus.SEE_OTHER);
        return null;
    }

    private static String path(SolveJob job) {
        return "/review/solving/" + job.id() + "?cycle=" + job.cycle().value();
    }

    private static String toReview(Context ctx, SolveJob job, String query) {
        String target = "/review?" + query + "&cycle=" + job.cycle().value();
        if (ctx.header("HX-Request") != null) {
            // the page's script re-reads it: have the script open the review, not swap it in
            ctx.header("HX-Redirect", target);
            return "";
        }
        ctx.redirect(target, HttpStatus.SEE_OTHER);
        return null;
    }

    private static void requireSteering(Page view) {
        if (!view.rights().maySetPolicy()) {
            throw new AllotException(
                    Kind.FORBIDDEN,
                    "role-forbidden",
                    "Role " + view.rights().roleLabel()
                            + " may not watch draft solves (deciders and admins do). Maybe ask a decider?");
        }
    }
}
