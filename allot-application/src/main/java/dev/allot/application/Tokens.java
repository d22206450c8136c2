package dev.allot.application;

import dev.allot.store.Actor;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.TokenInfo;
import dev.allot.store.TokenRepository.Issued;
import java.time.Duration;
import java.util.List;

/**
 * The token lifecycle an administrator runs: create an API token (its secret is shown once), list tokens (never their
 * secrets), and revoke one or every token of a user, which ends their sessions. The API, the admin page and the
 * command line share these checks.
 */
public final class Tokens {
    private final Store store;

    Tokens(Store store) {
        this.store = store;
    }

    /** Every live API token, for an administrator. */
    public List<TokenInfo> list(Actor actor) {
        requireAdmin(actor);
        return store.tokens().list();
    }

    /**
     * An API token for {@code user} with {@code role}, expiring after {@code lifetime} (null: never); the returned
     * secret is the only copy, only its hash is stored.
     */
    public Issued create(String user, Role role, String label, Duration lifetime, Actor actor) {
        requireAdmin(actor);
        return store.tokens().create(user, role, label, lifetime, actor);
    }

    /** {@link #create(String, Role, String, Duration, Actor)} with the default lifetime of 90 days. */
    public Issued create(String user, Role role, String label, Actor actor) {
        return create(user, role, label, dev.allot.store.TokenRepository.DEFAULT_LIFETIME, actor);
    }

    /**
     * Revokes a token given as itself (as printed when created) or by its id, with every session derived from it.
     *
     * @return whether a live token matched
     */
    public boolean revokeTokenOrId(String tokenOrId, Actor actor) {
        requireAdmin(actor);
        return tokenOrId.startsWith("allot_")
                ? store.tokens().revoke(tokenOrId, actor)
                : store.tokens().revokeById(tokenOrId, actor);
    }

    /** Revokes every token and session of {@code user}; returns how many there were. */
    public int revokeUser(String user, Actor actor) {
        requireAdmin(actor);
        return store.tokens().revokeUser(user, actor);
    }

    /**
     * Revokes the token with {@code id} and every session derived from it.
     *
     * @return whether a live token had that id
     */
    public boolean revoke(String id, Actor actor) {
        requireAdmin(actor);
        return store.tokens().revokeById(id, actor);
    }

    private static void requireAdmin(Actor actor) {
        AdminOnly.require(actor, "manage tokens");
    }
}
