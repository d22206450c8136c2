package dev.allot.core.planner;

import dev.allot.core.model.CapacityTimeline;
import dev.allot.core.model.Lab;
import java.util.ArrayList;
import java.util.List;

/**
 * One period of the model: its days, its fleet (capacity after events, reserve, units) and the weight of its value in
 * the objective (its share of the cycle's days).
 */
record PlanningPeriod(CapacityTimeline.Period days, Fleet fleet, double weight) {
    static List<PlanningPeriod> of(Lab lab) {
        List<CapacityTimeline.Period> timeline = CapacityTimeline.periods(lab);
        double total =
                timeline.stream().mapToLong(CapacityTimeline.Period::days).sum();
        List<PlanningPeriod> periods = new ArrayList<>();
        for (int k = 0; k < timeline.size(); k++) {
            CapacityTimeline.Period period = timeline.get(k);
            Fleet fleet = Fleet.of(lab, period.capacityGpus());
            // one period is the whole cycle at weight exactly 1, so a lab without events gets the single-period model
            periods.add(new PlanningPeriod(period, fleet, timeline.size() == 1 ? 1 : period.days() / total));
        }
        return periods;
    }

    double hours() {
        return days.days() * 24.0;
    }
}
