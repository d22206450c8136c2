package dev.allot.web;

import dev.allot.application.Application;
import dev.allot.core.AllotException;
import dev.allot.server.oidc.OidcProvider;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.util.function.Consumer;

/**
 * The web UI: server-rendered pages for deciders, reviewers, project leads and viewers, mounted on the API server
 * ({@code AllotServer.create(store, application, WebUi.create(application), ...)}). Pages and API share one
 * {@link Application}: the same use cases, solve jobs and kept results (evidence fits), with the same role checks,
 * workflow and optimistic locking; assets come from the jar.
 */
public final class WebUi implements Consumer<JavalinConfig> {
    private final Sessions sessions;
    private final BoardPage board;
    private final ReviewPage review;
    private final ReviewEvidencePage reviewEvidence;
    private final ReviewActions actions;
    private final ProjectPage project;
    private final AskForm ask;
    private final ScoreForm score;
    private final ClusterPage cluster;
    private final TokensPage tokens;
    private final SignOn signOn;
    private final DashboardPage dashboard;
    private final QueuePage queue;
    private final EvidenceForm evidence;
    private final SolvingPage solving;
    private final ValueModelsPage valueModels;
    private final dev.allot.application.Reads reads;

    private WebUi(Application application, OidcProvider oidc) {
        this.sessions = new Sessions(application.signIn());
        this.board = new BoardPage(application);
        this.review = new ReviewPage(application);
        this.reviewEvidence = new ReviewEvidencePage(application);
        this.actions = new ReviewActions(application, review);
        this.project = new ProjectPage(application);
        this.ask = new AskForm(application);
        this.score = new ScoreForm(application);
        this.cluster = new ClusterPage(application.reads(), application.usage());
        this.tokens = new TokensPage(application.tokens());
        this.signOn = oidc == null ? null : new SignOn(oidc, sessions);
        this.dashboard = new DashboardPage(application.dashboard());
        this.queue = new QueuePage(application.reads(), application.assignments());
        this.evidence = new EvidenceForm(application);
        this.solving = new SolvingPage(application.reads(), application.solveJobs());
        this.valueModels = new ValueModelsPage(application.reads(), application.drafts());
        this.reads = application.reads();
    }

    /**
     * The web UI over {@code application}: the use cases the server's wiring also hands to the API ({@code
     * AllotServer.create(store, application, webUi, ...)}), so that a solve started on either is seen, and refused a
     * second time, on both, and what one side computed and kept serves the other.
     */
    public static WebUi create(Application application) {
        return new WebUi(application, null);
    }

    /** As above, with single sign-on through {@code oidc} beside the token form (null: tokens only). */
    public static WebUi create(Application application, OidcProvider oidc) {
        return new WebUi(application, oidc);
    }

