package dev.allot.store;

import dev.allot.core.AllotException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * API tokens and UI sessions. Only the SHA-256 of a token is stored: the secret (32 random bytes) is shown once,
 * when it is created. A session is derived from a token and remembers it: revoking the token (or its user) ends
 * every session derived from it in the same transaction, and a session is only valid while its token is.
 */
public final class TokenRepository {
    /** A token as shown once to its owner; {@code id} names it afterwards (listing, revoking). */
    public record Issued(String token, String user, Role role, Instant expiresAt) {
        public String id() {
            return hash(token).substring(0, ID_LENGTH);
        }
    }

    /** API tokens expire after this unless created with another lifetime. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(90);

    /** How often a token's last-used time is written at most: a busy script must not turn reads into writes. */
    static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    static final int ID_LENGTH = 12;

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Store store;

    TokenRepository(Store store) {
        this.store = store;
    }

    /** An API token for {@code user} with {@code role} that expires after {@link #DEFAULT_LIFETIME}. */
    public Issued create(String user, Role role, String label, Actor actor) {
        return create(user, role, label, DEFAULT_LIFETIME, actor);
    }

    /** An API token that expires after {@code lifetime} (null: never). */
    public Issued create(String user, Role role, String label, Duration lifetime, Actor actor) {
        Instant expires = lifetime == null ? null : store.now().plus(lifetime);
        return store.transaction(handle -> insert(handle, user, role, label, expires, "api", null, actor));
    }

    /**
     * A session for the web UI derived from {@code sourceToken} (an API token, or another session, whose token it
     * then shares): it expires after {@code lifetime}, or with its token if that is sooner. Empty when the source
     * token is unknown, revoked or expired.
     */
    public Optional<Issued> createSession(String sourceToken, Duration lifetime) {
        if (sourceToken == null || sourceToken.isBlank() || sourceToken.length() > 200) {
            return Optional.empty();
        }
        return store.transaction(handle -> live(handle, hash(sourceToken)).map(source -> {
            Instant expires = store.now().plus(lifetime);
            if (source.expiresAt() != null && source.expiresAt().isBefore(expires)) {
                expires = source.expiresAt();
            }
            Actor holder = new Actor(source.user(), source.role());
            return insert(handle, source.user(), source.role(), "session", expires, "session", source.root(), holder);
        }));
    }

    /**
     * A web session for a person the lab's identity provider vouched for (single sign-on): it has no API token
     * behind it, expires after {@code lifetime}, and ends when it is signed out or its user's tokens are revoked.
     */
    public Issued createSignedOnSession(String user, Role role, Duration lifetime) {
        Instant expires = store.now().plus(lifetime);
        return store.transaction(handle ->
                insert(handle, user, role, "single sign-on", expires, "session", null, new Actor(user, role)));
    }

