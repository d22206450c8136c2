package dev.allot.kueue;

import dev.allot.core.AllotException;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectPlan;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kueue side of the one dated-quota rule ({@link dev.allot.core.model.QuotaTimeline}, shared with the Slurm
 * enforcer): the quota of every plan line on one day, such that the summed quota of each GPU type never exceeds the
 * lab's pools on any day, reserved blocks included. Kueue applies one day's state at a time, so this adds only the
 * refusal of a day before the cycle starts.
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
        dev.allot.core.model.QuotaTimeline timeline = timeline(lab, plan);
        Map<ProjectPlan, Allocation> quotas = new LinkedHashMap<>();
        plan.projects().forEach(line -> quotas.put(line, timeline.quotaWithoutOverallCapOn(line.project(), date)));
        return quotas;
    }

    /**
     * Each plan line's GPUs of reserved blocks on {@code date}, on top of its quota (empty for most): the blocks'
     * days as {@link dev.allot.core.model.QuotaTimeline#blocks()} enforces them.
     */
    static Map<ProjectPlan, Allocation> blockGpusOn(Lab lab, Plan plan, LocalDate date) {
        dev.allot.core.model.QuotaTimeline timeline = timeline(lab, plan);
        Map<ProjectPlan, Allocation> blocks = new LinkedHashMap<>();
        plan.projects().forEach(line -> blocks.put(line, timeline.blockGpusOn(line.project(), date)));
        return blocks;
    }

    /** The plan's reserved blocks in its order, each with the days it holds its GPUs on. */
    static List<dev.allot.core.model.QuotaTimeline.BlockDays> blocks(Lab lab, Plan plan) {
        return timeline(lab, plan).blocks();
    }

    /** Whether the project holds less than its grant of some type on {@code date} because the GPUs are not yet free. */
    static boolean waitsForGpus(ProjectPlan line, Allocation quota) {
        return line.grant().gpus().entrySet().stream().anyMatch(entry -> quota.gpus(entry.getKey()) < entry.getValue());
    }

    /** The days on which some quota changes: the cycle start and every later change, in order. */
    static List<LocalDate> boundaries(Lab lab, Plan plan) {
        return timeline(lab, plan).boundaries();
    }

    private static dev.allot.core.model.QuotaTimeline timeline(Lab lab, Plan plan) {
        return dev.allot.core.model.QuotaTimeline.of(plan, lab.capacityGpus(), lab.cycleStart());
    }
}
