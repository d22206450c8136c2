package dev.allot.web;

import dev.allot.core.model.Lab;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.server.AllotServer;
import dev.allot.store.Actor;
import dev.allot.store.Role;
import dev.allot.store.Store;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The API server with the web UI over an in-memory store holding {@code lab}, and one token per role. */
final class UiServer implements AutoCloseable {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    final Store store;
    final Lab lab;
    final AllotServer server;
    /** The server's use cases, shared by its API and its pages. */
    final dev.allot.application.Application application;

    final Map<Role, String> tokens = new EnumMap<>(Role.class);
    final Map<Role, String> users = new EnumMap<>(Role.class);

    UiServer(Lab lab) {
        this(lab, null);
    }

    /** As above, with single sign-on through {@code oidc} (null: tokens only). */
    UiServer(Lab lab, dev.allot.server.oidc.OidcProvider oidc) {
        this(lab, oidc, Planner.create(PlannerOptions.defaults()));
    }

    /** As above, solving drafts with {@code planner}. */
    UiServer(Lab lab, dev.allot.server.oidc.OidcProvider oidc, Planner planner) {
        this.lab = lab;
        this.store = Store.open("jdbc:h2:mem:ui-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1", null, null);
        store.lab().importLab(lab, Actor.system("test"));
        users.put(Role.ADMIN, "ada");
        users.put(Role.DECIDER, "dana");
        users.put(Role.REVIEWER, "rui");
        users.put(Role.LEAD, lab.projects().get(0).lead());
        users.put(Role.VIEWER, "vera");
        users.forEach((role, user) -> tokens.put(
                role,
                store.tokens().create(user, role, "test", Actor.system("test")).token()));
        this.application = dev.allot.application.Application.over(store, planner);
        this.server = AllotServer.create(
                        store,
                        application,
                        WebUi.create(application, oidc),
                        AllotServer.Settings.defaults().withOidc(oidc))
                .start("127.0.0.1", 0);
    }

    /**
     * Single sign-on through the provider at {@code issuer} for client "allot" with {@code secret} (written to a file
     * in {@code dir}), mapping gpu-deciders to deciders, gpu-reviewers to reviewers and everyone else to viewers.
     */
    static dev.allot.server.oidc.OidcProvider signOn(String issuer, String secret, java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("oidc-secret"), secret);
        return dev.allot.server.oidc.OidcProvider.discover(dev.allot.server.oidc.OidcSettings.read(
                issuer,
                "allot",
                file,
                java.util.List.of(),
                java.util.List.of("group:gpu-deciders=decider", "group:gpu-reviewers=reviewer", "default=viewer"),
                null,
                null,
                null));
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    @Override
    public void close() {
        server.stop();
        store.close();
    }
}
