package dev.allot.core.model;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * How a project's GPU-hour budget of one type burns down over its cycle: what was used, what is left, and when, at
 * the recent rate, it runs out.
 *
 * <p>The projection is linear: the GPU-hours used over the last {@link #RECENT_DAYS} days up to {@code today} (fewer
 * when the cycle is younger), per day, carried forward from {@code today}. A budget is spent once its usage reaches
 * it; a spent budget's exhaustion day is the day its usage reached it.
 *
 * @param usedGpuHours GPU-hours of the type used from the cycle start to {@code today}, inclusive
 * @param remainingGpuHours the budget minus that, at least 0
 * @param gpuHoursPerDay the recent burn rate the projection uses
 * @param exhaustedOn the day the budget ran out, or at the recent rate will run out; empty when nothing is burning
 */
public record BudgetBurn(
        Budget budget,
        double usedGpuHours,
        double remainingGpuHours,
        double gpuHoursPerDay,
        Optional<LocalDate> exhaustedOn) {
    /** Days of usage the burn rate averages. */
    public static final int RECENT_DAYS = 7;

    public BudgetBurn {
        Checks.present(budget, "budget");
        Checks.present(exhaustedOn, "exhaustedOn");
    }

    /**
     * The burn-down of {@code budget} from its project's daily GPU-hours of the budget's type.
     *
     * @param dailyGpuHours GPU-hours per day of the budget's project and type; days before {@code cycleStart} or
     *     after {@code today} are ignored
     */
    public static BudgetBurn of(
            Budget budget, Map<LocalDate, Double> dailyGpuHours, LocalDate cycleStart, LocalDate today) {
        double used = 0;
        Optional<LocalDate> spentOn = Optional.empty();
        for (LocalDate day = cycleStart; !day.isAfter(today); day = day.plusDays(1)) {
            used += dailyGpuHours.getOrDefault(day, 0.0);
            if (spentOn.isEmpty() && used >= budget.gpuHours()) {
                spentOn = Optional.of(day);
            }
        }
        LocalDate recentStart = today.minusDays(RECENT_DAYS - 1L);
        if (recentStart.isBefore(cycleStart)) {
            recentStart = cycleStart;
        }
        double recent = 0;
        for (LocalDate day = recentStart; !day.isAfter(today); day = day.plusDays(1)) {
            recent += dailyGpuHours.getOrDefault(day, 0.0);
        }
        long recentDays = Math.max(1, java.time.temporal.ChronoUnit.DAYS.between(recentStart, today) + 1);
        double rate = today.isBefore(cycleStart) ? 0 : recent / recentDays;
        double remaining = Math.max(0, budget.gpuHours() - used);
        Optional<LocalDate> exhausted = spentOn;
        if (exhausted.isEmpty() && rate > 0) {
            exhausted = Optional.of(today.plusDays((long) Math.ceil(remaining / rate)));
        }
        return new BudgetBurn(budget, used, remaining, rate, exhausted);
    }

    /** Whether the usage has reached the budget: the project may run no more of the type this cycle. */
    public boolean spent() {
        return usedGpuHours >= budget.gpuHours();
    }

    /** Whether the budget is spent or, at the recent rate, runs out before {@code cycleEnd}. */
    public boolean runsOutBefore(LocalDate cycleEnd) {
        return spent() || exhaustedOn.map(day -> day.isBefore(cycleEnd)).orElse(false);
    }
}
