package dev.allot.server;

import dev.allot.application.Tokens;
import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import dev.allot.store.TokenInfo;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** Handlers for the token lifecycle (admin): list API tokens without their secrets, revoke one by id. */
final class TokenHandlers {
    private final Tokens tokens;

    TokenHandlers(Tokens tokens) {
        this.tokens = tokens;
    }

    void list(Context ctx) {
        ctx.json(tokens.list(Requests.actor(ctx)).stream()
                .map(TokenHandlers::json)
                .toList());
    }

    void revoke(Context ctx) {
        String id = ctx.pathParam("id");
        if (!tokens.revoke(id, Requests.actor(ctx))) {
            throw new AllotException(
                    Kind.NOT_FOUND,
                    "token-not-found",
                    "id: no API token '" + Requests.shorten(id)
                            + "'. Maybe it was revoked already; GET /api/tokens lists the live ones?");
        }
        ctx.status(204);
    }

    /** Absent rather than null: a token that never expires has no expiresAt, one never used no lastUsedAt. */
    static Map<String, Object> json(TokenInfo token) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", token.id());
        body.put("user", token.user());
        body.put("role", token.role().label());
        body.put("label", token.label());
        body.put("createdAt", token.createdAt().toString());
        if (token.expiresAt() != null) {
            body.put("expiresAt", token.expiresAt().toString());
        }
        if (token.lastUsedAt() != null) {
            body.put("lastUsedAt", token.lastUsedAt().toString());
        }
        body.put("liveSessions", token.liveSessions());
        return body;
    }
}
