package dev.allot.server;

import dev.allot.application.SignIn;
import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import dev.allot.core.ErrorCode;
import dev.allot.core.Problem;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.ProjectId;
import dev.allot.server.oidc.OidcProvider;
import dev.allot.store.Actor;
import dev.allot.store.Role;
import dev.allot.store.Versioned;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Request plumbing shared by the handlers: who is calling, typed path parameters, entity tags. */
final class Requests {
    static final String SESSION_COOKIE = "allot_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String ACTOR = "allot.actor";
    private static final String TOKEN = "allot.token";
    private static final String IF_MATCH_REQUIRED = "allot.ifMatchRequired";
    private static final Pattern ETAG = Pattern.compile("(W/)?\"(\\d{1,9})\"");

    private Requests() {}

    /**
     * Authenticates the bearer token (or UI session cookie) and checks the role; the actor is kept on the request.
     * With single sign-on configured ({@code oidc} not null), a bearer JWT is checked as the provider's access token.
     */
    static Actor authorize(Context ctx, SignIn signIn, OidcProvider oidc, Set<Role> roles) {
        String header = ctx.header("Authorization");
        String token = null;
        boolean fromCookie = false;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = header.substring(7).trim();
        } else if (ctx.cookie(SESSION_COOKIE) != null) {
            token = ctx.cookie(SESSION_COOKIE);
            fromCookie = true;
        }
        if (token == null || token.isEmpty()) {
            throw new AllotException(
                    Kind.FORBIDDEN,
                    ProblemResponses.UNAUTHENTICATED,
                    "This route needs a token."
                            + " Maybe send 'Authorization: Bearer <token>' (create one with 'allot token create')?");
        }
        Actor actor = oidc != null && !fromCookie && isJwt(token)
                ? providerActor(oidc, token)
                : signIn.authenticate(token)
                        .orElseThrow(() -> new AllotException(
                                Kind.FORBIDDEN,
                                ProblemResponses.UNAUTHENTICATED,
                                "The token is unknown, revoked or expired."
                                        + " Maybe create a new one with 'allot token create'?"));
        if (fromCookie && !SAFE_METHODS.contains(ctx.method().name())) {
            requireCsrf(ctx, token);
        }
        if (!roles.contains(actor.role())) {
            throw new AllotException(
                    Kind.FORBIDDEN,
                    "role-forbidden",
                    "Role " + actor.role().label() + " may not "
                            + ctx.method() + " " + ctx.endpoint().path + ". Maybe ask someone with one of the roles "
                            + roles.stream().map(Role::label).toList() + "?");
        }
        ctx.attribute(ACTOR, actor);
        ctx.attribute(TOKEN, token);
        return actor;
    }

    /** Allot's own tokens are {@code allot_} and base64url; a JWT is three base64url parts joined by dots. */
    private static boolean isJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2 && !token.startsWith("allot_");
    }

    private static Actor providerActor(OidcProvider oidc, String token) {
        List<String> why = new java.util.ArrayList<>();
        var identity = oidc.verifyBearer(token, why)
                .orElseThrow(() -> new AllotException(
                        Kind.FORBIDDEN,
                        ProblemResponses.UNAUTHENTICATED,
                        "The identity provider's access token was not accepted: " + String.join("; ", why)
                                + ". Maybe fetch a new one from "
                                + oidc.settings().issuer() + "?"));
        return oidc.actorOf(identity);
    }

    /**
     * The CSRF token of a session: a browser sends the session cookie with any request another site makes it send,
     * but only a page that read this value (returned by {@code POST /api/sessions}) can put it in the header.
     */
    static String csrfToken(String session) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(("allot-csrf:" + session).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void requireCsrf(Context ctx, String session) {
        String sent = ctx.header(CSRF_HEADER);
        boolean valid = sent != null
                && java.security.MessageDigest.isEqual(
                        csrfToken(session).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        sent.trim().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        if (!valid) {
            throw new AllotException(
                    Kind.FORBIDDEN,
                    "csrf-token-invalid",
                    CSRF_HEADER + ": an API write with the session cookie needs the session's CSRF token in this"
                            + " header. Maybe send 'Authorization: Bearer <token>' instead, or the csrfToken that"
                            + " POST /api/sessions returned?");
        }
    }

    static Actor actor(Context ctx) {
        return ctx.attribute(ACTOR);
    }

    /** The token (or session) the caller authenticated with: sessions are derived from it. */
    static String token(Context ctx) {
        return ctx.attribute(TOKEN);
    }

    static ProjectId project(Context ctx) {
        return ProjectId.of(slug(ctx, "project"));
    }

    static CycleId cycle(Context ctx) {
        return CycleId.of(slug(ctx, "cycle"));
    }

    static String slug(Context ctx, String name) {
        String value = ctx.pathParam(name);
        if (!Fields.SLUG.matcher(value).matches()) {
            throw new AllotException(
                    Kind.INVALID_INPUT,
                    "invalid-path",
                    name + " '" + shorten(value)
                            + "' is not a valid id (a-z, 0-9, '.', '_', '-'; at most 64). Maybe check the URL?",
                    List.of(new Problem(name, shorten(value), "not a valid id", "Maybe check the URL?")),
                    null);
        }
        return value;
    }

    /** The version named by {@code If-Match}, or null when the header is absent or {@code *}. */
    /** Marks the request as one whose writes must send {@code If-Match} (the server's opt-in setting). */
    static void requireIfMatch(Context ctx) {
        ctx.attribute(IF_MATCH_REQUIRED, Boolean.TRUE);
    }

    static Integer ifMatch(Context ctx) {
        String header = ctx.header("If-Match");
        if (header == null || header.isBlank()) {
            if (Boolean.TRUE.equals(ctx.attribute(IF_MATCH_REQUIRED))) {
                throw new AllotException(
                        ErrorCode.IF_MATCH_REQUIRED,
                        "This server requires If-Match on " + ctx.method() + " " + ctx.path()
                                + "; nothing was written. Maybe read it first and send its ETag as If-Match, or"
                                + " If-Match: * to change whatever is current?",
                        List.of(new Problem("If-Match", "", "missing", "Maybe the ETag of the last read?")),
                        null);
            }
            return null;
        }
        if (header.trim().equals("*")) {
            return null;
        }
        var matcher = ETAG.matcher(header.trim());
        if (!matcher.matches()) {
            throw new AllotException(
                    Kind.INVALID_INPUT,
                    "invalid-if-match",
                    "If-Match '" + shorten(header)
                            + "' is not an entity tag this server issued. Maybe copy the ETag header of the last GET?",
                    List.of(new Problem("If-Match", shorten(header), "not an entity tag", "Maybe \"3\"?")),
                    null);
        }
        return Integer.parseInt(matcher.group(2));
    }

    static <T> void versioned(Context ctx, Versioned<T> value) {
        ctx.header("ETag", value.etag()).json(value.value());
    }

    static String shorten(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
