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
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API tokens and UI sessions. Only the SHA-256 of a token is stored: the secret (32 random bytes) is shown once,
 * when it is created.
 */
public final class TokenRepository {
    /** A token as shown once to its owner. */
    public record Issued(String token, String user, Role role, Instant expiresAt) {}

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Store store;

    TokenRepository(Store store) {
        this.store = store;
    }

    /** A long-lived API token for {@code user} with {@code role}. */
    public Issued create(String user, Role role, String label, Actor actor) {
        return issue(user, role, label, null, "api", actor);
    }

    /** A session for the web UI: like a token, but it expires after {@code lifetime}. */
    public Issued createSession(Actor actor, Duration lifetime) {
        return issue(actor.user(), actor.role(), "session", lifetime, "session", actor);
    }

    /** Who holds this token, if it is known and not expired. */
    public Optional<Actor> authenticate(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        String hash = hash(token);
        return store.read(handle -> handle.createQuery("SELECT * FROM api_token WHERE token_hash = :hash")
                .bind("hash", hash)
                .map((rs, ctx) -> {
                    OffsetDateTime expires = rs.getObject("expires_at", OffsetDateTime.class);
                    boolean live = expires == null || expires.toInstant().isAfter(store.now());
                    return live ? new Actor(rs.getString("user_name"), Role.valueOf(rs.getString("role"))) : null;
                })
                .findOne());
    }

    /** Revokes a token; returns whether it existed. */
    public boolean revoke(String token, Actor actor) {
        return store.transaction(handle -> {
            int rows = handle.createUpdate("DELETE FROM api_token WHERE token_hash = :hash")
                    .bind("hash", hash(token))
                    .execute();
            if (rows > 0) {
                store.audit()
                        .record(handle, actor, "revoke", "token", hash(token).substring(0, 12), "token", null);
            }
            return rows > 0;
        });
    }

    private Issued issue(String user, Role role, String label, Duration lifetime, String kind, Actor actor) {
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
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "allot_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = store.now();
        Instant expires = lifetime == null ? null : now.plus(lifetime);
        String safeLabel = label == null ? "" : label.length() > 200 ? label.substring(0, 200) : label;
        return store.transaction(handle -> {
            handle.createUpdate("INSERT INTO api_token (token_hash, user_name, role, label, created_at, expires_at,"
                            + " kind) VALUES (:hash, :user, :role, :label, :at, :expires, :kind)")
                    .bind("hash", hash(token))
                    .bind("user", user)
                    .bind("role", role.name())
                    .bind("label", safeLabel)
                    .bind("at", now.atOffset(ZoneOffset.UTC))
                    .bindByType(
                            "expires", expires == null ? null : expires.atOffset(ZoneOffset.UTC), OffsetDateTime.class)
                    .bind("kind", kind)
                    .execute();
            store.audit()
                    .record(
                            handle,
                            actor,
                            "create",
                            kind,
                            user,
                            null,
                            java.util.Map.of("user", user, "role", role.label(), "label", safeLabel));
            return new Issued(token, user, role, expires);
        });
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