    /** Who holds this token, if it is known, not expired, and (for a session) its token is still live. */
    public Optional<Actor> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 200) {
            return Optional.empty();
        }
        String hash = hash(token);
        Optional<Live> row = store.read(handle -> live(handle, hash));
        row.filter(live -> live.lastUsedAt() == null
                        || live.lastUsedAt().isBefore(store.now().minus(LAST_USED_PRECISION)))
                .ifPresent(this::touch);
        return row.map(live -> new Actor(live.user(), live.role()));
    }

    /** Records that the token (and, for a session, its API token) was used now. */
    private void touch(Live live) {
        Instant now = store.now();
        store.read(handle -> handle.createUpdate("UPDATE api_token SET last_used_at = :now"
                        + " WHERE token_hash IN (:hash, :root) AND (last_used_at IS NULL OR last_used_at < :stale)")
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .bind("stale", now.minus(LAST_USED_PRECISION).atOffset(ZoneOffset.UTC))
                .bind("hash", live.hash())
                .bind("root", live.root())
                .execute());
    }

    /** Revokes a token and every session derived from it; returns whether it existed. */
    public boolean revoke(String token, Actor actor) {
        return revokeHash(hash(token), actor);
    }

    /** Revokes the API token listed with {@code id} (and its sessions); returns whether there was one. */
    public boolean revokeById(String id, Actor actor) {
        if (id == null || !id.matches("[0-9a-f]{" + ID_LENGTH + "}")) {
            return false;
        }
        List<String> hashes = store.read(handle -> handle.createQuery(
                        "SELECT token_hash FROM api_token WHERE token_hash LIKE :prefix AND kind = 'api'")
                .bind("prefix", id + "%")
                .mapTo(String.class)
                .list());
        return hashes.size() == 1 && revokeHash(hashes.get(0), actor);
    }

    /** Every API token, newest first, with its live sessions; secrets are never listed (only their hash is kept). */
    public List<TokenInfo> list() {
        Instant now = store.now();
        return store.read(handle -> handle.createQuery("SELECT t.*, (SELECT COUNT(*) FROM api_token s"
                        + " WHERE s.parent_hash = t.token_hash AND (s.expires_at IS NULL OR s.expires_at > :now))"
                        + " AS sessions FROM api_token t WHERE t.kind = 'api' ORDER BY t.created_at DESC, t.user_name")
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .map((rs, ctx) -> new TokenInfo(
                        rs.getString("token_hash").substring(0, ID_LENGTH),
                        rs.getString("user_name"),
                        Role.valueOf(rs.getString("role")),
                        rs.getString("label"),
                        instant(rs.getObject("created_at", OffsetDateTime.class)),
                        instant(rs.getObject("expires_at", OffsetDateTime.class)),
                        instant(rs.getObject("last_used_at", OffsetDateTime.class)),
                        rs.getInt("sessions")))
                .list());
    }

    private boolean revokeHash(String hash, Actor actor) {
        return store.transaction(handle -> {
            int rows = handle.createUpdate("DELETE FROM api_token WHERE token_hash = :hash OR parent_hash = :hash")
                    .bind("hash", hash)
                    .execute();
            if (rows > 0) {
                store.audit().record(handle, actor, "revoke", "token", hash.substring(0, 12), "token", null);
            }
            return rows > 0;
        });
    }

    /** Revokes every token and session of {@code user}; returns how many there were. */
    public int revokeUser(String user, Actor actor) {
        return store.transaction(handle -> {
            int rows = handle.createUpdate("DELETE FROM api_token WHERE user_name = :user")
                    .bind("user", user)
                    .execute();
            if (rows > 0) {
                store.audit().record(handle, actor, "revoke", "user-tokens", user, Map.of("tokens", rows), null);
            }
            return rows;
        });
    }

    /** A stored token row that is live now, its session's token included. */
    private record Live(String hash, String user, Role role, Instant expiresAt, String parentHash, Instant lastUsedAt) {
        /** The API token at the root of this token's sessions. */
        String root() {
            return parentHash != null ? parentHash : hash;
        }
    }

    private Optional<Live> live(Handle handle, String hash) {
        Instant now = store.now();
        return handle.createQuery(
                        "SELECT t.token_hash, t.user_name, t.role, t.expires_at, t.parent_hash, t.last_used_at,"
                                + " p.token_hash AS parent_found, p.expires_at AS parent_expires"
                                + " FROM api_token t LEFT JOIN api_token p ON p.token_hash = t.parent_hash"
                                + " WHERE t.token_hash = :hash")
                .bind("hash", hash)
                .map((rs, ctx) -> {
                    Instant expires = instant(rs.getObject("expires_at", OffsetDateTime.class));
                    String parent = rs.getString("parent_hash");
                    boolean parentLive = parent == null
                            || (rs.getString("parent_found") != null
                                    && isLive(instant(rs.getObject("parent_expires", OffsetDateTime.class)), now));
                    return isLive(expires, now) && parentLive
                            ? new Live(
                                    rs.getString("token_hash"),
                                    rs.getString("user_name"),
                                    Role.valueOf(rs.getString("role")),
                                    expires,
                                    parent,
                                    instant(rs.getObject("last_used_at", OffsetDateTime.class)))
                            : null;
                })
                .findOne();
    }

    private static boolean isLive(Instant expires, Instant now) {
        return expires == null || expires.isAfter(now);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private Issued insert(
            Handle handle,
            String user,
            Role role,
            String label,
            Instant expires,
            String kind,
            String parentHash,
            Actor actor) {
        checkUser(user);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "allot_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String safeLabel = label == null ? "" : label.length() > 200 ? label.substring(0, 200) : label;
        handle.createUpdate("INSERT INTO api_token (token_hash, user_name, role, label, created_at, expires_at,"
                        + " kind, parent_hash) VALUES (:hash, :user, :role, :label, :at, :expires, :kind, :parent)")
                .bind("hash", hash(token))
                .bind("user", user)
                .bind("role", role.name())
                .bind("label", safeLabel)
                .bind("at", store.now().atOffset(ZoneOffset.UTC))
                .bindByType("expires", expires == null ? null : expires.atOffset(ZoneOffset.UTC), OffsetDateTime.class)
                .bind("kind", kind)
                .bindByType("parent", parentHash, String.class)
                .execute();
        store.audit()
                .record(
                        handle,
                        actor,
                        "create",
                        kind,
                        user,
                        null,
                        Map.of("user", user, "role", role.label(), "label", safeLabel));
        return new Issued(token, user, role, expires);
    }

    private static void checkUser(String user) {
        if (user == null || !USER.matcher(user).matches()) {
            throw new AllotException(
                    AllotException.Kind.INVALID_INPUT,
                    "invalid-user",
                    "user: '" + user
                            + "' is not a valid user name (letters, digits, . _ @ -, at most 64). Maybe the scheduler"
                            + " account name?",
                    List.of(new dev.allot.core.Problem(
                            "user", user, "invalid user name", "Maybe the scheduler account name?")),
                    null);
        }
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
