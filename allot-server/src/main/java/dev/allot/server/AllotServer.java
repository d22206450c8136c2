package dev.allot.server;

import dev.allot.core.AllotException;
import dev.allot.core.planner.Planner;
import dev.allot.server.oidc.OidcProvider;
import dev.allot.store.Json;
import dev.allot.store.Store;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The HTTP server: the REST API under {@code /api}, {@code /health}, the load balancer's probes {@code /healthz}
 * (liveness) and {@code /readyz} (readiness: the store answers), {@code /metrics} and {@code /openapi.json}.
 * Every failure is answered with an RFC 9457 problem body; request bodies are limited to {@value #MAX_BODY_BYTES}
 * bytes.
 */
public final class AllotServer {
    /** Largest request body accepted. */
    public static final long MAX_BODY_BYTES = 1_000_000;

    private final Javalin app;
    private final List<String> registered = Collections.synchronizedList(new ArrayList<>());

    /**
     * How the server runs.
     *
     * @param trustForwardedProto a request whose {@code X-Forwarded-Proto} says https counts as TLS (Secure cookies,
     *     HSTS); only behind a proxy that sets that header itself
     * @param oidc the identity provider whose access tokens the API also accepts; null: none
     * @param requireIfMatch every write that honours {@code If-Match} must send one ({@code 428 if-match-required}
     *     otherwise), so that no script can overwrite a change it never read
     */
    public record Settings(boolean trustForwardedProto, OidcProvider oidc, boolean requireIfMatch) {
        public static Settings defaults() {
            return new Settings(false, null, false);
        }

        public Settings withTrustForwardedProto(boolean trust) {
            return new Settings(trust, oidc, requireIfMatch);
        }

        public Settings withOidc(OidcProvider provider) {
            return new Settings(trustForwardedProto, provider, requireIfMatch);
        }

        public Settings withRequireIfMatch(boolean require) {
            return new Settings(trustForwardedProto, oidc, require);
        }
    }

    private AllotServer(
            Store store,
            dev.allot.application.Application application,
            Consumer<JavalinConfig> extension,
            Settings settings) {
        boolean trustForwardedProto = settings.trustForwardedProto();
        OidcProvider oidc = settings.oidc();
        EdgeChecks edge = new EdgeChecks(trustForwardedProto);
        Metrics metrics = new Metrics();
        String openApi = Json.write(OpenApiDocument.build());
        List<Route> routes = new ArrayList<>(ApiRoutes.of(application));
        routes.add(new Route(HandlerType.GET, "/health", Route.PUBLIC, ctx -> health(ctx, store)));
        routes.add(new Route(HandlerType.GET, "/healthz", Route.PUBLIC, ctx -> ctx.json(Map.of("status", "up"))));
        routes.add(new Route(HandlerType.GET, "/readyz", Route.PUBLIC, ctx -> ready(ctx, store)));
        routes.add(new Route(HandlerType.GET, "/metrics", Route.PUBLIC, metrics::scrape));
        routes.add(new Route(
                HandlerType.GET,
                "/openapi.json",
                Route.PUBLIC,
                ctx -> ctx.contentType("application/json").result(openApi)));
        String planSchema = dev.allot.lab.PlanSchema.text();
        routes.add(new Route(
                HandlerType.GET,
                "/schemas/plan-v1.json",
                Route.PUBLIC,
                ctx -> ctx.contentType("application/schema+json").result(planSchema)));
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.jetty.multipartConfig.maxTotalRequestSize(MAX_BODY_BYTES, io.javalin.config.SizeUnit.BYTES);
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblems()));
            config.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JettyProblems()));
            config.jsonMapper(new JavalinJackson(Json.mapper(), false));
            config.requestLogger.http(metrics::request);
            config.events.handlerAdded(info -> {
                String method = info.getHttpMethod().name();
                if (!method.startsWith("BEFORE") && !method.startsWith("AFTER")) {
                    registered.add(method + " " + info.getPath());
                }
            });
            config.events.serverStarted(() -> metrics.bind(app().jettyServer().server()));
            // Read (and bound) every body first, even when the request is refused before using it: an unread body
            // makes Jetty drop the connection, which clients see as a reset instead of the problem answer.
            config.routes.before(AllotServer::readBody);
            config.routes.before(edge::check);
            if (settings.requireIfMatch()) {
                config.routes.before(Requests::requireIfMatch);
            }
            for (Route route : routes) {
                config.routes.addEndpoint(new io.javalin.router.Endpoint(
                        route.method(), route.path(), guard(route, application.signIn(), oidc), java.util.Set.of()));
            }
            config.routes.exception(AllotException.class, ProblemResponses::allot);
            config.routes.exception(HttpResponseException.class, ProblemResponses::http);
            config.routes.exception(Exception.class, ProblemResponses::unexpected);
            config.routes.error(404, "*", ctx -> unmatched(ctx, 404));
            config.routes.error(405, "*", ctx -> unmatched(ctx, 405));
            extension.accept(config);
        });
    }

    /**
     * Reads the body before any check. A multipart form (the web UI's file upload) is left to the multipart parser,
     * which cannot read a consumed body; it is bounded by its declared length here and by the multipart limit.
     */
    private static void readBody(io.javalin.http.Context ctx) {
        if (ctx.isMultipartFormData()) {
            if (ctx.contentLength() > MAX_BODY_BYTES) {
                throw new io.javalin.http.ContentTooLargeResponse(
                        "The form is larger than " + MAX_BODY_BYTES + " bytes. Maybe send a smaller file?");
            }
            return;
        }
        ctx.bodyAsBytes();
    }

    public static AllotServer create(Store store, Planner planner) {
        return new AllotServer(
                store, dev.allot.application.Application.over(store, planner), config -> {}, Settings.defaults());
    }

    /**
     * A server that also installs {@code extension}'s routes and static files (the web UI mounts its pages this way);
     * the extension handles its own authentication and errors.
     */
    public static AllotServer create(Store store, Planner planner, Consumer<JavalinConfig> extension) {
        return new AllotServer(
                store, dev.allot.application.Application.over(store, planner), extension, Settings.defaults());
    }

    /** A server run as {@code settings} say, with {@code extension}'s routes (see above) and its own solve jobs. */
    public static AllotServer create(
            Store store, Planner planner, Consumer<JavalinConfig> extension, Settings settings) {
        return new AllotServer(store, dev.allot.application.Application.over(store, planner), extension, settings);
    }

    /**
     * A server run as {@code settings} say, over {@code application} (the use cases over {@code store}): the one the
     * server's wiring creates and also hands to the extension (the web UI), so that the API and the pages share solve
     * jobs and kept results while the server lives.
     */
    public static AllotServer create(
            Store store,
            dev.allot.application.Application application,
            Consumer<JavalinConfig> extension,
            Settings settings) {
        return new AllotServer(store, application, extension, settings);
    }

    public AllotServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    public void stop() {
        app.stop();
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        app.jettyServer().server().join();
    }

    /** "GET /api/projects" for every route the server registered (for the OpenAPI check). */
    List<String> registeredRoutes() {
        return List.copyOf(registered);
    }

    private Javalin app() {
        return app;
    }

    private static io.javalin.http.Handler guard(Route route, dev.allot.application.SignIn signIn, OidcProvider oidc) {
        if (route.isPublic()) {
            return route.handler();
        }
        return ctx -> {
            Requests.authorize(ctx, signIn, oidc, route.roles());
            route.handler().handle(ctx);
        };
    }

    private static void health(Context ctx, Store store) {
        boolean up = store.healthy();
        ctx.status(up ? 200 : 503).json(Map.of("status", up ? "up" : "down", "database", up ? "up" : "down"));
    }

    /** Readiness for a load balancer: 200 while the store answers a query, 503 (and out of rotation) when not. */
    private static void ready(Context ctx, Store store) {
        boolean up = store.healthy();
        ctx.status(up ? 200 : 503)
                .header("Cache-Control", "no-store")
                .json(Map.of("status", up ? "ready" : "not-ready", "database", up ? "up" : "down"));
    }

    /**
     * Javalin's own 404/405 for paths no route matches; problems written by handlers, and pages the web UI wrote
     * (an HTML "not found" page), are left alone.
     */
    private static void unmatched(Context ctx, int status) {
        String type = ctx.res().getContentType();
        if (type != null && (type.startsWith(ProblemResponses.CONTENT_TYPE) || type.startsWith("text/html"))) {
            return;
        }
        ProblemResponses.http(new HttpResponseException(status, ""), ctx);
    }
}
