package dev.allot.store;

import dev.allot.core.model.CycleId;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** The record of enforcement runs per cycle: appended once per run, never changed. */
public final class EnforcementRepository {
    private final Store store;

    EnforcementRepository(Store store) {
        this.store = store;
    }

    /**
     * Appends a run; its id, time ({@code ranAt} of {@code run} is replaced by the store's clock) and user
     * ({@code actor}) come from here.
     */
    public EnforcementRun record(EnforcementRun run, Actor actor) {
        return store.transaction(handle -> {
            CycleRepository.find(handle, run.cycle()).orElseThrow(() -> CycleRepository.notFound(run.cycle()));
            OffsetDateTime at = store.now().atOffset(ZoneOffset.UTC);
            long id = handle.createUpdate("INSERT INTO enforcement_run (cycle, plan_version, ran_at, ran_by, enforcer,"
                            + " target, mode, changes, drift, errors, detail) VALUES (:cycle, :version, :at, :by,"
                            + " :enforcer, :target, :mode, :changes, :drift, :errors, :detail)")
                    .bind("cycle", run.cycle().value())
                    .bind("version", run.planVersion())
                    .bind("at", at)
                    .bind("by", actor.user())
                    .bind("enforcer", run.enforcer())
                    .bind("target", run.target())
                    .bind("mode", run.mode())
                    .bind("changes", run.changes())
                    .bind("drift", run.drift())
                    .bind("errors", run.errors())
                    .bind("detail", run.detail())
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            store.audit()
                    .record(
                            handle,
                            actor,
                            "enforce",
                            "enforcement",
                            run.cycle().value(),
                            null,
                            Map.of("enforcer", run.enforcer(), "target", run.target(), "mode", run.mode()));
            return new EnforcementRun(
                    id,
                    run.cycle(),
                    run.planVersion(),
                    at.toInstant(),
                    actor.user(),
                    run.enforcer(),
                    run.target(),
                    run.mode(),
                    run.changes(),
                    run.drift(),
                    run.errors(),
                    run.detail());
        });
    }

    /** The runs of {@code cycle}, newest first. */
    public List<EnforcementRun> list(CycleId cycle) {
        return store.read(handle -> {
            CycleRepository.find(handle, cycle).orElseThrow(() -> CycleRepository.notFound(cycle));
            return handle.createQuery(
                            "SELECT * FROM enforcement_run WHERE cycle = :cycle ORDER BY ran_at DESC, id DESC")
                    .bind("cycle", cycle.value())
                    .map((rs, ctx) -> new EnforcementRun(
                            rs.getLong("id"),
                            CycleId.of(rs.getString("cycle")),
                            rs.getObject("plan_version", Integer.class),
                            rs.getObject("ran_at", OffsetDateTime.class).toInstant(),
                            rs.getString("ran_by"),
                            rs.getString("enforcer"),
                            rs.getString("target"),
                            rs.getString("mode"),
                            rs.getObject("changes", Integer.class),
                            rs.getObject("drift", Integer.class),
                            rs.getInt("errors"),
                            rs.getString("detail")))
                    .list();
        });
    }
}
