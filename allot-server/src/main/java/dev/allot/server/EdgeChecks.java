package dev.allot.server;

import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What every request meets first, API and pages alike: security headers on every response, a cross-origin check
 * on cookie-carrying writes, and the refusal of control characters in JSON bodies and form fields (a NUL broke
 * PostgreSQL deep inside a handler). Also decides whether the request came over TLS, for the cookies' Secure flag.
 */
public final class EdgeChecks {
    /** Scripts, styles and images only from this server; no framing; forms post only here. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'"
            + " 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";

    private static final String SECURE = "allot.secure";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final boolean trustForwardedProto;

    EdgeChecks(boolean trustForwardedProto) {
        this.trustForwardedProto = trustForwardedProto;
    }

    /** The before-handler: headers first (so refusals carry them too), then the checks. */
    void check(Context ctx) {
        boolean secure = "https".equalsIgnoreCase(ctx.scheme())
                || (trustForwardedProto && "https".equalsIgnoreCase(firstValue(ctx.header("X-Forwarded-Proto"))));
        ctx.attribute(SECURE, secure);
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("X-Frame-Options", "DENY");
        if (secure) {
            ctx.header("Strict-Transport-Security", "max-age=31536000");
        }
        if (!SAFE_METHODS.contains(ctx.method().name())) {
            requireSameOrigin(ctx, secure);
            ControlCharacters.refuse(ctx);
        }
    }

    /** Whether cookies set on this response should be Secure: TLS here, or (opt-in) a proxy that says so. */
    public static boolean isSecure(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(SECURE));
    }

    /**
     * A browser sends its cookies with a write another site makes it send, but it also names that site in
     * {@code Origin}; a write that carries cookies and names a foreign origin is refused.
     */
    private static void requireSameOrigin(Context ctx, boolean secure) {
        String origin = ctx.header("Origin");
        if (origin == null || ctx.header("Cookie") == null) {
            return;
        }
        String own = (secure ? "https://" : "http://") + ctx.host();
        String ownScheme = ctx.scheme() + "://" + ctx.host();
        String given = origin.trim().toLowerCase(Locale.ROOT);
        if (!given.equals(own.toLowerCase(Locale.ROOT)) && !given.equals(ownScheme.toLowerCase(Locale.ROOT))) {
            throw new AllotException(
                    Kind.FORBIDDEN,
                    "cross-origin-refused",
                    "Origin: '" + Requests.shorten(origin) + "' is not this server (" + own + "); writes with this"
                            + " server's cookies come only from its own pages. Maybe use the page on " + own
                            + ", or send 'Authorization: Bearer <token>' without cookies?",
                    List.of(new dev.allot.core.Problem(
                            "Origin", Requests.shorten(origin), "another site", "Maybe use the page on " + own + "?")),
                    null);
        }
    }

    private static String firstValue(String header) {
        if (header == null) {
            return null;
        }
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).trim();
    }
}
