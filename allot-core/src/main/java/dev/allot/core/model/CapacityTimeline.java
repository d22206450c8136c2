package dev.allot.core.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The cycle cut into the periods a plan over time grants by, with the GPUs of each type in each period.
 *
 * <p>A lab without capacity events and GPU-hour budgets has one period, the whole cycle, at the lab's capacity: its
 * plan is the single-period plan. With events, budgets or reserved blocks, the cycle ({@link Lab#cycleStart()} to {@link Lab#cycleEnd()}) is cut every
 * {@link Policy#periodDays()} days, on every day an event starts or ends, and on
 * every block's earliest start and latest end. The first weekly cut falls no earlier
 * than the policy's yield notice date, so that the yields into the cycle complete within the first period. Pure.
 */
public final class CapacityTimeline {
    /**
     * Days {@code [from, until)} with the GPUs of each type in the pools on them.
     *
     * @param events the capacity events that start or end on {@code from}
     */
    public record Period(
            LocalDate from, LocalDate until, Map<GpuTypeId, Integer> capacityGpus, List<CapacityEvent> events) {
        public Period {
            capacityGpus = Collections.unmodifiableMap(new LinkedHashMap<>(capacityGpus));
            events = List.copyOf(events);
        }

        public long days() {
            return java.time.temporal.ChronoUnit.DAYS.between(from, until);
        }
    }

    private CapacityTimeline() {}

    public static List<Period> periods(Lab lab) {
        if (lab.capacityEvents().isEmpty()
                && lab.budgets().isEmpty()
                && lab.blocks().isEmpty()) {
            return List.of(new Period(lab.cycleStart(), lab.cycleEnd(), lab.capacityGpus(), List.of()));
        }
        LocalDate start = lab.cycleStart();
        LocalDate end = lab.cycleEnd();
        TreeSet<LocalDate> cuts = new TreeSet<>();
        LocalDate noticeDate = start.plusDays(lab.policy().yieldNoticeDays());
        for (LocalDate cut = start.plusDays(lab.policy().periodDays());
                cut.isBefore(end);
                cut = cut.plusDays(lab.policy().periodDays())) {
            if (!cut.isBefore(noticeDate)) {
                cuts.add(cut);
            }
        }
        lab.capacityEvents()
                .forEach(event -> event.changeDays().stream()
                        .filter(day -> day.isAfter(start) && day.isBefore(end))
                        .forEach(cuts::add));
        // a block may start on its earliest start, and must be over by its latest end
        lab.blocks()
                .forEach(block -> java.util.stream.Stream.of(block.earliestStart(), block.latestEnd())
                        .filter(day -> day.isAfter(start) && day.isBefore(end))
                        .forEach(cuts::add));
        cuts.add(end);
        List<Period> periods = new ArrayList<>();
        LocalDate from = start;
        for (LocalDate until : cuts) {
            LocalDate day = from;
            List<CapacityEvent> starting = lab.capacityEvents().stream()
                    .filter(event -> event.changeDays().contains(day))
                    .toList();
            periods.add(new Period(from, until, lab.capacityGpusOn(from), starting));
            from = until;
        }
        return periods;
    }
}
