package dev.allot.store;

import java.util.Objects;

/** Who does something: the user name recorded in the audit log and the role that decides what they may do. */
public record Actor(String user, Role role) {
    public Actor {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
    }

    /** The actor for commands run on the server's own console (imports, migrations). */
    public static Actor system(String user) {
        return new Actor(user, Role.ADMIN);
    }
}