    @Override
    public void accept(JavalinConfig config) {
        config.staticFiles.enableWebjars();
        config.staticFiles.add(files -> {
            files.hostedPath = "/static";
            files.directory = "/dev/allot/web/static";
            files.location = Location.CLASSPATH;
        });
        var routes = config.routes;
        // A reviewer's home page is their queue; everyone else's the board.
        routes.get(
                "/",
                ctx -> ctx.redirect(
                        sessions.signedIn(ctx)
                                        .filter(r -> r.role() == dev.allot.store.Role.REVIEWER)
                                        .isPresent()
                                ? "/queue"
                                : "/board"));
        routes.get("/queue", ctx -> run(ctx, false, rights -> queue.render(page(ctx, rights, "queue"))));
        routes.post(
                "/review/assign", ctx -> run(ctx, true, rights -> actions.assign(ctx, page(ctx, rights, "review"))));
        routes.get("/login", ctx -> html(ctx, 200, LoginPage.form(ctx, sessions, "", links(ctx))));
        routes.post("/login", this::login);
        if (signOn != null) {
            routes.get(SignOn.START, this::startSignOn);
            routes.get(SignOn.CALLBACK, this::finishSignOn);
        }
        routes.post(
                "/logout",
                ctx -> run(ctx, true, rights -> {
                    sessions.signOut(ctx, rights);
                    ctx.redirect(signOn == null ? "/login" : "/login?signed-out");
                    return null;
                }));
        routes.get("/board", ctx -> run(ctx, false, rights -> board.render(ctx, page(ctx, rights, "board"))));
        routes.get("/review", ctx -> run(ctx, false, rights -> review.render(ctx, page(ctx, rights, "review"))));
        routes.get(
                "/review/evidence",
                ctx -> run(ctx, false, rights -> reviewEvidence.render(ctx, page(ctx, rights, "review"))));
        routes.get(
                "/review/value-models",
                ctx -> run(ctx, false, rights -> valueModels.render(page(ctx, rights, "review"))));
        routes.get("/review/projects", ctx -> run(ctx, false, rights -> ProjectPick.options(ctx, reads)));
        routes.post(
                "/review/adjust", ctx -> run(ctx, true, rights -> actions.adjust(ctx, page(ctx, rights, "review"))));
        routes.post(
                "/review/solve",
                ctx -> run(ctx, true, rights -> actions.solve(ctx, page(ctx, rights, "review"), solving)));
        routes.get(
                "/review/solving/{job}",
                ctx -> run(ctx, false, rights -> solving.render(ctx, page(ctx, rights, "review"))));
        routes.post(
                "/review/solving/{job}/cancel",
                ctx -> run(ctx, true, rights -> actions.cancelSolve(ctx, page(ctx, rights, "review"), solving)));
        routes.post(
                "/review/policy", ctx -> run(ctx, true, rights -> actions.policy(ctx, page(ctx, rights, "review"))));
        routes.post("/review/move", ctx -> run(ctx, true, rights -> actions.move(ctx, page(ctx, rights, "review"))));
        routes.get(
                "/review/publish",
                ctx -> run(ctx, false, rights -> actions.confirmPublish(ctx, page(ctx, rights, "review"))));
        routes.post(
                "/review/publish", ctx -> run(ctx, true, rights -> actions.publish(ctx, page(ctx, rights, "review"))));
        routes.post(
                "/review/approve", ctx -> run(ctx, true, rights -> actions.approve(ctx, page(ctx, rights, "review"))));
        routes.post(
                "/review/withdraw",
                ctx -> run(ctx, true, rights -> actions.withdraw(ctx, page(ctx, rights, "review"))));
        routes.get(
                "/projects/{project}",
                ctx -> run(ctx, false, rights -> project.render(ctx, page(ctx, rights, "board"))));
        routes.get(
                "/projects/{project}/ask", ctx -> run(ctx, false, rights -> ask.show(ctx, page(ctx, rights, "board"))));
        routes.post(
                "/projects/{project}/ask", ctx -> run(ctx, true, rights -> ask.save(ctx, page(ctx, rights, "board"))));
        routes.post(
                "/projects/{project}/ask/confirm",
                ctx -> run(ctx, true, rights -> ask.confirm(ctx, page(ctx, rights, "board"))));
        routes.get(
                "/projects/{project}/score",
                ctx -> run(ctx, false, rights -> score.show(ctx, page(ctx, rights, "board"))));
        routes.post(
                "/projects/{project}/score",
                ctx -> run(ctx, true, rights -> score.save(ctx, page(ctx, rights, "board"))));
        routes.get(
                "/projects/{project}/evidence",
                ctx -> run(ctx, false, rights -> evidence.show(ctx, page(ctx, rights, "board"))));
        routes.post(
                "/projects/{project}/evidence",
                ctx -> run(ctx, true, rights -> evidence.save(ctx, page(ctx, rights, "board"))));
        routes.get("/cluster", ctx -> run(ctx, false, rights -> cluster.render(ctx, page(ctx, rights, "cluster"))));
        routes.get("/dashboard", ctx -> run(ctx, false, rights -> dashboard.render(page(ctx, rights, "dashboard"))));
        routes.get(
                "/dashboard.csv",
                ctx -> run(ctx, false, rights -> {
                    ctx.contentType("text/csv; charset=utf-8")
                            .header("Content-Disposition", "attachment; filename=\"" + DashboardPage.filename() + "\"")
                            .header("Cache-Control", "no-store")
                            .result(dashboard.csv());
                    return null;
                }));
        routes.get(
                "/glossary", ctx -> run(ctx, false, rights -> Templates.render("glossary.jte", page(ctx, rights, ""))));
        routes.get("/admin/tokens", ctx -> run(ctx, false, rights -> tokens.render(ctx, page(ctx, rights, "tokens"))));
        routes.post(
                "/admin/tokens/revoke",
                ctx -> run(ctx, true, rights -> tokens.revoke(ctx, page(ctx, rights, "tokens"))));
    }

