package dev.allot.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BudgetBurnTest {
    private static final LocalDate START = LocalDate.parse("2026-12-01");
    private static final Budget BUDGET = new Budget(ProjectId.of("vision-rl"), GpuTypeId.of("H100"), 1000);

    private static Map<LocalDate, Double> daily(LocalDate from, int days, double gpuHours) {
        Map<LocalDate, Double> usage = new HashMap<>();
        for (int i = 0; i < days; i++) {
            usage.put(from.plusDays(i), gpuHours);
        }
        return usage;
    }

    @Test
    void theRecentBurnRateProjectsTheDayTheBudgetRunsOut() {
        // 10 days at 50 GPU-hours: 500 used, 500 left, 10 more days at 50 a day
        BudgetBurn burn = BudgetBurn.of(BUDGET, daily(START, 10, 50), START, START.plusDays(9));

        assertThat(burn.usedGpuHours()).isEqualTo(500);
        assertThat(burn.remainingGpuHours()).isEqualTo(500);
        assertThat(burn.gpuHoursPerDay()).isEqualTo(50);
        assertThat(burn.exhaustedOn()).contains(START.plusDays(19));
        assertThat(burn.spent()).isFalse();
        assertThat(burn.runsOutBefore(START.plusDays(56))).isTrue();
        assertThat(burn.runsOutBefore(START.plusDays(19))).isFalse();
    }

    @Test
    void onlyTheLastSevenDaysSetTheRate() {
        Map<LocalDate, Double> usage = daily(START, 10, 80);
        usage.putAll(daily(START.plusDays(10), 7, 10));

        BudgetBurn burn = BudgetBurn.of(BUDGET, usage, START, START.plusDays(16));

        assertThat(burn.gpuHoursPerDay()).isEqualTo(10);
        assertThat(burn.exhaustedOn()).contains(START.plusDays(16 + 13));
    }

    @Test
    void aSpentBudgetNamesTheDayItRanOutAndIdleUsageProjectsNothing() {
        BudgetBurn spent = BudgetBurn.of(BUDGET, daily(START, 5, 250), START, START.plusDays(20));
        BudgetBurn idle = BudgetBurn.of(BUDGET, Map.of(START, 10.0), START, START.plusDays(20));

        assertThat(spent.spent()).isTrue();
        assertThat(spent.remainingGpuHours()).isZero();
        assertThat(spent.exhaustedOn()).contains(START.plusDays(3));
        assertThat(idle.exhaustedOn()).isEqualTo(Optional.empty());
        assertThat(idle.runsOutBefore(START.plusDays(56))).isFalse();
    }

    @Test
    void usageBeforeTheCycleStartDoesNotCount() {
        BudgetBurn burn = BudgetBurn.of(BUDGET, daily(START.minusDays(5), 5, 100), START, START.plusDays(3));

        assertThat(burn.usedGpuHours()).isZero();
        assertThat(burn.spent()).isFalse();
    }
}
