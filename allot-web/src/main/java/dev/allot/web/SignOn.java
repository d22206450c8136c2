package dev.allot.web;

import dev.allot.server.EdgeChecks;
import dev.allot.server.oidc.OidcProvider;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Single sign-on through the lab's OpenID Connect provider: {@code GET /login/sso} sends the browser to the
 * provider with fresh state, nonce and PKCE verifier, kept in a short-lived signed cookie; {@code GET
 * /login/sso/callback} checks that the state coming back is this browser's, lets the provider library exchange the
 * code and verify the ID token, maps the person to a role and opens a session.
 *
 * <p>The sign-on cookie is SameSite=Lax, since the browser comes back from the provider's site; the session cookie
 * is SameSite=Strict, so the callback answers with a page that moves on to the board from this site (a redirect
 * chain that began on the provider's site would not carry it).
 */
final class SignOn {
    static final String START = "/login/sso";
    static final String CALLBACK = "/login/sso/callback";
    static final String COOKIE = "allot_sso";
    private static final int COOKIE_SECONDS = 600;

    record Landing(String next, String user, String role) {}

    private final OidcProvider provider;
    private final Sessions sessions;

    SignOn(OidcProvider provider, Sessions sessions) {
        this.provider = provider;
        this.sessions = sessions;
    }

    /** Sends the browser to the provider's sign-in page. */
    void start(Context ctx) {
        String next = NextPage.orDefault(ctx.queryParam("next"));
        OidcProvider.Start start = provider.start(redirectUri(ctx));
        String payload = String.join(" ", start.state(), start.nonce(), start.verifier(), next);
        String value = sessions.sign(
                Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)));
        ctx.cookie(cookie(ctx, value, COOKIE_SECONDS));
        ctx.redirect(start.authorization().toString(), io.javalin.http.HttpStatus.FOUND);
    }

    /** Finishes a sign-in the provider sent back; returns where to go next and who signed in. */
    Landing finish(Context ctx) {
        String cookie = ctx.cookie(COOKIE);
        ctx.cookie(cookie(ctx, "", 0));
        String error = ctx.queryParam("error");
        if (error != null) {
            String description = ctx.queryParam("error_description");
            throw OidcProvider.refused(
                    "the provider answered " + error + (description == null ? "" : " (" + description + ")"));
        }
        String[] parts = sessions.verified(cookie)
                .map(value -> new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8))
                .map(text -> text.split(" ", -1))
                .filter(split -> split.length == 4)
                .orElseThrow(() -> OidcProvider.refused("this browser did not start a sign-in here in the last "
                        + COOKIE_SECONDS / 60 + " minutes (or its cookie was changed)"));
        String issuer = ctx.queryParam("iss");
        if (issuer != null && !issuer.equals(provider.settings().issuer().toString())) {
            throw OidcProvider.refused("the answer names another issuer (" + issuer + ")");
        }
        String state = ctx.queryParam("state");
        if (state == null
                || !MessageDigest.isEqual(
                        parts[0].getBytes(StandardCharsets.US_ASCII), state.getBytes(StandardCharsets.US_ASCII))) {
            throw OidcProvider.refused("the state sent back is not the one this browser was given");
        }
        String code = ctx.queryParam("code");
        if (code == null || code.isBlank()) {
            throw OidcProvider.refused("the provider sent no authorization code");
        }
        var identity = provider.finish(code, redirectUri(ctx), parts[2], parts[1]);
        Rights rights = sessions.signIn(ctx, provider.actorOf(identity));
        return new Landing(NextPage.orDefault(parts[3]), rights.user(), rights.roleLabel());
    }

    /** The provider's own sign-out page for this client, if it has one. */
    Optional<String> providerSignOut() {
        return provider.endSession()
                .map(uri -> uri + (uri.getQuery() == null ? "?" : "&") + "client_id="
                        + URLEncoder.encode(provider.settings().clientId(), StandardCharsets.UTF_8));
    }

    private URI redirectUri(Context ctx) {
        return provider.settings()
                .redirectUri()
                .orElseGet(() ->
                        URI.create((EdgeChecks.isSecure(ctx) ? "https" : "http") + "://" + ctx.host() + CALLBACK));
    }

    private static Cookie cookie(Context ctx, String value, int maxAgeSeconds) {
        return new Cookie(
                COOKIE, value, "/login/sso", maxAgeSeconds, EdgeChecks.isSecure(ctx), true, null, SameSite.LAX);
    }
}
