package dev.allot.sim.report;

import dev.allot.sim.BlockOutcome;
import dev.allot.sim.CapacityEventOutcome;
import dev.allot.sim.SimOutcome;
import dev.allot.sim.TimelineOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The dated part of the outcomes, one column per policy: whether each reserved block's run started on time, and what
 * each capacity event preempted. Empty for a single-period plan of a lab without capacity events.
 */
public final class TimelineTable {
    private TimelineTable() {}

    /** Whether the outcomes have blocks, capacity events or more than one period to show. */
    public static boolean applies(List<SimOutcome> outcomes) {
        TimelineOutcome first = outcomes.get(0).timeline();
        return first.periods() > 1
                || !first.blocks().isEmpty()
                || !first.capacityEvents().isEmpty();
    }

    /** Rows of cells: the header row first, then the periods, one row per block and one per capacity event. */
    public static List<List<String>> rows(List<SimOutcome> outcomes) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("plan over time"));
        outcomes.forEach(outcome -> header.add(outcome.policy()));
        rows.add(header);
        TimelineOutcome first = outcomes.get(0).timeline();
        List<String> periods = new ArrayList<>(List.of("periods (day 0 = " + first.cycleStart() + ")"));
        outcomes.forEach(
                outcome -> periods.add(String.valueOf(outcome.timeline().periods())));
        rows.add(periods);
        for (int b = 0; b < first.blocks().size(); b++) {
            BlockOutcome block = first.blocks().get(b);
            List<String> row = new ArrayList<>(List.of(String.format(
                    Locale.ROOT,
                    "block %s: %,d %s %s..%s",
                    block.project(),
                    block.gpus(),
                    block.gpuType(),
                    block.start(),
                    block.end())));
            int index = b;
            outcomes.forEach(
                    outcome -> row.add(block(outcome.timeline().blocks().get(index))));
            rows.add(row);
        }
        for (int e = 0; e < first.capacityEvents().size(); e++) {
            List<String> row =
                    new ArrayList<>(List.of(first.capacityEvents().get(e).event()));
            int index = e;
            outcomes.forEach(
                    outcome -> row.add(event(outcome.timeline().capacityEvents().get(index))));
            rows.add(row);
        }
        return rows;
    }

    /** One line per block and policy that did not start on time, saying why; empty when all did. */
    public static List<String> reasons(List<SimOutcome> outcomes) {
        List<String> lines = new ArrayList<>();
        for (SimOutcome outcome : outcomes) {
            for (BlockOutcome block : outcome.timeline().blocks()) {
                if (!block.onTime()) {
                    lines.add(String.format(
                            Locale.ROOT,
                            "Block of %s (%,d %s from %s), %s: %s, %s.",
                            block.project(),
                            block.gpus(),
                            block.gpuType(),
                            block.start(),
                            outcome.policy(),
                            block(block),
                            block.waitReason().isEmpty() ? "its pool never had the nodes free" : block.waitReason()));
                }
            }
        }
        return lines;
    }

    /** The table with aligned columns and the reasons under it, or empty when {@link #applies} is false. */
    public static String render(List<SimOutcome> outcomes) {
        if (!applies(outcomes)) {
            return "";
        }
        StringBuilder text = new StringBuilder(SummaryTable.align(rows(outcomes)));
        reasons(outcomes).forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    static String block(BlockOutcome block) {
        String status = switch (block.status()) {
            case "late" -> String.format(Locale.ROOT, "late %.1f d", block.delaySeconds() / 86_400);
            default -> block.status();
        };
        return block.jobsDisplaced() > 0
                ? status + ", " + block.jobsDisplaced() + (block.jobsDisplaced() == 1 ? " job" : " jobs") + " stopped"
                : status;
    }

    static String event(CapacityEventOutcome event) {
        return event.jobsPreempted() + (event.jobsPreempted() == 1 ? " job" : " jobs") + " preempted ("
                + SummaryTable.number(event.workLostGpuHours()) + " GPU-h lost)";
    }
}
