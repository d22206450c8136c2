package dev.allot.store;

import dev.allot.core.model.Block;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.ProjectId;
import java.util.EnumSet;
import java.util.List;

/**
 * The reserved blocks each project asks for in a cycle, part of its ask: written while the cycle is open, like the
 * ask; a lab import replaces them with the file's. A project's blocks are versioned as one resource.
 */
public final class BlockRepository {
    private final Store store;

    BlockRepository(Store store) {
        this.store = store;
    }

    /** The cycle's blocks, project by project in the lab's order; an unknown cycle is NOT_FOUND. */
    public List<Block> list(CycleId cycle) {
        return store.read(handle -> {
            CycleRepository.require(handle, cycle);
            return Blocks.of(handle, cycle.value());
        });
    }

    /** A project's blocks in the cycle (empty when it asks for none) with their version. */
    public Versioned<List<Block>> of(CycleId cycle, ProjectId project) {
        return store.read(handle -> {
            CycleRepository.require(handle, cycle);
            ReviewRepository.requireProject(handle, project);
            return versioned(handle, cycle, project);
        });
    }

    /**
     * Replaces a project's blocks (checked by the caller) while the cycle is open; a stale {@code expectedVersion} is
     * refused. Writing the blocks already stored changes nothing, not even the version.
     */
    public Versioned<List<Block>> replace(
            CycleId cycle, ProjectId project, List<Block> blocks, Integer expectedVersion, Actor actor) {
        return store.transaction(handle -> replace(handle, cycle, project, blocks, expectedVersion, actor));
    }

    /** {@link #replace(CycleId, ProjectId, List, Integer, Actor)} within the caller's transaction. */
    Versioned<List<Block>> replace(
            org.jdbi.v3.core.Handle handle,
            CycleId cycle,
            ProjectId project,
            List<Block> blocks,
            Integer expectedVersion,
            Actor actor) {
        if (blocks.stream().anyMatch(block -> !block.project().equals(project))) {
            throw new IllegalArgumentException("blocks of another project than " + project);
        }
        CycleRepository.requireState(
                CycleRepository.require(handle, cycle).value(), EnumSet.of(CycleState.OPEN), "edit blocks");
        ReviewRepository.requireProject(handle, project);
        AuditVersions.lock(handle, "cycle", "id", cycle.value());
        AuditVersions.expect(
                "blocks of " + project + " in cycle " + cycle,
                expectedVersion,
                AuditVersions.current(handle, "blocks", Blocks.id(cycle.value(), project)));
        Blocks.replace(new Changes(handle, actor, store.audit()), cycle.value(), project, List.copyOf(blocks));
        return versioned(handle, cycle, project);
    }

    private static Versioned<List<Block>> versioned(org.jdbi.v3.core.Handle handle, CycleId cycle, ProjectId project) {
        String id = Blocks.id(cycle.value(), project);
        return new Versioned<>(Blocks.of(handle, cycle.value(), project), AuditVersions.current(handle, "blocks", id));
    }
}
