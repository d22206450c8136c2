package dev.allot.application;

import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import dev.allot.store.Actor;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.TokenInfo;
import java.util.List;

/**
 * The token lifecycle an administrator runs: list API tokens (never their secrets) and revoke one, which ends its
 * sessions. The API, the admin page and the command line share these checks.
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
     * Revokes the token with {@code id} and every session derived from it.
     *
     * @return whether a live token had that id
     */
    public boolean revoke(String id, Actor actor) {
        requireAdmin(actor);
        return store.tokens().revokeById(id, actor);
    }

    private static void requireAdmin(Actor actor) {
        if (actor.role() != Role.ADMIN) {
            throw new AllotException(
                    Kind.FORBIDDEN,
                    "role-forbidden",
                    "Role " + actor.role().label() + " may not manage tokens. Maybe ask an administrator?");
        }
    }
}
