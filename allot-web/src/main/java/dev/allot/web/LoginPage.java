package dev.allot.web;

import io.javalin.http.Context;

/**
 * The sign-in form: a token in, a session cookie out; with single sign-on configured, also the way to the lab's
 * identity provider.
 *
 * @param sso where single sign-on starts for this page's next page, or "" when it is not configured
 * @param providerSignOut after signing out, the provider's own sign-out page, or ""
 */
final class LoginPage {
    record View(Page page, String next, String error, String sso, String providerSignOut, boolean signedOut) {}

    /** What the page shows beside the token form: the sign-on link and, after sign-out, the provider's. */
    record SignOnLinks(boolean enabled, String providerSignOut) {
        static final SignOnLinks NONE = new SignOnLinks(false, "");
    }

    private LoginPage() {}

    static String form(Context ctx, Sessions sessions, String error, SignOnLinks links) {
        String next =
                NextPage.orDefault(ctx.queryParam("next") != null ? ctx.queryParam("next") : ctx.formParam("next"));
        Page page = new Page(null, sessions.csrfToken(ctx), "login", null);
        String sso = links.enabled()
                ? SignOn.START + "?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8)
                : "";
        boolean signedOut = ctx.queryParam("signed-out") != null;
        return Templates.render(
                "login.jte", new View(page, next, error, sso, signedOut ? links.providerSignOut() : "", signedOut));
    }

    /** The page the sign-on callback answers with: it moves on to {@code next} from this site. */
    static String landing(SignOn.Landing landing) {
        return Templates.render("signedOn.jte", landing);
    }
}
