package dev.allot.store;

import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import dev.allot.core.model.Category;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.GpuType;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Pool;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The lab itself: fleet, categories and projects; whole-lab import and export; a project's history. */
public final class LabRepository {
    private final Store store;

    LabRepository(Store store) {
        this.store = store;
    }

    /** Writes the whole lab (fleet, projects, its cycle with asks, scores, pins, overrides, history) in one go. */
    public ImportSummary importLab(Lab lab, Actor actor) {
        return store.transaction(handle -> new LabImport(store, new Changes(handle, actor, store.audit())).run(lab));
    }

    /** The lab as the planner sees it for {@code cycle}: the same shape a lab file has. */
    public Lab export(CycleId cycle) {
        return store.read(handle -> LabAssembly.assemble(handle, cycle));
    }

    public List<GpuType> gpuTypes() {
        return store.read(handle -> handle.createQuery("SELECT * FROM gpu_type ORDER BY position, id")
                .map((rs, ctx) -> Rows.gpuType(rs))
                .list());
    }

    public List<Pool> pools() {
        return store.read(handle -> handle.createQuery("SELECT * FROM pool ORDER BY position, name")
                .map((rs, ctx) -> Rows.pool(rs))
                .list());
    }

    /** Every pool's capacity events, by pool then date. */
    public List<dev.allot.core.model.CapacityEvent> capacityEvents() {
        return store.read(CapacityEvents::all);
    }

    /** One pool's capacity events, by date, with their version (the number of changes to them). */
    public Versioned<List<dev.allot.core.model.CapacityEvent>> capacityEvents(String pool) {
        return store.read(
                handle -> new Versioned<>(CapacityEvents.of(handle, pool), AuditVersions.poolEvents(handle, pool)));
    }

    /**
     * Adds a capacity event to its pool (checked by the caller); the pool must exist, and when {@code expected} is
     * given it must be the version of the pool's events.
     */
    public Versioned<List<dev.allot.core.model.CapacityEvent>> addCapacityEvent(
            dev.allot.core.model.CapacityEvent event, Integer expected, Actor actor) {
        return store.transaction(handle -> {
            requirePool(handle, event.pool());
            expectPoolEvents(handle, event.pool(), expected);
            Changes changes = new Changes(handle, actor, store.audit());
            List<dev.allot.core.model.CapacityEvent> before = CapacityEvents.of(handle, event.pool());
            List<dev.allot.core.model.CapacityEvent> after = new java.util.ArrayList<>(before);
            after.add(event);
            changes.put(
                    "capacity-events",
                    event.pool(),
                    before.isEmpty() ? null : before,
                    after,
                    () -> CapacityEvents.insert(handle, event),
                    () -> CapacityEvents.insert(handle, event));
            return new Versioned<>(
                    CapacityEvents.of(handle, event.pool()), AuditVersions.poolEvents(handle, event.pool()));
        });
    }

    /**
     * Removes the pool's event at {@code index} (0-based, in date order), returning the pool's remaining events; when
     * {@code expected} is given it must be the version of the pool's events (an index means nothing in a list that
     * changed since it was read).
     */
    public Versioned<List<dev.allot.core.model.CapacityEvent>> deleteCapacityEvent(
            String pool, int index, Integer expected, Actor actor) {
        return store.transaction(handle -> {
            requirePool(handle, pool);
            expectPoolEvents(handle, pool, expected);
            List<Long> ids = CapacityEvents.ids(handle, pool);
            if (index < 0 || index >= ids.size()) {
                throw new AllotException(
                        Kind.NOT_FOUND,
                        dev.allot.core.ErrorCode.CAPACITY_EVENT_NOT_FOUND.code(),
                        "Pool " + pool + " has no capacity event " + index + " (it has " + ids.size()
                                + "). Maybe list its events first?");
            }
            List<dev.allot.core.model.CapacityEvent> before = CapacityEvents.of(handle, pool);
            new Changes(handle, actor, store.audit())
                    .delete(
                            "capacity-event",
                            pool + "#" + index,
                            before.get(index),
                            () -> handle.createUpdate("DELETE FROM capacity_event WHERE id = :id")
                                    .bind("id", ids.get(index))
                                    .execute());
            return new Versioned<>(CapacityEvents.of(handle, pool), AuditVersions.poolEvents(handle, pool));
        });
    }

    private static void expectPoolEvents(Handle handle, String pool, Integer expected) {
        AuditVersions.lock(handle, "pool", "name", pool);
        AuditVersions.expect("capacity events of pool " + pool, expected, AuditVersions.poolEvents(handle, pool));
    }

