package dev.allot.server;

import dev.allot.store.Role;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.EnumSet;
import java.util.Set;

/**
 * One HTTP route: method, path (Javalin syntax, e.g. {@code /api/projects/{project}}), the roles that may call it
 * (empty = public, no token needed), and its handler.
 */
record Route(HandlerType method, String path, Set<Role> roles, Handler handler) {
    static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);
    static final Set<Role> PUBLIC = Set.of();

    Route {
        roles = roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles);
    }

    boolean isPublic() {
        return roles.isEmpty();
    }
}
