package dev.allot.store;

import dev.allot.core.model.CycleId;
import dev.allot.core.model.ProjectId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Evidence series per project and cycle; an import is one transaction, so a file is stored whole or not at all. */
public final class EvidenceRepository {
    private final Store store;

    EvidenceRepository(Store store) {
        this.store = store;
    }

    /** Stores the series in the cycle, replacing those of the same project, metric and compute unit. */
    public int replace(CycleId cycle, ProjectId project, List<StoredSeries> series, Actor actor) {
        replace(cycle, project, series, null, actor);
        return series.size();
    }

    /** The version of a project's evidence in a cycle: the number of imports into it. */
    public int version(CycleId cycle, ProjectId project) {
        return store.read(handle -> AuditVersions.current(handle, "evidence", cycle + "/" + project));
    }

    /**
     * As {@link #replace(CycleId, ProjectId, List, Actor)}; when {@code expected} is given it must be the {@link
     * #version} of the project's evidence in the cycle. Returns the version after the import.
     */
    public int replace(CycleId cycle, ProjectId project, List<StoredSeries> series, Integer expected, Actor actor) {
        return store.transaction(handle -> {
            CycleRepository.require(handle, cycle);
            ReviewRepository.requireProject(handle, project);
            String entityId = cycle + "/" + project;
            AuditVersions.lock(handle, "cycle", "id", cycle.value());
            AuditVersions.expect(
                    "evidence of " + project + " in cycle " + cycle,
                    expected,
                    AuditVersions.current(handle, "evidence", entityId));
            for (StoredSeries one : series) {
                handle.createUpdate("DELETE FROM evidence_series WHERE cycle = :c AND project = :p AND metric = :m"
                                + " AND compute_unit = :u")
                        .bind("c", cycle.value())
                        .bind("p", project.value())
                        .bind("m", one.metric())
                        .bind("u", one.computeUnit())
                        .execute();
                long id = handle.createUpdate("INSERT INTO evidence_series (cycle, project, metric, unit, direction,"
                                + " visibility, compute_unit, source) VALUES (:c, :p, :m, :unit, :d, :v, :u, :s)")
                        .bind("c", cycle.value())
                        .bind("p", project.value())
                        .bind("m", one.metric())
                        .bind("unit", one.unit())
                        .bind("d", one.direction())
                        .bind("v", one.visibility())
                        .bind("u", one.computeUnit())
                        .bind("s", one.source())
                        .executeAndReturnGeneratedKeys("id")
                        .mapTo(Long.class)
                        .one();
                insertPoints(handle, id, one.points());
            }
            store.audit()
                    .record(
                            handle,
                            actor,
                            "import",
                            "evidence",
                            cycle + "/" + project,
                            null,
                            Map.of("series", series.size()));
            return AuditVersions.current(handle, "evidence", entityId);
        });
    }

    /** A project's series in the cycle, by metric name. */
    public List<StoredSeries> series(CycleId cycle, ProjectId project) {
        return store.read(handle -> {
            List<Object[]> rows = handle.createQuery(
                            "SELECT * FROM evidence_series WHERE cycle = :c AND project = :p ORDER BY metric, compute_unit")
                    .bind("c", cycle.value())
                    .bind("p", project.value())
                    .map((rs, ctx) -> new Object[] {rs.getLong("id"), header(rs, project)})
                    .list();
            List<StoredSeries> series = new ArrayList<>();
            for (Object[] row : rows) {
                StoredSeries header = (StoredSeries) row[1];
                series.add(new StoredSeries(
                        project,
                        header.metric(),
                        header.unit(),
                        header.direction(),
                        header.visibility(),
                        header.computeUnit(),
                        header.source(),
                        points(handle, (Long) row[0])));
            }
            return series;
        });
    }

    private static StoredSeries header(ResultSet rs, ProjectId project) throws SQLException {
        return new StoredSeries(
                project,
                rs.getString("metric"),
                rs.getString("unit"),
                rs.getString("direction"),
                rs.getString("visibility"),
                rs.getString("compute_unit"),
                rs.getString("source"),
                List.of());
    }

    private static void insertPoints(Handle handle, long series, List<StoredSeries.Point> points) {
        for (int i = 0; i < points.size(); i++) {
            StoredSeries.Point point = points.get(i);
            handle.createUpdate("INSERT INTO evidence_point (series_id, position, compute, metric_value,"
                            + " standard_error, parameters, tokens) VALUES (:id, :i, :c, :v, :e, :n, :d)")
                    .bind("id", series)
                    .bind("i", i)
                    .bind("c", point.compute())
                    .bind("v", point.value())
                    .bind("e", point.standardError())
                    .bind("n", point.parameters())
                    .bind("d", point.tokens())
                    .execute();
        }
    }

    private static List<StoredSeries.Point> points(Handle handle, long series) {
        return handle.createQuery("SELECT * FROM evidence_point WHERE series_id = :id ORDER BY position")
                .bind("id", series)
                .map((rs, ctx) -> new StoredSeries.Point(
                        rs.getDouble("compute"),
                        rs.getDouble("metric_value"),
                        (Double) rs.getObject("standard_error", Double.class),
                        (Double) rs.getObject("parameters", Double.class),
                        (Double) rs.getObject("tokens", Double.class)))
                .list();
    }
}
