package dev.allot.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * The system of record: opens the database (embedded H2 by default, PostgreSQL in production), brings its schema up
 * to date, and hands out the repositories. Every public repository method is one transaction: it is either fully
 * written or not at all.
 *
 * <p>Thread-safe; open one per process and close it on shutdown.
 */
public final class Store implements AutoCloseable {
    /** The embedded database used when no URL is given: a file under {@code ./allot-data}. */
    public static final String DEFAULT_URL = "jdbc:h2:file:./allot-data/allot";

    private final HikariDataSource dataSource;
    private final boolean embeddedFile;
    private final Jdbi jdbi;
    private final InstantSource clock;
    private final AuditLog audit;
    private final LabRepository lab;
    private final CycleRepository cycles;
    private final ReviewRepository reviews;
    private final PlanRepository plans;
    private final ApprovalRepository approvals;
    private final UsageRepository usage;
    private final TokenRepository tokens;
    private final EvidenceRepository evidence;
    private final EnforcementRepository enforcement;
    private final AssignmentRepository assignments;
    private final BlockRepository blocks;

    private Store(HikariDataSource dataSource, InstantSource clock) {
        this.dataSource = dataSource;
        this.embeddedFile = dataSource.getJdbcUrl().startsWith("jdbc:h2:file:");
        this.jdbi = Jdbi.create(dataSource);
        jdbi.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
        this.clock = clock;
        this.audit = new AuditLog(this);
        this.lab = new LabRepository(this);
        this.cycles = new CycleRepository(this);
        this.reviews = new ReviewRepository(this);
        this.plans = new PlanRepository(this);
        this.approvals = new ApprovalRepository(this);
        this.usage = new UsageRepository(this);
        this.tokens = new TokenRepository(this);
        this.evidence = new EvidenceRepository(this);
        this.enforcement = new EnforcementRepository(this);
        this.assignments = new AssignmentRepository(this);
        this.blocks = new BlockRepository(this);
    }

    /** Opens (and migrates) the database at {@code url}; user and password may be null for H2. */
    public static Store open(String url, String user, String password) {
        return open(url, user, password, InstantSource.system());
    }

    public static Store open(String url, String user, String password, InstantSource clock) {
        if (url == null || !(url.startsWith("jdbc:h2:") || url.startsWith("jdbc:postgresql:"))) {
            throw AllotException.invalid(
                    "unsupported-database",
                    "--db: unsupported database URL '" + url
                            + "'. Maybe jdbc:h2:file:./allot-data/allot or jdbc:postgresql://host:5432/allot?");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(embedded(url));
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        config.setPoolName("allot-store");
        // An embedded file either opens at once (alone, or through the auto-server of the process holding it) or
        // not at all: fail on the first attempt instead of retrying for the pool's 30 s connection timeout.
        config.setInitializationFailTimeout(url.startsWith("jdbc:h2:file:") ? 1 : -1);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw unavailable(url, e);
        }
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw unavailable(url, e);
        }
        return new Store(dataSource, clock);
    }

    /** H2's error code for a database file locked by a process that does not share it. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    private static AllotException unavailable(String url, RuntimeException e) {
        SQLException sql = findSql(e);
        if (sql != null && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
            return new AllotException(
                    Kind.UNAVAILABLE,
                    "store-in-use",
                    "The store at " + url + " is in use by another process that does not share it (a running"
                            + " server started without auto-server mode, or another tool). Maybe restart that server"
                            + " with this version, or go through it with --server URL --token-file FILE?",
                    List.of(),
                    e);
        }
        return new AllotException(
                Kind.INTERNAL,
                "database-unavailable",
                "Could not open the database at " + url + ": " + rootMessage(e)
                        + ". Maybe check --db, ALLOT_DB_URL and the credentials?",
                List.of(),
                e);
    }

    static {
        // The embedded database's auto-server (below) listens on loopback only, not on every interface.
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    /**
     * Embedded H2 settings for a system of record: write each commit at once rather than up to half a second later,
     * and do not let background compaction rewrite live chunks (a kill during that rewrite could cost recent work).
     * AUTO_SERVER lets a second process (the CLI revoking a token or taking a backup while {@code allot serve}
     * runs) use the same file through the first one instead of failing on the file lock or opening the file beside
     * it.
     */
    static String embedded(String url) {
        if (!url.startsWith("jdbc:h2:file:")) {
            return url;
        }
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        return url
                + (upper.contains("WRITE_DELAY") ? "" : ";WRITE_DELAY=0")
                + (upper.contains("AUTO_COMPACT_FILL_RATE") ? "" : ";AUTO_COMPACT_FILL_RATE=0")
                + (upper.contains("REUSE_SPACE") ? "" : ";REUSE_SPACE=FALSE")
                + (upper.contains("AUTO_SERVER") ? "" : ";AUTO_SERVER=TRUE");
    }

    public LabRepository lab() {
        return lab;
    }

    public CycleRepository cycles() {
        return cycles;
    }

    public ReviewRepository reviews() {
        return reviews;
    }

    public PlanRepository plans() {
        return plans;
    }

    /** Approvals of drafts and acknowledgements of guard-rail warnings. */
    public ApprovalRepository approvals() {
        return approvals;
    }

    public UsageRepository usage() {
        return usage;
    }

    public TokenRepository tokens() {
        return tokens;
    }

    public EvidenceRepository evidence() {
        return evidence;
    }

    /** The record of enforcement runs (Slurm and Kueue applies, drift checks, exports) per cycle. */
    public EnforcementRepository enforcement() {
        return enforcement;
    }

    /** Which reviewer scores which project, per cycle. */
    public AssignmentRepository assignments() {
        return assignments;
    }

    /** The reserved blocks the projects ask for in each cycle. */
    public BlockRepository blocks() {
        return blocks;
    }

    public AuditLog audit() {
        return audit;
    }

    /** Whether the database answers a trivial query. */
    public boolean healthy() {
        try {
            return jdbi.withHandle(handle ->
                            handle.createQuery("SELECT 1").mapTo(Integer.class).one())
                    == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * Runs {@code work} in one transaction; database failures become {@link AllotException}s. On an embedded H2 file
     * the commit is also forced to disk before this returns: H2 otherwise keeps recent commits in memory for a
     * moment, and a killed process would lose a change it had already reported as saved.
     */
    <T> T transaction(Function<Handle, T> work) {
        try {
            T result = jdbi.inTransaction(work::apply);
            if (embeddedFile) {
                jdbi.useHandle(handle -> handle.execute("CHECKPOINT SYNC"));
            }
            return result;
        } catch (JdbiException e) {
            throw translate(e);
        }
    }

    /** Reads without a write transaction. */
    <T> T read(Function<Handle, T> work) {
        try {
            return jdbi.withHandle(work::apply);
        } catch (JdbiException e) {
            throw translate(e);
        }
    }

    private static AllotException translate(JdbiException e) {
        SQLException sql = findSql(e);
        if (sql != null && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
            return new AllotException(
                    Kind.CONFLICT,
                    "constraint-violated",
                    "The change conflicts with stored data: " + firstLine(sql.getMessage())
                            + ". Maybe someone changed it at the same time; reload and retry?",
                    List.of(),
                    e);
        }
        return new AllotException(
                Kind.INTERNAL,
                "database-error",
                "The database failed: " + rootMessage(e) + ". Maybe check the database server and its logs?",
                List.of(),
                e);
    }

    private static SQLException findSql(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return firstLine(String.valueOf(root.getMessage()));
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
