package dev.allot.store;

import dev.allot.core.model.Category;
import dev.allot.core.model.GpuType;
import dev.allot.core.model.Lab;
import dev.allot.core.model.PastCycle;
import dev.allot.core.model.Pool;
import dev.allot.core.model.Project;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/** Writes a whole lab into the store in one transaction, touching only what differs. */
final class LabImport {
    private final Store store;
    private final Changes changes;
    private final Handle handle;

    LabImport(Store store, Changes changes) {
        this.store = store;
        this.changes = changes;
        this.handle = changes.handle();
    }

    ImportSummary run(Lab lab) {
        refusePublished(lab.cycle());
        putSetting("lab.name", lab.name());
        fleet(lab);
        CapacityEvents.replace(changes, lab.pools(), lab.capacityEvents());
        projects(lab.projects());
        CycleRepository.ensure(store, changes, lab.cycle(), lab.cycleStart(), lab.policy());
        String cycle = lab.cycle().value();
        new ReviewWrites(changes, cycle).replaceAll(lab.asks(), lab.scores(), lab.pins(), lab.overrides());
        Budgets.replace(changes, cycle, lab.budgets());
        Blocks.replaceAll(changes, cycle, lab.blocks());
        history(lab.history());
        reposition(
                "gpu_type",
                "id",
                lab.gpuTypes().stream().map(t -> t.id().value()).toList());
        reposition("pool", "name", lab.pools().stream().map(Pool::name).toList());
        reposition(
                "category",
                "id",
                lab.categories().stream().map(c -> c.id().value()).toList());
        reposition(
                "project",
                "id",
                lab.projects().stream().map(p -> p.id().value()).toList());
        return changes.summary();
    }

    /**
     * A published cycle's asks, scores, pins, policy and budgets are the record its plan was decided on: an import
     * never rewrites them, and refuses before writing anything (the fleet and projects included).
     */
    private void refusePublished(dev.allot.core.model.CycleId cycle) {
        CycleRepository.find(handle, cycle).map(c -> c.value().state()).ifPresent(state -> {
            if (state == CycleState.PUBLISHED) {
                throw new dev.allot.core.AllotException(
                        dev.allot.core.ErrorCode.LAB_IMPORT_PUBLISHED_CYCLE,
                        "Cycle " + cycle.value() + " is published; an import would rewrite the asks, scores, pins,"
                                + " policy and budgets its plan was decided on, so nothing was written. Maybe create"
                                + " the next cycle and import into it (set cycle: in the file)?");
            }
        });
    }

    /** Keeps the file's order (exports list things as the file did); order alone is not a change worth auditing. */
    private void reposition(String table, String key, List<String> keys) {
        for (int i = 0; i < keys.size(); i++) {
            handle.createUpdate("UPDATE " + table + " SET position = :position WHERE " + key + " = :key"
                            + " AND position <> :position")
                    .bind("position", i)
                    .bind("key", keys.get(i))
                    .execute();
        }
    }

    private void putSetting(String name, String value) {
        String before = handle.createQuery("SELECT setting_value FROM lab_setting WHERE name = :name")
                .bind("name", name)
                .mapTo(String.class)
                .findOne()
                .orElse(null);
        changes.put(
                "setting",
                name,
                before,
                value,
                () -> handle.createUpdate("INSERT INTO lab_setting (name, setting_value) VALUES (:name, :value)")
                        .bind("name", name)
                        .bind("value", value)
                        .execute(),
                () -> handle.createUpdate("UPDATE lab_setting SET setting_value = :value WHERE name = :name")
                        .bind("name", name)
                        .bind("value", value)
                        .execute());
    }

