package dev.allot.web;

import dev.allot.core.model.Project;
import dev.allot.store.CycleState;
import dev.allot.store.Role;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the signed-in person may do, the same rights the REST API enforces: pages offer only these actions, and the
 * handlers refuse the rest when a request is forged.
 */
record Rights(String user, Role role) {
    private static final Set<Role> REVIEWING = EnumSet.of(Role.ADMIN, Role.DECIDER, Role.REVIEWER);

    /** Sees the draft plan, pins, overrides and scores (the deciders' screen, read-only for reviewers). */
    boolean mayReview() {
        return REVIEWING.contains(role);
    }

    /** Pins, overrides, solves and publishes. */
    boolean mayDecide() {
        return role == Role.DECIDER;
    }

    /** Deciders and admins set the policy (the API's rule). */
    boolean maySetPolicy() {
        return role == Role.DECIDER || role == Role.ADMIN;
    }

    boolean mayScore() {
        return role == Role.REVIEWER;
    }

    /** Leads edit the asks of their own projects; admins any ask. */
    boolean mayAsk(Project project) {
        return role == Role.ADMIN || role == Role.LEAD && project.lead().equals(user);
    }

    /** Moves the cycle to {@code target} (publishing goes through {@link #mayDecide()} and the publish screen). */
    boolean mayMoveTo(CycleState target) {
        return target != null
                && target != CycleState.PUBLISHED
                && target.mayEnter().contains(role);
    }

    String roleLabel() {
        return role.label();
    }
}
