package dev.allot.sim;

import java.util.List;

/**
 * The dated part of a replay: how many periods the plan had (1 for a plan whose grants hold all cycle long), what
 * became of each reserved block, and what each capacity event did. Empty lists for a single-period plan of a lab
 * without capacity events.
 *
 * @param cycleStart the day whose midnight is second 0 of the trace
 */
public record TimelineOutcome(
        String cycleStart, int periods, List<BlockOutcome> blocks, List<CapacityEventOutcome> capacityEvents) {
    public TimelineOutcome {
        blocks = List.copyOf(blocks);
        capacityEvents = List.copyOf(capacityEvents);
    }
}
