package dev.allot.app.server;

import dev.allot.app.Cli;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.server.AllotServer;
import dev.allot.store.Store;
import dev.allot.web.WebUi;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code allot serve}: the REST API (and later the web UI) over the store, until stopped. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the web UI and the REST API over the store until stopped (Ctrl-C).",
            "Routes: /api/..., /openapi.json, /health, /metrics. Create a token first: allot token create."
        })
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    StoreConnection store;

    @Option(
            names = "--port",
            defaultValue = "7070",
            description = "TCP port (default: ${DEFAULT-VALUE}; 0 = any free).")
    int port;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description = "Interface to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
    String host;

    @Option(
            names = "--trust-forwarded-proto",
            description = "Behind a TLS-terminating proxy that sets X-Forwarded-Proto itself: treat 'https' there as"
                    + " TLS (Secure cookies, HSTS). Off by default: a client could send the header itself.")
    boolean trustForwardedProto;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw dev.allot.core.AllotException.invalid(
                    "invalid-port", "--port: " + port + " is not a TCP port. Maybe 7070?");
        }
        Store opened = store.open();
        Planner planner = Planner.create(PlannerOptions.defaults().withClock(java.time.InstantSource.system()));
        AllotServer server = AllotServer.create(opened, planner, WebUi.create(opened, planner), trustForwardedProto)
                .start(host, port);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.stop();
                            opened.close();
                        },
                        "allot-shutdown"));
        System.out.printf(
                "Allot serves http://%s:%d: the web UI (sign in with a token from 'allot token create'),"
                        + " the API (OpenAPI at /openapi.json) and metrics at /metrics.%n",
                host, server.port());
        System.out.flush();
        server.join();
        return Cli.OK;
    }
}