    private static Pool requirePool(Handle handle, String name) {
        return handle.createQuery("SELECT * FROM pool WHERE name = :name")
                .bind("name", name)
                .map((rs, ctx) -> Rows.pool(rs))
                .findOne()
                .orElseThrow(() -> new AllotException(
                        Kind.NOT_FOUND,
                        dev.allot.core.ErrorCode.POOL_NOT_FOUND.code(),
                        "Pool " + name + " does not exist. Maybe GET /api/pools lists the pools?"));
    }

    /** The pool named {@code name}, if any. */
    public Optional<Pool> pool(String name) {
        return store.read(handle -> handle.createQuery("SELECT * FROM pool WHERE name = :name")
                .bind("name", name)
                .map((rs, ctx) -> Rows.pool(rs))
                .findOne());
    }

    public List<Category> categories() {
        return store.read(handle -> handle.createQuery("SELECT * FROM category ORDER BY position, id")
                .map((rs, ctx) -> Rows.category(rs))
                .list());
    }

    public List<Versioned<Project>> projects() {
        return store.read(LabRepository::projects);
    }

    public Optional<Versioned<Project>> project(ProjectId id) {
        return store.read(handle -> project(handle, id));
    }

    public Versioned<Project> createProject(Project project, Actor actor) {
        return store.transaction(handle -> {
            if (project(handle, project.id()).isPresent()) {
                throw new AllotException(
                        Kind.CONFLICT,
                        "project-exists",
                        "Project " + project.id()
                                + " already exists. Maybe pick another slug, or update the existing project?");
            }
            requireCategory(handle, project);
            int position = handle.createQuery("SELECT COUNT(*) FROM project")
                    .mapTo(Integer.class)
                    .one();
            Changes changes = new Changes(handle, actor, store.audit());
            changes.put(
                    "project",
                    project.id().value(),
                    null,
                    project,
                    () -> ProjectWrites.insert(handle, project, position, store.now(), changes),
                    () -> {});
            return new Versioned<>(project, 1);
        });
    }

    /** Replaces a project; {@code expectedVersion} (if given) must be the stored one. Status changes are kept. */
    public Versioned<Project> updateProject(Project project, Integer expectedVersion, Actor actor) {
        return store.transaction(handle -> {
            Versioned<Project> before = project(handle, project.id()).orElseThrow(() -> projectNotFound(project.id()));
            requireCategory(handle, project);
            int expected = expectedVersion == null ? before.version() : expectedVersion;
            if (before.value().equals(project) && expected == before.version()) {
                return before;
            }
            Changes changes = new Changes(handle, actor, store.audit());
            if (!ProjectWrites.update(handle, before.value(), project, store.now(), changes, expected)) {
                int current =
                        project(handle, project.id()).map(Versioned::version).orElse(before.version());
                throw Stale.of("project " + project.id(), expected, current);
            }
            store.audit()
                    .record(handle, actor, "update", "project", project.id().value(), before.value(), project);
            return new Versioned<>(project, expected + 1);
        });
    }

    /** Everything the lab knows of one project across cycles: asked, granted, used, decisions and status changes. */
    public ProjectHistory history(ProjectId id) {
        return store.read(handle -> {
            project(handle, id).orElseThrow(() -> projectNotFound(id));
            return ProjectHistory.load(handle, id);
        });
    }

    static AllotException projectNotFound(ProjectId id) {
        return new AllotException(
                Kind.NOT_FOUND,
                "project-not-found",
                "Project " + id + " does not exist. Maybe check the slug, or list projects with GET /api/projects?");
    }

    static List<Versioned<Project>> projects(Handle handle) {
        return handle.createQuery("SELECT * FROM project ORDER BY position, id")
                .map((rs, ctx) -> Rows.project(rs))
                .list();
    }

    private static Optional<Versioned<Project>> project(Handle handle, ProjectId id) {
        return handle.createQuery("SELECT * FROM project WHERE id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> Rows.project(rs))
                .findOne();
    }

    private static void requireCategory(Handle handle, Project project) {
        List<String> known = handle.createQuery("SELECT id FROM category ORDER BY position")
                .mapTo(String.class)
                .list();
        if (!known.contains(project.category().value())) {
            throw new AllotException(
                    Kind.INVALID_INPUT,
                    "unknown-category",
                    "category: project " + project.id()
                            + " names category '" + project.category() + "', which the lab does not have. Maybe one of "
                            + known + "?",
                    List.of(new dev.allot.core.Problem(
                            "category", project.category().value(), "unknown category", "Maybe one of " + known + "?")),
                    null);
        }
    }
}
