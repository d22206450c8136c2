package dev.allot.store;

import dev.allot.core.model.CycleId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectId;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Usage fed back from the schedulers: GPU-hours per project per GPU type per day. */
public final class UsageRepository {
    /** Days a cycle lasts when no later cycle says when it ended. */
    static final int DEFAULT_CYCLE_DAYS = 30;

    private final Store store;

    UsageRepository(Store store) {
        this.store = store;
    }

    /** Stores the days (a day reported again replaces the earlier figure); returns how many rows changed. */
    public int record(List<UsageDay> days, Actor actor) {
        return store.transaction(handle -> {
            int changed = 0;
            for (UsageDay day : days) {
                ReviewRepository.requireProject(handle, day.project());
                Optional<Double> before = handle.createQuery("SELECT gpu_hours FROM usage_day WHERE project = :p"
                                + " AND gpu_type = :t AND usage_date = :d")
                        .bind("p", day.project().value())
                        .bind("t", day.gpuType().value())
                        .bind("d", day.day())
                        .mapTo(Double.class)
                        .findOne();
                if (before.isPresent() && before.get() == day.gpuHours()) {
                    continue;
                }
                String sql = before.isPresent()
                        ? "UPDATE usage_day SET gpu_hours = :h WHERE project = :p AND gpu_type = :t AND usage_date = :d"
                        : "INSERT INTO usage_day (project, gpu_type, usage_date, gpu_hours) VALUES (:p, :t, :d, :h)";
                handle.createUpdate(sql)
                        .bind("p", day.project().value())
                        .bind("t", day.gpuType().value())
                        .bind("d", day.day())
                        .bind("h", day.gpuHours())
                        .execute();
                changed++;
            }
            if (changed > 0) {
                store.audit()
                        .record(
                                handle,
                                actor,
                                "record",
                                "usage",
                                days.size() + " days",
                                null,
                                Map.of("changedRows", changed));
            }
            return changed;
        });
    }

    /** Usage of one project between two days (inclusive), oldest first. */
    public List<UsageDay> usage(ProjectId project, LocalDate from, LocalDate to) {
        return store.read(handle -> handle.createQuery(
                        "SELECT * FROM usage_day WHERE project = :p AND usage_date >= :from"
                                + " AND usage_date <= :to ORDER BY usage_date, gpu_type")
                .bind("p", project.value())
                .bind("from", from)
                .bind("to", to)
                .map((rs, ctx) -> new UsageDay(
                        ProjectId.of(rs.getString("project")),
                        GpuTypeId.of(rs.getString("gpu_type")),
                        rs.getObject("usage_date", LocalDate.class),
                        rs.getDouble("gpu_hours")))
                .list());
    }

    /** Per project, GPU-hours used in the cycle divided by GPU-hours granted (granted GPUs x 24 x days). */
    static Map<ProjectId, Double> usedFractions(Handle handle, CycleId cycle, Plan plan) {
        LocalDate[] span = span(handle, cycle);
        Map<ProjectId, Double> used = new HashMap<>();
        handle.createQuery(
                        "SELECT project, SUM(gpu_hours) AS hours FROM usage_day WHERE usage_date >= :from AND usage_date < :to"
                                + " GROUP BY project")
                .bind("from", span[0])
                .bind("to", span[1])
                .map((rs, ctx) -> Map.entry(ProjectId.of(rs.getString("project")), rs.getDouble("hours")))
                .forEach(e -> {
                    int gpus = plan.project(e.getKey())
                            .map(line -> line.grant().totalGpus())
                            .orElse(0);
                    long days = ChronoUnit.DAYS.between(span[0], span[1]);
                    if (gpus > 0 && days > 0) {
                        used.put(e.getKey(), e.getValue() / (gpus * 24.0 * days));
                    }
                });
        return used;
    }

    /** GPU-hours a project used in the cycle (from its start to the next cycle's start). */
    static double usedGpuHours(Handle handle, CycleId cycle, ProjectId project) {
        LocalDate[] span = span(handle, cycle);
        return handle.createQuery("SELECT COALESCE(SUM(gpu_hours), 0) FROM usage_day WHERE project = :p"
                        + " AND usage_date >= :from AND usage_date < :to")
                .bind("p", project.value())
                .bind("from", span[0])
                .bind("to", span[1])
                .mapTo(Double.class)
                .one();
    }

    private static LocalDate[] span(Handle handle, CycleId cycle) {
        LocalDate start = handle.createQuery("SELECT start_date FROM cycle WHERE id = :id")
                .bind("id", cycle.value())
                .mapTo(LocalDate.class)
                .one();
        LocalDate end = handle.createQuery("SELECT MIN(start_date) FROM cycle WHERE start_date > :start")
                .bind("start", start)
                .mapTo(LocalDate.class)
                .findOne()
                .orElse(start.plusDays(DEFAULT_CYCLE_DAYS));
        return new LocalDate[] {start, end};
    }
}
