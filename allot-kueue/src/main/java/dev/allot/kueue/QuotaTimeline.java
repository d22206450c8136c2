package dev.allot.kueue;

import dev.allot.core.AllotException;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.model.YieldSchedule;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The quota of every project on one day of the cycle, such that the summed quota of each GPU type never exceeds the
 * lab's pools of that type on any day.
 *
 * <p>Rules: (1) nothing of the plan applies before the cycle starts; (2) a project that still has GPUs to yield holds
 * exactly its previous allocation until its yield date, so its overall cap is its previous total; (3) other
 * projects that shrink do so at once; (4) grows are granted from the GPUs that are free on the day, in plan order, so
 * a grow that needs yielded GPUs starts (in part or whole) on the yield date that frees them.
 */
final class QuotaTimeline {
    private QuotaTimeline() {}

    /** Each plan line's quota on {@code date}, in plan order. */
    static Map<ProjectPlan, Allocation> quotasOn(Lab lab, Plan plan, LocalDate date) {
        if (date.isBefore(lab.cycleStart())) {
            throw AllotException.invalid(
                    "kueue.before-cycle",
                    "Date --at " + date + " is before cycle " + plan.cycle() + " starts (" + lab.cycleStart()
                            + "); until then the previous plan applies. Maybe --at " + lab.cycleStart() + "?");
        }
        Map<GpuTypeId, Integer> free = new TreeMap<>(lab.capacityGpus());
        Map<ProjectPlan, Map<GpuTypeId, Integer>> held = new LinkedHashMap<>();
        for (ProjectPlan line : plan.projects()) {
            Map<GpuTypeId, Integer> base = new TreeMap<>();
            if (YieldSchedule.isYielding(line, date)) {
                base.putAll(line.previous().gpus());
            } else {
                line.grant()
                        .gpus()
                        .forEach((type, gpus) ->
                                base.put(type, Math.min(gpus, line.previous().gpus(type))));
            }
            base.forEach((type, gpus) -> free.merge(type, -gpus, Integer::sum));
            held.put(line, base);
        }
        Map<ProjectPlan, Allocation> quotas = new LinkedHashMap<>();
        held.forEach((line, base) -> {
            if (!YieldSchedule.isYielding(line, date)) {
                line.grant().gpus().forEach((type, gpus) -> {
                    int grow = Math.min(gpus - base.getOrDefault(type, 0), Math.max(0, free.getOrDefault(type, 0)));
                    if (grow > 0) {
                        base.merge(type, grow, Integer::sum);
                        free.merge(type, -grow, Integer::sum);
                    }
                });
            }
            base.values().removeIf(gpus -> gpus == 0);
            quotas.put(line, new Allocation(base));
        });
        return quotas;
    }

    /** Whether the project holds less than its grant of some type on {@code date} because the GPUs are not yet free. */
    static boolean waitsForGpus(ProjectPlan line, Allocation quota) {
        return line.grant().gpus().entrySet().stream().anyMatch(entry -> quota.gpus(entry.getKey()) < entry.getValue());
    }

    /** The days on which some quota changes: the cycle start and every later yield date, in order. */
    static List<LocalDate> boundaries(Lab lab, Plan plan) {
        TreeSet<LocalDate> dates = new TreeSet<>();
        dates.add(lab.cycleStart());
        plan.projects()
                .forEach(line -> line.yieldBy()
                        .filter(date -> date.isAfter(lab.cycleStart()))
                        .ifPresent(dates::add));
        return new ArrayList<>(dates);
    }
}
