package dev.allot.sim;

import java.util.ArrayList;
import java.util.List;

/** What a {@link TimelineRun} did, as the public report: each block's run and each capacity event. */
final class TimelineReport {
    private TimelineReport() {}

    /** The report of the blocks and capacity events of a finished run. */
    static TimelineOutcome of(Engine engine, TimelineRun run) {
        List<BlockOutcome> blocks = new ArrayList<>();
        int[] jobOfBlock = new int[run.plan.blocks.size()];
        java.util.Arrays.fill(jobOfBlock, -1);
        for (int j = 0; j < engine.work.jobCount; j++) {
            if (engine.work.blockOf[j] >= 0) {
                jobOfBlock[engine.work.blockOf[j]] = j;
            }
        }
        for (int b = 0; b < run.plan.blocks.size(); b++) {
            var block = run.plan.blocks.get(b);
            int job = jobOfBlock[b];
            double submitted = engine.work.submit[job];
            double started = run.blockFirstStart[b];
            String status = engine.rejectedJob[job]
                    ? "rejected"
                    : Double.isNaN(started) ? "not started" : started > submitted ? "late" : "on time";
            String reason = run.blockWaitReason[b] != null
                    ? run.blockWaitReason[b]
                    : engine.rejectedJob[job] ? "larger than every pool of " + block.gpuType() : "";
            blocks.add(new BlockOutcome(
                    block.project(),
                    block.gpuType(),
                    block.gpus(),
                    block.start(),
                    block.end(),
                    status,
                    started,
                    started - submitted,
                    engine.finishTime[job],
                    run.blockInterruptions[b],
                    run.blockDisplaced[b],
                    run.blockDisplacedLostGpuSeconds[b] / 3600,
                    reason));
        }
        List<CapacityEventOutcome> events = new ArrayList<>();
        var names = run.plan.eventNames();
        for (int e = 0; e < run.plan.events.size(); e++) {
            events.add(new CapacityEventOutcome(
                    names.get(e),
                    run.plan.seconds(run.plan.events.get(e).from()),
                    run.eventPreempted[e],
                    run.eventLostGpuSeconds[e] / 3600));
        }
        return new TimelineOutcome(run.plan.cycleStart.toString(), run.plan.periods, blocks, events);
    }
}
