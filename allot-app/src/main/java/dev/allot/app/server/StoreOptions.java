package dev.allot.app.server;

import dev.allot.store.Actor;
import dev.allot.store.Role;
import dev.allot.store.Store;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where the store is ({@link StoreConnection}) and who acts, for commands that change it. */
public final class StoreOptions {
    @Mixin
    StoreConnection connection;

    @Option(
            names = "--as",
            paramLabel = "USER",
            description = "User name recorded in the audit log (default: the login name).")
    String actingUser;

    @Option(
            names = "--as-role",
            paramLabel = "ROLE",
            defaultValue = "admin",
            description = "Role to act in: admin, decider, reviewer, lead, viewer (default: ${DEFAULT-VALUE});"
                    + " publishing needs decider, importing a lab needs admin.")
    String role;

    /** Opens the store (creating or migrating its schema). */
    public Store open() {
        return connection.open();
    }

    /** Runs {@code work} with the store open, then closes it; the exit code is OK unless {@code work} throws. */
    public int run(java.util.function.Consumer<Store> work) {
        try (Store opened = open()) {
            work.accept(opened);
            System.out.flush();
            return dev.allot.app.Cli.OK;
        }
    }

    /** Runs {@code work} with the use cases over the open store (for commands that never solve), then closes it. */
    public int runUseCases(java.util.function.Consumer<dev.allot.application.Application> work) {
        return run(opened -> work.accept(dev.allot.application.Application.over(opened)));
    }

    /** Runs {@code work} with the use cases over the open store, solving drafts with {@code planner}, then closes it. */
    public int runUseCases(
            dev.allot.core.planner.Planner planner,
            java.util.function.Consumer<dev.allot.application.Application> work) {
        return run(opened -> work.accept(dev.allot.application.Application.over(opened, planner)));
    }

    /** The console user: local database access is trusted, so the role is the one asked for. */
    public Actor actor() {
        String name = actingUser != null ? actingUser : System.getProperty("user.name", "console");
        return new Actor(name, Role.parse(role, "--as-role"));
    }
}
