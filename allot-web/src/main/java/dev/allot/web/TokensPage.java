package dev.allot.web;

import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import dev.allot.store.Actor;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.TokenInfo;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/** The administrator's token page: every API token with expiry, last use and live sessions, and a revoke button. */
final class TokensPage {
    record View(Page page, List<TokenInfo> tokens, Instant now, String notice) {}

    private final Store store;

    TokensPage(Store store) {
        this.store = store;
    }

    String render(Context ctx, Page page) {
        requireAdmin(page);
        return Templates.render("tokens.jte", new View(page, store.tokens().list(), Instant.now(), ""));
    }

    /** Revokes the token named by the form; the page shows the list again with what happened. */
    String revoke(Context ctx, Page page) {
        requireAdmin(page);
        String id = ctx.formParam("id");
        boolean revoked = store.tokens()
                .revokeById(id, new Actor(page.rights().user(), page.rights().role()));
        String notice = revoked ? "Token " + id + " revoked, with its sessions." : "Token " + id + " was already gone.";
        return Templates.render("tokens.jte", new View(page, store.tokens().list(), Instant.now(), notice));
    }

    private static void requireAdmin(Page page) {
        if (page.rights().role() != Role.ADMIN) {
            throw new AllotException(
                    Kind.FORBIDDEN,
                    "role-forbidden",
                    "Role " + page.rights().roleLabel() + " may not manage tokens. Maybe ask an administrator?");
        }
    }
}
