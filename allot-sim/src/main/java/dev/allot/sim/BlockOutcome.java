package dev.allot.sim;

import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.ProjectId;
import java.time.LocalDate;

/**
 * What became of one reserved block of the plan: its run ({@code gpus} GPUs of its type for its days, submitted on
 * its first day) and whether it started then.
 *
 * @param status {@code on time}, {@code late} (started after its first day), {@code not started} (still waiting at
 *     the end of the run) or {@code rejected} (larger than every pool of its type)
 * @param startedSeconds when the run first started, in seconds from the trace start; NaN when it never did
 * @param delaySeconds from the block's first day to the run's start; NaN when it never started
 * @param finishedSeconds when the run ended; NaN when it did not finish within the run
 * @param interruptions times a capacity event took GPUs from the running block (it then waited for nodes again)
 * @param jobsDisplaced jobs of any project stopped on the nodes the block's run took, as by a preemption
 * @param displacedWorkLostGpuHours their running time lost to the preemption cost, in GPU-hours
 * @param waitReason why the run did not start on its first day, or empty
 */
public record BlockOutcome(
        ProjectId project,
        GpuTypeId gpuType,
        int gpus,
        LocalDate start,
        LocalDate end,
        String status,
        double startedSeconds,
        double delaySeconds,
        double finishedSeconds,
        int interruptions,
        int jobsDisplaced,
        double displacedWorkLostGpuHours,
        String waitReason) {
    public boolean onTime() {
        return "on time".equals(status);
    }
}
