package dev.allot.store;

import dev.allot.core.model.CycleId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.QuotaTimeline;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
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
        return store.read(
                handle -> handle.createQuery("SELECT * FROM usage_day WHERE project = :p AND usage_date >= :from"
                                + " AND usage_date <= :to ORDER BY usage_date, gpu_type")
                        .bind("p", project.value())
                        .bind("from", from)
                        .bind("to", to)
                        .map((rs, ctx) -> day(rs))
                        .list());
    }

    /** Usage of every project between two days (inclusive), oldest first. */
    public List<UsageDay> usage(LocalDate from, LocalDate to) {
        return store.read(handle -> handle.createQuery("SELECT * FROM usage_day WHERE usage_date >= :from"
                        + " AND usage_date <= :to ORDER BY usage_date, project, gpu_type")
                .bind("from", from)
                .bind("to", to)
                .map((rs, ctx) -> day(rs))
                .list());
    }

    private static UsageDay day(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new UsageDay(
                ProjectId.of(rs.getString("project")),
                GpuTypeId.of(rs.getString("gpu_type")),
                rs.getObject("usage_date", LocalDate.class),
                rs.getDouble("gpu_hours"));
    }

    /**
     * What one project was granted and used over a window of a cycle.
     *
     * @param grantedGpuHours GPUs in force each day (the limits of the plan's quota timeline: the previous grant
     *     until a yield date, the new one after) x 24, summed over the window's days
     * @param usedGpuHours GPU-hours used over the window, all GPU types
     * @param measured whether any usage of the project was recorded in the window (without, its fraction is not
     *     known: it is left out of the history the planner reads)
     */
    public record ProjectUse(ProjectId project, double grantedGpuHours, double usedGpuHours, boolean measured) {
        /** Used over granted; 0 when nothing was granted. */
        public double usedFraction() {
            return grantedGpuHours > 0 ? usedGpuHours / grantedGpuHours : 0;
        }
    }

    /**
     * Per project with a grant in the cycle's latest published plan, its use over {@code [cycle start, end)}:
     * nothing before the cycle start counts, and the grant follows the limits in force day by day. Empty when the
     * cycle has no published plan.
     */
    public List<ProjectUse> use(CycleId cycle, LocalDate endExclusive) {
        return store.read(handle -> PlanRepository.latestPublished(handle, cycle)
                .map(plan -> use(handle, cycle, plan.plan(), start(handle, cycle), endExclusive))
                .orElse(List.of()));
    }

    /** Per project, the used fraction of its grant over the whole cycle (start to the next cycle's start). */
    static Map<ProjectId, Double> usedFractions(Handle handle, CycleId cycle, Plan plan) {
        LocalDate[] span = span(handle, cycle);
        Map<ProjectId, Double> used = new HashMap<>();
        use(handle, cycle, plan, span[0], span[1]).stream()
                .filter(row -> row.grantedGpuHours() > 0 && row.measured())
                .forEach(row -> used.put(row.project(), row.usedFraction()));
        return used;
    }

    private static List<ProjectUse> use(Handle handle, CycleId cycle, Plan plan, LocalDate from, LocalDate to) {
        LocalDate start = start(handle, cycle);
        LocalDate first = from.isBefore(start) ? start : from;
        Map<ProjectId, Double> hours = new HashMap<>();
        handle.createQuery("SELECT project, SUM(gpu_hours) AS hours FROM usage_day WHERE usage_date >= :from"
                        + " AND usage_date < :to GROUP BY project")
                .bind("from", first)
                .bind("to", to)
                .map((rs, ctx) -> Map.entry(ProjectId.of(rs.getString("project")), rs.getDouble("hours")))
                .forEach(e -> hours.put(e.getKey(), e.getValue()));
        QuotaTimeline timeline = QuotaTimeline.of(plan, plan.capacityGpus(), start);
        List<ProjectUse> rows = new ArrayList<>();
        for (ProjectId project : new TreeSet<>(plan.grants().keySet())) {
            double granted = 0;
            for (LocalDate day = first; day.isBefore(to); day = day.plusDays(1)) {
                granted += timeline.quotaOn(project, day).totalGpus() * 24.0;
            }
            if (granted > 0 || hours.containsKey(project)) {
                rows.add(
                        new ProjectUse(project, granted, hours.getOrDefault(project, 0.0), hours.containsKey(project)));
            }
        }
        return rows;
    }

    /** The cycle's start and the next cycle's start (or {@link #DEFAULT_CYCLE_DAYS} later without one). */
    public LocalDate[] window(CycleId cycle) {
        return store.read(handle -> span(handle, cycle));
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

    private static LocalDate start(Handle handle, CycleId cycle) {
        return handle.createQuery("SELECT start_date FROM cycle WHERE id = :id")
                .bind("id", cycle.value())
                .mapTo(LocalDate.class)
                .one();
    }

    private static LocalDate[] span(Handle handle, CycleId cycle) {
        LocalDate start = start(handle, cycle);
        LocalDate end = handle.createQuery("SELECT MIN(start_date) FROM cycle WHERE start_date > :start")
                .bind("start", start)
                .mapTo(LocalDate.class)
                .findOne()
                .orElse(start.plusDays(DEFAULT_CYCLE_DAYS));
        return new LocalDate[] {start, end};
    }
}
