package dev.allot.web;

import dev.allot.application.SignIn;
import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import dev.allot.store.Actor;
import dev.allot.store.TokenRepository;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sign-in with a token (the same tokens the API takes), a session cookie, and CSRF protection: every form carries
 * a token that is the HMAC of the browser's session (or, before sign-in, of a random pre-session cookie) under a
 * key that never leaves the server, so another site can neither read nor forge it.
 */
final class Sessions {
    /** The API accepts this cookie too, so a signed-in browser can call the API. */
    static final String SESSION_COOKIE = "allot_session";

    static final String PRE_SESSION_COOKIE = "allot_presession";
    static final String CSRF_FIELD = "csrf";
    static final Duration LIFETIME = Duration.ofHours(12);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SignIn signIn;
    private final byte[] key = new byte[32];

    Sessions(SignIn signIn) {
        this.signIn = signIn;
        RANDOM.nextBytes(key);
    }

    /** Who the session cookie belongs to, if it is live. */
    Optional<Rights> signedIn(Context ctx) {
        String session = ctx.cookie(SESSION_COOKIE);
        if (session == null || session.isBlank()) {
            return Optional.empty();
        }
        return signIn.authenticate(session).map(actor -> new Rights(actor.user(), actor.role()));
    }

    /** Exchanges an API token for a session cookie; an unknown token is refused with a message for the form. */
    Rights signIn(Context ctx, String token) {
        TokenRepository.Issued session = signIn.openSession(token == null ? "" : token.trim(), LIFETIME)
                .orElseThrow(
                        () -> new AllotException(
                                Kind.FORBIDDEN,
                                "unknown-token",
                                "token: not a live token. Maybe create one with"
                                        + " 'allot token create --user <name> --role <role>', or copy one that './allot demo' printed?"));
        ctx.cookie(cookie(ctx, SESSION_COOKIE, session.token(), (int) LIFETIME.toSeconds()));
        return new Rights(session.user(), session.role());
    }

    /** Opens a session for someone the identity provider signed in, with the role the mapping gave them. */
    Rights signIn(Context ctx, Actor actor) {
        TokenRepository.Issued session = signIn.openSignedOnSession(actor.user(), actor.role(), LIFETIME);
        ctx.cookie(cookie(ctx, SESSION_COOKIE, session.token(), (int) LIFETIME.toSeconds()));
        return new Rights(session.user(), session.role());
    }

    void signOut(Context ctx, Rights rights) {
        String session = ctx.cookie(SESSION_COOKIE);
        if (session != null) {
            signIn.signOut(session, new Actor(rights.user(), rights.role()));
        }
        ctx.cookie(cookie(ctx, SESSION_COOKIE, "", 0));
    }

    /** The CSRF token for this browser's forms; before sign-in it sets the pre-session cookie it is bound to. */
    String csrfToken(Context ctx) {
        String session = ctx.cookie(SESSION_COOKIE);
        if (session == null || session.isBlank()) {
            session = ctx.cookie(PRE_SESSION_COOKIE);
            if (session == null || session.isBlank()) {
                byte[] random = new byte[24];
                RANDOM.nextBytes(random);
                session = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                ctx.cookie(cookie(ctx, PRE_SESSION_COOKIE, session, (int) LIFETIME.toSeconds()));
            }
        }
        return hmac(session);
    }

    /** Refuses a form post whose CSRF token does not belong to this browser. */
    void requireCsrf(Context ctx, boolean signedIn) {
        String bound = ctx.cookie(signedIn ? SESSION_COOKIE : PRE_SESSION_COOKIE);
        String sent = ctx.formParam(CSRF_FIELD);
        boolean valid = bound != null
                && !bound.isBlank()
                && sent != null
                && MessageDigest.isEqual(
                        hmac(bound).getBytes(StandardCharsets.US_ASCII), sent.getBytes(StandardCharsets.US_ASCII));
        if (!valid) {
            throw new AllotException(
                    Kind.FORBIDDEN,
                    "csrf-token-invalid",
                    "csrf: the form's security token is"
                            + " missing or belongs to another session. Maybe reload the page and submit the form again?");
        }
    }

    /** {@code value} with a MAC under this server's key, for a cookie the browser must hand back unchanged. */
    String sign(String value) {
        return value + "~" + hmac("signed:" + value);
    }

    /** The value {@link #sign} signed, if {@code signed} is one of ours and unchanged. */
    Optional<String> verified(String signed) {
        int cut = signed == null ? -1 : signed.lastIndexOf('~');
        if (cut < 0) {
            return Optional.empty();
        }
        String value = signed.substring(0, cut);
        boolean valid = MessageDigest.isEqual(
                hmac("signed:" + value).getBytes(StandardCharsets.US_ASCII),
                signed.substring(cut + 1).getBytes(StandardCharsets.US_ASCII));
        return valid ? Optional.of(value) : Optional.empty();
    }

    private String hmac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** HttpOnly and SameSite=Strict always; Secure over TLS (or behind a proxy trusted to say so). */
    private static Cookie cookie(Context ctx, String name, String value, int maxAgeSeconds) {
        return new Cookie(
                name,
                value,
                "/",
                maxAgeSeconds,
                dev.allot.server.EdgeChecks.isSecure(ctx),
                true,
                null,
                SameSite.STRICT);
    }
}
