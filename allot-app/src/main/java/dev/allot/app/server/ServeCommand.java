package dev.allot.app.server;

import dev.allot.app.Cli;
import dev.allot.application.Application;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.server.AllotServer;
import dev.allot.server.oidc.OidcProvider;
import dev.allot.server.oidc.OidcSettings;
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
            "Routes: /api/..., /openapi.json, /health, /metrics. Create a token first: allot token create.",
            "Single sign-on: --oidc-issuer, --oidc-client-id and --oidc-client-secret-file (see docs/security.md);"
                    + " options may also come from a file: allot serve @serve.args."
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

    @Option(
            names = "--require-if-match",
            description = "Refuse every API write that sends no If-Match header (428 if-match-required), so that no"
                    + " client overwrites a change it never read. Off by default: If-Match is optional.")
    boolean requireIfMatch;

    @Option(
            names = "--oidc-issuer",
            paramLabel = "URL",
            description = "Single sign-on: the OpenID Connect provider's issuer URL (its discovery document is"
                    + " URL/.well-known/openid-configuration), e.g. https://idp.example/realms/lab. Local tokens keep"
                    + " working beside it.")
    String oidcIssuer;

    @Option(names = "--oidc-client-id", paramLabel = "ID", description = "The client id registered for Allot.")
    String oidcClientId;

    @Option(
            names = "--oidc-client-secret-file",
            paramLabel = "FILE",
            description = "A file holding the client secret alone (omit for a public client).")
    java.nio.file.Path oidcSecretFile;

    @Option(
            names = "--oidc-scopes",
            split = ",",
            paramLabel = "SCOPE",
            description = "Scopes asked for (default: openid,profile,email).")
    java.util.List<String> oidcScopes = new java.util.ArrayList<>();

    @Option(
            names = "--oidc-role-map",
            split = ",",
            paramLabel = "RULE",
            description = "Who gets which role, first match wins: group:NAME=ROLE, role:NAME=ROLE, email:ADDRESS=ROLE,"
                    + " user:NAME=ROLE, default=ROLE|none (default: default=viewer). E.g."
                    + " group:gpu-deciders=decider,group:gpu-reviewers=reviewer,email:lee@lab.example=lead.")
    java.util.List<String> oidcRoleMap = new java.util.ArrayList<>();

    @Option(
            names = "--oidc-user-claim",
            paramLabel = "CLAIM",
            description = "The claim that is the Allot user name (default: preferred_username; 'email' where the"
                    + " lab file names project leads by e-mail).")
    String oidcUserClaim;

    @Option(
            names = "--oidc-audience",
            paramLabel = "AUD",
            description = "The audience the provider's access tokens must name for the API (default: the client id).")
    String oidcAudience;

    @Option(
            names = "--oidc-redirect-uri",
            paramLabel = "URL",
            description = "Where the provider sends the browser back (default: this server's /login/sso/callback as"
                    + " the browser reached it). Set it behind a proxy.")
    String oidcRedirectUri;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw dev.allot.core.AllotException.invalid(
                    "invalid-port", "--port: " + port + " is not a TCP port. Maybe 7070?");
        }
        OidcProvider oidc = singleSignOn();
        Store opened = store.open();
        Planner planner = Planner.create(PlannerOptions.defaults().withClock(java.time.InstantSource.system()));
        AllotServer.Settings settings = AllotServer.Settings.defaults()
                .withTrustForwardedProto(trustForwardedProto)
                .withOidc(oidc)
                .withRequireIfMatch(requireIfMatch);
        // One set of use cases for as long as the server lives, shared by its API and its pages.
        Application application = Application.over(opened, planner);
        AllotServer server = AllotServer.create(opened, application, WebUi.create(application, oidc), settings)
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
        if (requireIfMatch) {
            System.out.println("API writes must send If-Match (the ETag of the last read, or *).");
        }
        if (oidc != null) {
            System.out.printf(
                    "Single sign-on through %s (client %s); roles: %s.%n",
                    oidc.settings().issuer(),
                    oidc.settings().clientId(),
                    describe(oidc.settings().roles()));
            oidc.check().ifPresent(problem -> System.out.println("Warning: " + problem));
        }
        System.out.flush();
        server.join();
        return Cli.OK;
    }

    /** The provider named by the --oidc-* options; null without --oidc-issuer. */
    private OidcProvider singleSignOn() {
        boolean anyOther = oidcClientId != null
                || oidcSecretFile != null
                || !oidcScopes.isEmpty()
                || !oidcRoleMap.isEmpty()
                || oidcUserClaim != null
                || oidcAudience != null
                || oidcRedirectUri != null;
        if (oidcIssuer == null) {
            if (anyOther) {
                throw new dev.allot.core.AllotException(
                        dev.allot.core.ErrorCode.OIDC_SETTINGS,
                        "--oidc-issuer: missing, but other --oidc-* options were given. Maybe add --oidc-issuer URL?");
            }
            return null;
        }
        return OidcProvider.discover(OidcSettings.read(
                oidcIssuer,
                oidcClientId,
                oidcSecretFile,
                oidcScopes,
                oidcRoleMap,
                oidcUserClaim,
                oidcAudience,
                oidcRedirectUri));
    }

    private static String describe(dev.allot.application.RoleMapping mapping) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        mapping.rules().forEach(rule -> parts.add(rule.toString()));
        parts.add(
                "default=" + mapping.fallback().map(dev.allot.store.Role::label).orElse("none"));
        return String.join(", ", parts);
    }
}
