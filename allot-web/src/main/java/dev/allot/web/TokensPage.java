package dev.allot.web;

import dev.allot.application.Tokens;
import dev.allot.store.Actor;
import dev.allot.store.TokenInfo;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/** The administrator's token page: every API token with expiry, last use and live sessions, and a revoke button. */
final class TokensPage {
    record View(Page page, List<TokenInfo> tokens, Instant now, String notice) {}

    private final Tokens tokens;

    TokensPage(Tokens tokens) {
        this.tokens = tokens;
    }

    String render(Context ctx, Page page) {
        return Templates.render("tokens.jte", new View(page, tokens.list(actor(page)), Instant.now(), ""));
    }

    /** Revokes the token named by the form; the page shows the list again with what happened. */
    String revoke(Context ctx, Page page) {
        String id = ctx.formParam("id");
        boolean revoked = tokens.revoke(id, actor(page));
        String notice = revoked ? "Token " + id + " revoked, with its sessions." : "Token " + id + " was already gone.";
        return Templates.render("tokens.jte", new View(page, tokens.list(actor(page)), Instant.now(), notice));
    }

    private static Actor actor(Page page) {
        return new Actor(page.rights().user(), page.rights().role());
    }
}
