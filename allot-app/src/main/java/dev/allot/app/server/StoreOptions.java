package dev.allot.app.server;

import dev.allot.store.Actor;
import dev.allot.store.Role;
import dev.allot.store.Store;
import picocli.CommandLine.Option;

/** Where the store is ({@code --db}, else {@code ALLOT_DB_URL}, else embedded H2 under ./allot-data) and who acts. */
public final class StoreOptions {
    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Database URL, e.g. jdbc:postgresql://db:5432/allot (default: $ALLOT_DB_URL, else "
                    + Store.DEFAULT_URL + ").")
    String url;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user (default: $ALLOT_DB_USER).")
    String user;

    @Option(names = "--db-password", paramLabel = "PASSWORD",
            description = "Database password (default: $ALLOT_DB_PASSWORD).")
    String password;

    @Option(names = "--as", paramLabel = "USER",
            description = "User name recorded in the audit log (default: the login name).")
    String actingUser;

    @Option(names = "--as-role", paramLabel = "ROLE", defaultValue = "admin",
            description = "Role to act in: admin, decider, reviewer, lead, viewer (default: ${DEFAULT-VALUE});"
                    + " publishing needs decider.")
    String role;

    /** Opens the store (creating or migrating its schema). */
    public Store open() {
        String chosen = url != null ? url : env("ALLOT_DB_URL", Store.DEFAULT_URL);
        return Store.open(chosen, user != null ? user : env("ALLOT_DB_USER", null),
                password != null ? password : env("ALLOT_DB_PASSWORD", null));
    }

    /** Runs {@code work} with the store open, then closes it; the exit code is OK unless {@code work} throws. */
    public int run(java.util.function.Consumer<Store> work) {
        try (Store opened = open()) {
            work.accept(opened);
            System.out.flush();
            return dev.allot.app.Cli.OK;
        }
    }

    /** The console user: local database access is trusted, so the role is the one asked for. */
    public Actor actor() {
        String name = actingUser != null ? actingUser : System.getProperty("user.name", "console");
        return new Actor(name, Role.parse(role, "--as-role"));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
