package dev.allot.web;

import io.javalin.http.Context;

/** The sign-in form: a token in, a session cookie out. */
final class LoginPage {
    record View(Page page, String next, String error) {}

    private LoginPage() {}

    static String form(Context ctx, Sessions sessions, String error) {
        String next = ctx.queryParam("next") != null ? ctx.queryParam("next") : ctx.formParam("next");
        Page page = new Page(null, sessions.csrfToken(ctx), "login", null);
        return Templates.render("login.jte", new View(page, NextPage.orDefault(next), error));
    }
}