    private void fleet(Lab lab) {
        Map<String, GpuType> types =
                byKey("SELECT * FROM gpu_type", (rs, ctx) -> Rows.gpuType(rs), t -> t.id().value());
        for (int i = 0; i < lab.gpuTypes().size(); i++) {
            GpuType type = lab.gpuTypes().get(i);
            int position = i;
            String sqlInsert = "INSERT INTO gpu_type (id, relative_speed, position) VALUES (:id, :speed, :position)";
            String sqlUpdate = "UPDATE gpu_type SET relative_speed = :speed, position = :position WHERE id = :id";
            changes.put(
                    "gpu-type",
                    type.id().value(),
                    types.get(type.id().value()),
                    type,
                    () -> handle.createUpdate(sqlInsert)
                            .bind("id", type.id().value())
                            .bind("speed", type.relativeSpeed())
                            .bind("position", position)
                            .execute(),
                    () -> handle.createUpdate(sqlUpdate)
                            .bind("id", type.id().value())
                            .bind("speed", type.relativeSpeed())
                            .bind("position", position)
                            .execute());
        }
        Map<String, Pool> pools = byKey("SELECT * FROM pool", (rs, ctx) -> Rows.pool(rs), Pool::name);
        for (int i = 0; i < lab.pools().size(); i++) {
            Pool pool = lab.pools().get(i);
            int position = i;
            String sql = pools.containsKey(pool.name())
                    ? "UPDATE pool SET cluster = :cluster, gpu_type = :type, gpus = :gpus, gpus_per_node = :perNode,"
                            + " position = :position WHERE name = :name"
                    : "INSERT INTO pool (name, cluster, gpu_type, gpus, gpus_per_node, position)"
                            + " VALUES (:name, :cluster, :type, :gpus, :perNode, :position)";
            Runnable write = () -> handle.createUpdate(sql)
                    .bind("name", pool.name())
                    .bind("cluster", pool.cluster())
                    .bind("type", pool.gpuType().value())
                    .bind("gpus", pool.gpus())
                    .bind("perNode", pool.gpusPerNode())
                    .bind("position", position)
                    .execute();
            changes.put("pool", pool.name(), pools.get(pool.name()), pool, write, write);
        }
        Map<String, Category> categories =
                byKey("SELECT * FROM category", (rs, ctx) -> Rows.category(rs), c -> c.id().value());
        for (int i = 0; i < lab.categories().size(); i++) {
            Category category = lab.categories().get(i);
            int position = i;
            String sql = categories.containsKey(category.id().value())
                    ? "UPDATE category SET description = :description, position = :position WHERE id = :id"
                    : "INSERT INTO category (id, description, position) VALUES (:id, :description, :position)";
            Runnable write = () -> handle.createUpdate(sql)
                    .bind("id", category.id().value())
                    .bind("description", category.description())
                    .bind("position", position)
                    .execute();
            changes.put(
                    "category",
                    category.id().value(),
                    categories.get(category.id().value()),
                    category,
                    write,
                    write);
        }
    }

    private void projects(List<Project> projects) {
        Map<String, Project> stored =
                byKey("SELECT * FROM project", (rs, ctx) -> Rows.project(rs).value(), p -> p.id().value());
        for (int i = 0; i < projects.size(); i++) {
            Project project = projects.get(i);
            Project before = stored.get(project.id().value());
            int position = i;
            changes.put(
                    "project",
                    project.id().value(),
                    before,
                    project,
                    () -> ProjectWrites.insert(handle, project, position, store.now(), changes),
                    () -> ProjectWrites.update(handle, before, project, store.now(), changes));
        }
    }

    private void history(List<PastCycle> history) {
        Set<String> published =
                Set.copyOf(handle.createQuery("SELECT DISTINCT cycle FROM plan WHERE kind = 'published'")
                        .mapTo(String.class)
                        .list());
        Map<String, PastCycle> stored = byKey(
                "SELECT * FROM past_cycle ORDER BY position",
                (rs, ctx) -> PastCycles.read(rs),
                p -> p.cycle().value());
        for (int i = 0; i < history.size(); i++) {
            PastCycle past = history.get(i);
            if (published.contains(past.cycle().value())) {
                continue;
            }
            int position = i;
            String sql = stored.containsKey(past.cycle().value())
                    ? "UPDATE past_cycle SET grants_json = :grants, used_json = :used, position = :position"
                            + " WHERE cycle = :cycle"
                    : "INSERT INTO past_cycle (cycle, grants_json, used_json, position)"
                            + " VALUES (:cycle, :grants, :used, :position)";
            Runnable write = () -> handle.createUpdate(sql)
                    .bind("cycle", past.cycle().value())
                    .bind("grants", Json.write(past.grants()))
                    .bind("used", Json.write(past.usedFraction()))
                    .bind("position", position)
                    .execute();
            changes.put(
                    "past-cycle", past.cycle().value(), stored.get(past.cycle().value()), past, write, write);
        }
    }

    private <T> Map<String, T> byKey(String sql, org.jdbi.v3.core.mapper.RowMapper<T> mapper, Function<T, String> key) {
        return handle.createQuery(sql).map(mapper).list().stream()
                .collect(Collectors.toMap(key, v -> v, (a, b) -> a, HashMap::new));
    }
}