    /** A page body for {@code rights}; returns null when it answered otherwise (a redirect). */
    interface Handler {
        String handle(Rights rights);
    }

    private void run(Context ctx, boolean form, Handler handler) {
        var rights = sessions.signedIn(ctx);
        if (rights.isEmpty()) {
            ctx.redirect(
                    "/login?next=" + java.net.URLEncoder.encode(ctx.path(), java.nio.charset.StandardCharsets.UTF_8),
                    form ? io.javalin.http.HttpStatus.SEE_OTHER : io.javalin.http.HttpStatus.FOUND);
            return;
        }
        try {
            if (form) {
                sessions.requireCsrf(ctx, true);
            }
            String body = handler.handle(rights.get());
            if (body != null) {
                html(ctx, ctx.statusCode(), body);
            }
        } catch (AllotException e) {
            html(ctx, ErrorPage.status(e), ErrorPage.render(page(ctx, rights.get(), ""), e));
        }
    }

    private void login(Context ctx) {
        try {
            sessions.requireCsrf(ctx, false);
            Rights rights = sessions.signIn(ctx, ctx.formParam("token"));
            String next = NextPage.orDefault(ctx.formParam("next"));
            // A reviewer's home page is their queue, where the board would be anyone else's.
            if (next.equals(NextPage.DEFAULT) && rights.role() == dev.allot.store.Role.REVIEWER) {
                next = "/queue";
            }
            ctx.redirect(next, io.javalin.http.HttpStatus.SEE_OTHER);
        } catch (AllotException e) {
            html(ctx, ErrorPage.status(e), LoginPage.form(ctx, sessions, e.getMessage(), links(ctx)));
        }
    }

    private void startSignOn(Context ctx) {
        try {
            signOn.start(ctx);
        } catch (AllotException e) {
            html(ctx, ErrorPage.status(e), LoginPage.form(ctx, sessions, e.getMessage(), links(ctx)));
        }
    }

    private void finishSignOn(Context ctx) {
        try {
            html(ctx, 200, LoginPage.landing(signOn.finish(ctx)));
        } catch (AllotException e) {
            html(ctx, ErrorPage.status(e), LoginPage.form(ctx, sessions, e.getMessage(), links(ctx)));
        }
    }

    /** The sign-on link; after sign-out also the provider's sign-out page (asking the provider only then). */
    private LoginPage.SignOnLinks links(Context ctx) {
        if (signOn == null) {
            return LoginPage.SignOnLinks.NONE;
        }
        boolean signedOut = ctx.queryParam("signed-out") != null;
        return new LoginPage.SignOnLinks(
                true, signedOut ? signOn.providerSignOut().orElse("") : "");
    }

    Page page(Context ctx, Rights rights, String active) {
        return new Page(rights, sessions.csrfToken(ctx), active, ctx.queryParam("cycle"));
    }

    static void html(Context ctx, int status, String body) {
        ctx.status(status)
                .contentType("text/html; charset=utf-8")
                .header("Cache-Control", "no-store")
                .result(body);
    }
}
