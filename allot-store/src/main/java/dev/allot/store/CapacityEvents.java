package dev.allot.store;

import dev.allot.core.model.CapacityEvent;
import dev.allot.core.model.Pool;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Reads and writes the {@code capacity_event} table: each pool's dated arrivals, retirements and outages. */
final class CapacityEvents {
    private static final String SELECT = "SELECT e.* FROM capacity_event e JOIN pool p ON p.name = e.pool";
    private static final String ORDER = " ORDER BY p.position, p.name, e.from_date, e.id";

    private CapacityEvents() {}

    /** Every event of every pool, by pool then date. */
    static List<CapacityEvent> all(Handle handle) {
        return handle.createQuery(SELECT + ORDER).map((rs, ctx) -> read(rs)).list();
    }

    /** The events a cycle starting on {@code start} sees: those dated on or after its start. */
    static List<CapacityEvent> from(Handle handle, LocalDate start) {
        return handle.createQuery(SELECT + " WHERE e.from_date >= :start" + ORDER)
                .bind("start", start)
                .map((rs, ctx) -> read(rs))
                .list();
    }

    /** One pool's events with their row ids, by date. */
    static List<Long> ids(Handle handle, String pool) {
        return handle.createQuery("SELECT id FROM capacity_event WHERE pool = :pool ORDER BY from_date, id")
                .bind("pool", pool)
                .mapTo(Long.class)
                .list();
    }

    static List<CapacityEvent> of(Handle handle, String pool) {
        return handle.createQuery(SELECT + " WHERE e.pool = :pool" + ORDER)
                .bind("pool", pool)
                .map((rs, ctx) -> read(rs))
                .list();
    }

    static void insert(Handle handle, CapacityEvent event) {
        handle.createUpdate("INSERT INTO capacity_event (pool, kind, gpus, from_date, until_date)"
                        + " VALUES (:pool, :kind, :gpus, :from, :until)")
                .bind("pool", event.pool())
                .bind("kind", event.kind().label())
                .bind("gpus", event.gpus())
                .bind("from", event.from())
                .bind("until", event.until().orElse(null))
                .execute();
    }

    /** Replaces the events of the lab's pools with the lab's, auditing each pool whose events changed. */
    static void replace(Changes changes, List<Pool> pools, List<CapacityEvent> events) {
        Handle handle = changes.handle();
        for (Pool pool : pools) {
            List<CapacityEvent> before = of(handle, pool.name());
            List<CapacityEvent> after = events.stream()
                    .filter(event -> event.pool().equals(pool.name()))
                    .toList();
            if (before.equals(after)) {
                continue;
            }
            Runnable write = () -> {
                handle.createUpdate("DELETE FROM capacity_event WHERE pool = :pool")
                        .bind("pool", pool.name())
                        .execute();
                after.forEach(event -> insert(handle, event));
            };
            changes.put("capacity-events", pool.name(), before.isEmpty() ? null : before, after, write, write);
        }
    }

    private static CapacityEvent read(ResultSet rs) throws SQLException {
        Date until = rs.getDate("until_date");
        return new CapacityEvent(
                rs.getString("pool"),
                CapacityEvent.Kind.of(rs.getString("kind")).orElseThrow(),
                rs.getInt("gpus"),
                rs.getDate("from_date").toLocalDate(),
                Optional.ofNullable(until).map(Date::toLocalDate));
    }
}
