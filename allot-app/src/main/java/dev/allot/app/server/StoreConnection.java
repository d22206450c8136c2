package dev.allot.app.server;

import dev.allot.store.Store;
import picocli.CommandLine.Option;

/** Where the store is: {@code --db}, else {@code ALLOT_DB_URL}, else the embedded H2 database under ./allot-data. */
public final class StoreConnection {
    @Option(
            names = "--db",
            paramLabel = "JDBC_URL",
            description = "Database URL, e.g. jdbc:postgresql://db:5432/allot (default: $ALLOT_DB_URL, else "
                    + Store.DEFAULT_URL + ").")
    String url;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user (default: $ALLOT_DB_USER).")
    String user;

    @Option(
            names = "--db-password",
            paramLabel = "PASSWORD",
            description = "Database password (default: $ALLOT_DB_PASSWORD).")
    String password;

    /** The database URL chosen by {@code --db}, the environment or the default. */
    public String url() {
        return url != null ? url : env("ALLOT_DB_URL", Store.DEFAULT_URL);
    }

    /** Opens the store (creating or migrating its schema). */
    public Store open() {
        return Store.open(
                url(),
                user != null ? user : env("ALLOT_DB_USER", null),
                password != null ? password : env("ALLOT_DB_PASSWORD", null));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
