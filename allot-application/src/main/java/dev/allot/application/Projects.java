package dev.allot.application;

import dev.allot.core.model.Project;
import dev.allot.store.Actor;
import dev.allot.store.Store;
import dev.allot.store.Versioned;

/**
 * The lab's projects as an administrator keeps them: create one, or replace one (its status changes are kept). The
 * project's own rules (id syntax, category, fields) are checked by the adapter's translation into a {@link Project};
 * an unknown category, an existing id and a stale version are the store's refusals.
 */
public final class Projects {
    private final Store store;

    Projects(Store store) {
        this.store = store;
    }

    /** Creates {@code project}, at version 1; an administrator's only. */
    public Versioned<Project> create(Project project, Actor actor) {
        AdminOnly.require(actor, "create projects");
        return store.lab().createProject(project, actor);
    }

    /** Replaces {@code project}; {@code expectedVersion} (if given) must be the stored one. An administrator's only. */
    public Versioned<Project> update(Project project, Integer expectedVersion, Actor actor) {
        AdminOnly.require(actor, "edit projects");
        return store.lab().updateProject(project, expectedVersion, actor);
    }
}
