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

    /** Whether a store was named, by {@code --db} or {@code ALLOT_DB_URL}, rather than defaulted. */
    public boolean named() {
        return url != null || env("ALLOT_DB_URL", null) != null;
    }

    /**
     * Opens the store (creating or migrating its schema). When that takes over a second, says why on standard error
     * rather than leaving the command silent: an embedded store held by a running server is reached through that
     * server, which can be slow on a busy machine.
     */
    public Store open() {
        String chosen = url();
        java.util.concurrent.ScheduledExecutorService notice =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
                    Thread thread = new Thread(task, "store-open-notice");
                    thread.setDaemon(true);
                    return thread;
                });
        // decided before opening: the open itself creates the lock file, which must not read as another holder
        String why = waitingNotice(chosen);
        notice.schedule(() -> System.err.println(why), 1, java.util.concurrent.TimeUnit.SECONDS);
        try {
            return Store.open(
                    chosen,
                    user != null ? user : env("ALLOT_DB_USER", null),
                    password != null ? password : env("ALLOT_DB_PASSWORD", null));
        } finally {
            notice.shutdownNow();
        }
    }

    /** Why opening {@code url} is slow: a running server holds the embedded file, or the database is far or busy. */
    static String waitingNotice(String url) {
        if (url.startsWith("jdbc:h2:file:")) {
            String file = url.substring("jdbc:h2:file:".length()).split(";", 2)[0];
            if (java.nio.file.Files.exists(java.nio.file.Path.of(file + ".lock.db"))) {
                return "allot: waiting for the store " + file + ": a running server holds it, so this command goes"
                        + " through that server (the slurm and kueue commands can use its API instead: --server URL"
                        + " --token-file FILE).";
            }
        }
        return "allot: waiting for the store at " + url + " to open…";
    }

    /** Runs {@code work} with the use cases over the open store (for commands that never solve), then closes it. */
    public <T> T withApplication(java.util.function.Function<dev.allot.application.Application, T> work) {
        try (Store opened = open()) {
            return work.apply(dev.allot.application.Application.over(opened));
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
