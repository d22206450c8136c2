package dev.allot.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An API token as listed to an administrator: never its secret. {@code id} is the first characters of the token's
 * SHA-256, enough to revoke it by; {@code expiresAt} null means never, {@code lastUsedAt} null means not yet (it is
 * written at most once a minute); {@code liveSessions} counts the web sessions derived from it.
 */
public record TokenInfo(
        String id,
        String user,
        Role role,
        String label,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsedAt,
        int liveSessions) {
    public TokenInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
        label = label == null ? "" : label;
    }

    /** Whether it still authenticates at {@code now}. */
    public boolean isLive(Instant now) {
        return expiresAt == null || expiresAt.isAfter(now);
    }
}
