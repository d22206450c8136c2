package dev.allot.application;

import dev.allot.store.Actor;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.TokenRepository.Issued;
import java.time.Duration;
import java.util.Optional;

/**
 * Signing in, for the API and the web UI alike: who holds a token or session, a web session in exchange for an API
 * token or for a person the identity provider vouched for, and signing out. Anyone may run these; what the signed-in
 * actor may then do is each use case's check.
 */
public final class SignIn {
    private final Store store;

    SignIn(Store store) {
        this.store = store;
    }

    /** Who holds {@code token} (an API token or a session), if it is known, live and not expired. */
    public Optional<Actor> authenticate(String token) {
        return store.tokens().authenticate(token);
    }

    /**
     * A session for {@code sourceToken}'s holder that expires after {@code lifetime}, or with its token if sooner;
     * empty when the token is unknown, revoked or expired.
     */
    public Optional<Issued> openSession(String sourceToken, Duration lifetime) {
        return store.tokens().createSession(sourceToken, lifetime);
    }

    /** A session for a person the lab's identity provider signed in, with the role the mapping gave them. */
    public Issued openSignedOnSession(String user, Role role, Duration lifetime) {
        return store.tokens().createSignedOnSession(user, role, lifetime);
    }

    /** Ends the session {@code session} of {@code actor}; an unknown or ended session is left as it is. */
    public void signOut(String session, Actor actor) {
        store.tokens().revoke(session, actor);
    }
}
