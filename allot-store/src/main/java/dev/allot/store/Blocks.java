package dev.allot.store;

import dev.allot.core.model.Block;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.ProjectId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Reads and writes the {@code reserved_block} table: the reserved blocks each project asks for in a cycle. A
 * project's blocks are one resource: one audit entry ({@code blocks}, {@code cycle/project}) per change.
 */
final class Blocks {
    private static final String SELECT =
            "SELECT b.* FROM reserved_block b JOIN project p ON p.id = b.project" + " WHERE b.cycle = :cycle";

    private Blocks() {}

    /** The cycle's blocks, project by project in the lab's order, each project's in the order it listed them. */
    static List<Block> of(Handle handle, String cycle) {
        return handle.createQuery(SELECT + " ORDER BY p.position, p.id, b.position")
                .bind("cycle", cycle)
                .map((rs, ctx) -> read(rs))
                .list();
    }

    /** One project's blocks in the cycle, in the order it listed them. */
    static List<Block> of(Handle handle, String cycle, ProjectId project) {
        return handle.createQuery(SELECT + " AND b.project = :project ORDER BY b.position")
                .bind("cycle", cycle)
                .bind("project", project.value())
                .map((rs, ctx) -> read(rs))
                .list();
    }

    /** The audit entity id of a project's blocks in a cycle. */
    static String id(String cycle, ProjectId project) {
        return cycle + "/" + project.value();
    }

    /**
     * Replaces a project's blocks (checked by the caller), auditing one {@code blocks} entry with the list before and
     * after; writes nothing when they are equal.
     */
    static void replace(Changes changes, String cycle, ProjectId project, List<Block> blocks) {
        Handle handle = changes.handle();
        List<Block> before = of(handle, cycle, project);
        if (before.equals(blocks)) {
            return;
        }
        Runnable write = () -> {
            handle.createUpdate("DELETE FROM reserved_block WHERE cycle = :cycle AND project = :project")
                    .bind("cycle", cycle)
                    .bind("project", project.value())
                    .execute();
            for (int i = 0; i < blocks.size(); i++) {
                Block block = blocks.get(i);
                handle.createUpdate("INSERT INTO reserved_block (cycle, project, position, gpu_type, gpus, days,"
                                + " earliest_start, latest_end) VALUES (:cycle, :project, :position, :type, :gpus,"
                                + " :days, :earliest, :latest)")
                        .bind("cycle", cycle)
                        .bind("project", project.value())
                        .bind("position", i)
                        .bind("type", block.gpuType().value())
                        .bind("gpus", block.gpus())
                        .bind("days", block.days())
                        .bind("earliest", block.earliestStart())
                        .bind("latest", block.latestEnd())
                        .execute();
            }
        };
        changes.put("blocks", id(cycle, project), before.isEmpty() ? null : before, blocks, write, write);
    }

    /** Replaces every project's blocks in the cycle with {@code blocks} (a lab import): one audit entry per project. */
    static void replaceAll(Changes changes, String cycle, List<Block> blocks) {
        Map<ProjectId, List<Block>> byProject = new LinkedHashMap<>();
        blocks.forEach(block -> byProject
                .computeIfAbsent(block.project(), project -> new ArrayList<>())
                .add(block));
        Set<ProjectId> projects = new LinkedHashSet<>(byProject.keySet());
        of(changes.handle(), cycle).forEach(block -> projects.add(block.project()));
        projects.forEach(project -> replace(changes, cycle, project, byProject.getOrDefault(project, List.of())));
    }

    private static Block read(ResultSet rs) throws SQLException {
        return new Block(
                ProjectId.of(rs.getString("project")),
                GpuTypeId.of(rs.getString("gpu_type")),
                rs.getInt("gpus"),
                rs.getInt("days"),
                rs.getObject("earliest_start", java.time.LocalDate.class),
                rs.getObject("latest_end", java.time.LocalDate.class));
    }
}
