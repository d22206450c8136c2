package dev.allot.application;

import dev.allot.core.AllotException;
import dev.allot.core.ErrorCode;
import dev.allot.store.Actor;
import dev.allot.store.Role;

/** The one check of the use cases only an administrator runs (tokens, projects). */
final class AdminOnly {
    private AdminOnly() {}

    /** Refuses (403 {@code role-forbidden}) anyone but an administrator to {@code action}. */
    static void require(Actor actor, String action) {
        if (actor.role() != Role.ADMIN) {
            throw new AllotException(
                    ErrorCode.ROLE_FORBIDDEN,
                    "Role " + actor.role().label() + " may not " + action + ". Maybe ask an administrator?");
        }
    }
}
