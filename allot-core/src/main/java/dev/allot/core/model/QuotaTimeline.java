package dev.allot.core.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * When each part of a plan takes effect, so that the quotas an enforcer sets never add up to more GPUs of a type
 * than the pool has, on any day:
 *
 * <ol>
 *   <li>Before the cycle starts every project holds its previous grant: nothing of the cycle applies early.
 *   <li>A project gives GPUs of a type back on its {@link ProjectPlan#yieldBy() yield date} (on the cycle start when
 *       it has none).
 *   <li>GPUs a project gains are granted on the first of those dates (cycle start, then each yield date in order)
 *       on which the pool, after the yields due by then, has room for them; grows are taken in plan order. A grow
 *       that never fits (a plan above capacity) takes effect on the last date, so the end state is always the plan.
 *   <li>While a project still holds GPUs it must yield, its overall cap (all types together) stays at its previous
 *       total, so moving from H100:16 to A100:8 never lets it run 24 GPUs at once.
 *   <li>A plan over time ({@link Plan#periods()}) holds the above within its first period; from the start of each
 *       later period every project holds that period's grant. Each period's grants fit its capacity and all
 *       change on the same day, so the sums hold on every day.
 *   <li>A reserved block ({@link Plan#blocks()}) holds its GPUs on top of its project's quota. In the first period
 *       its GPUs are taken before any grow: a block whose GPUs are still held by projects yielding them later starts
 *       on the first of those dates with room for all of them (its end stays), and grows wait for the GPUs a block
 *       holds. The planner places a block on the cycle start only beside every project's previous grant (docs/planner.md,
 *       "Reserved blocks"), so its plans never wait here; a plan that does (written by hand, or by an older
 *       version) keeps the yielding project's GPUs until its notice ends, and the block waits.
 * </ol>
 *
 * <p>Pure and immutable; built once per plan and queried per day.
 */
public final class QuotaTimeline {
    private final LocalDate cycleStart;
    private final Map<ProjectId, ProjectPlan> lines = new HashMap<>();
    private final Map<ProjectId, Map<GpuTypeId, LocalDate>> changeDates = new HashMap<>();
    private final TreeSet<LocalDate> boundaries = new TreeSet<>();
    /** The periods after the first, in order; empty for a single-period plan. */
    private final List<PlanPeriod> laterPeriods;
    /** The plan's blocks, in its order, each with the day it takes effect. */
    private final List<BlockDays> blocks = new ArrayList<>();

    private QuotaTimeline(LocalDate cycleStart, List<PlanPeriod> periods) {
        this.cycleStart = cycleStart;
        this.laterPeriods = periods.size() > 1 ? List.copyOf(periods.subList(1, periods.size())) : List.of();
    }

    /**
     * A reserved block as enforced: it holds its GPUs on the days {@code [from, placed.end())}, where {@code from} is
     * its placed start, or later when the GPUs are still being yielded then ({@code from == placed.end()}: never).
     */
    public record BlockDays(PlacedBlock placed, LocalDate from) {
        public BlockDays {
            Checks.present(placed, "placed");
            Checks.present(from, "from");
        }

        public boolean holdsOn(LocalDate day) {
            return !day.isBefore(from) && day.isBefore(placed.end());
        }

        /** Whether the block starts after its placed start, waiting for GPUs that other projects yield. */
        public boolean delayed() {
            return from.isAfter(placed.start());
        }
    }

    /**
     * @param capacityGpus GPUs of each type in the pool; a grow of a type missing here waits for the last date
     */
    public static QuotaTimeline of(Plan plan, Map<GpuTypeId, Integer> capacityGpus, LocalDate cycleStart) {
        Checks.present(cycleStart, "cycleStart");
        QuotaTimeline timeline = new QuotaTimeline(cycleStart, plan.periods());
        timeline.boundaries.add(cycleStart);
        plan.projects().forEach(line -> {
            timeline.lines.put(line.project(), line);
            timeline.boundaries.add(timeline.yieldDate(line));
        });
        timeline.laterPeriods.forEach(period -> timeline.boundaries.add(period.from()));
        plan.blocks().forEach(block -> {
            timeline.blocks.add(new BlockDays(block, block.start()));
            Stream.of(block.start(), block.end())
                    .filter(day -> !day.isBefore(cycleStart))
                    .forEach(timeline.boundaries::add);
        });
        TreeSet<GpuTypeId> types = new TreeSet<>(capacityGpus.keySet());
        plan.projects().forEach(line -> {
            types.addAll(line.grant().gpus().keySet());
            types.addAll(line.previous().gpus().keySet());
        });
        TreeSet<LocalDate> firstPeriod = timeline.laterPeriods.isEmpty()
                ? timeline.boundaries
                : new TreeSet<>(
                        timeline.boundaries.headSet(timeline.laterPeriods.get(0).from()));
        types.forEach(
                type -> timeline.schedule(plan.projects(), type, capacityGpus.getOrDefault(type, 0), firstPeriod));
        // a block that waited starts a boundary of its own
        timeline.blocks.forEach(block -> timeline.boundaries.add(block.from()));
        return timeline;
    }

    /** The plan's reserved blocks in its order, each with the days it holds its GPUs on. */
    public List<BlockDays> blocks() {
        return List.copyOf(blocks);
    }

    /** GPUs of each type the project's reserved blocks hold on {@code day}, on top of its quota. */
    public Allocation blockGpusOn(ProjectId project, LocalDate day) {
        Map<GpuTypeId, Integer> held = new TreeMap<>();
        blocks.stream()
                .filter(block -> block.placed().project().equals(project) && block.holdsOn(day))
                .forEach(block ->
                        held.merge(block.placed().gpuType(), block.placed().gpus(), Integer::sum));
        return new Allocation(held);
    }

    public LocalDate cycleStart() {
        return cycleStart;
    }

    /** The cycle start and every later day on which some quota changes, in order. */
    public List<LocalDate> boundaries() {
        return List.copyOf(boundaries);
    }

    /** GPUs of each type the project may hold on {@code day}. */
    public Allocation quotaOn(ProjectId project, LocalDate day) {
        ProjectPlan line = line(project);
        if (day.isBefore(cycleStart)) {
            return line.previous();
        }
        Optional<PlanPeriod> period = laterPeriodOn(day);
        if (period.isPresent()) {
            return period.get().grant(project);
        }
        Map<GpuTypeId, Integer> held = new TreeMap<>(line.previous().gpus());
        changeDates.getOrDefault(project, Map.of()).forEach((type, on) -> {
            if (!day.isBefore(on)) {
                held.put(type, line.grant().gpus(type));
            }
        });
        return new Allocation(held);
    }

    /**
     * GPUs of each type the project may hold on {@code day} under an enforcer that cannot cap all types together (a
     * Kueue ClusterQueue has a quota per flavor only): while the project still yields, it holds its previous
     * allocation and nothing more, so its total never exceeds its previous total; afterwards, {@link #quotaOn}.
     * Never above {@link #quotaOn} for any type, so the pools' sums hold here too.
     */
    public Allocation quotaWithoutOverallCapOn(ProjectId project, LocalDate day) {
        return isYielding(project, day) ? line(project).previous() : quotaOn(project, day);
    }

    /** GPUs of all types together the project may hold on {@code day}. */
    public int overallCapOn(ProjectId project, LocalDate day) {
        int sum = quotaOn(project, day).totalGpus();
        return isYielding(project, day) ? Math.min(sum, line(project).previous().totalGpus()) : sum;
    }

    /** Whether the project holds GPUs on {@code day} that it gives back later. */
    public boolean isYielding(ProjectId project, LocalDate day) {
        ProjectPlan line = line(project);
        if (laterPeriodOn(day).isPresent()) {
            return false;
        }
        return line.previous().gpus().entrySet().stream()
                .anyMatch(entry -> entry.getValue() > line.grant().gpus(entry.getKey())
                        && day.isBefore(changeDates.get(project).get(entry.getKey())));
    }

    /** Whether the project's grant is in force in full on {@code day}. */
    public boolean isFinal(ProjectId project, LocalDate day) {
        return !day.isBefore(cycleStart) && changeDays(project).stream().noneMatch(day::isBefore);
    }

    /** The first day after {@code day} on which the project's quota changes, if any. */
    public Optional<LocalDate> nextChange(ProjectId project, LocalDate day) {
        TreeSet<LocalDate> dates = changeDays(project);
        dates.add(cycleStart);
        return Optional.ofNullable(dates.higher(day));
    }

    /** Days on which the project's quota changes: within the first period, then at every period whose grant differs. */
    private TreeSet<LocalDate> changeDays(ProjectId project) {
        TreeSet<LocalDate> dates =
                new TreeSet<>(changeDates.getOrDefault(project, Map.of()).values());
        Allocation before = line(project).grant();
        for (PlanPeriod period : laterPeriods) {
            if (!period.grant(project).equals(before)) {
                dates.add(period.from());
            }
            before = period.grant(project);
        }
        return dates;
    }

    /** The later period holding {@code day} (the last one for days after the cycle), if the day is past the first. */
    private Optional<PlanPeriod> laterPeriodOn(LocalDate day) {
        if (laterPeriods.isEmpty() || day.isBefore(laterPeriods.get(0).from())) {
            return Optional.empty();
        }
        PlanPeriod holding = laterPeriods.get(0);
        for (PlanPeriod period : laterPeriods) {
            if (!day.isBefore(period.from())) {
                holding = period;
            }
        }
        return Optional.of(holding);
    }

    private ProjectPlan line(ProjectId project) {
        ProjectPlan line = lines.get(project);
        if (line == null) {
            throw new IllegalArgumentException("project " + project + " is not in the plan");
        }
        return line;
    }

    private LocalDate yieldDate(ProjectPlan line) {
        LocalDate yieldBy = line.yieldBy().orElse(cycleStart);
        return yieldBy.isBefore(cycleStart) ? cycleStart : yieldBy;
    }

    /**
     * Walks the boundaries for one type: yields due, blocks that end, blocks that start (or waited) and fit whole,
     * then the grows that fit, in plan order. Blocks that start after the first period are left at their placed
     * start: from then on every project holds its period's grant, which the planner fits with the blocks.
     */
    private void schedule(List<ProjectPlan> plan, GpuTypeId type, int capacity, TreeSet<LocalDate> boundaries) {
        Map<ProjectId, Integer> held = new HashMap<>();
        List<ProjectPlan> grows = new ArrayList<>();
        int total = 0;
        for (ProjectPlan line : plan) {
            held.put(line.project(), line.previous().gpus(type));
            total += line.previous().gpus(type);
            if (line.grant().gpus(type) > line.previous().gpus(type)) {
                grows.add(line);
            }
        }
        LocalDate firstPeriodEnd =
                laterPeriods.isEmpty() ? null : laterPeriods.get(0).from();
        List<Integer> waiting = new ArrayList<>();
        List<Integer> holding = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            PlacedBlock block = blocks.get(b).placed();
            if (block.gpuType().equals(type)
                    && (firstPeriodEnd == null || block.start().isBefore(firstPeriodEnd))) {
                waiting.add(b);
            }
        }
        for (LocalDate day : boundaries) {
            for (ProjectPlan line : plan) {
                if (line.grant().gpus(type) < line.previous().gpus(type)
                        && yieldDate(line).equals(day)) {
                    total -= line.previous().gpus(type) - line.grant().gpus(type);
                    held.put(line.project(), line.grant().gpus(type));
                    record(line.project(), type, day);
                }
            }
            for (var iterator = holding.iterator(); iterator.hasNext(); ) {
                PlacedBlock block = blocks.get(iterator.next()).placed();
                if (!day.isBefore(block.end())) {
                    total -= block.gpus();
                    iterator.remove();
                }
            }
            boolean last = day.equals(boundaries.last());
            for (var iterator = waiting.iterator(); iterator.hasNext(); ) {
                int b = iterator.next();
                PlacedBlock block = blocks.get(b).placed();
                if (day.isBefore(block.start())) {
                    continue;
                }
                if (!day.isBefore(block.end())) {
                    blocks.set(b, new BlockDays(block, block.end())); // its days passed while the GPUs were yielded
                    iterator.remove();
                } else if ((last && firstPeriodEnd == null) || total + block.gpus() <= capacity) {
                    // on the cycle start, a block that began earlier keeps its start
                    boolean onTime = day.equals(boundaries.first()) || !day.isAfter(block.start());
                    blocks.set(b, new BlockDays(block, onTime ? block.start() : day));
                    total += block.gpus();
                    holding.add(b);
                    iterator.remove();
                }
            }
            for (var iterator = grows.iterator(); iterator.hasNext(); ) {
                ProjectPlan line = iterator.next();
                int more = line.grant().gpus(type) - held.get(line.project());
                if (last || total + more <= capacity) {
                    held.put(line.project(), line.grant().gpus(type));
                    total += more;
                    record(line.project(), type, day);
                    iterator.remove();
                }
            }
        }
        // still waiting at the end of the first period: from the second on, the period's grants leave it room
        for (int b : waiting) {
            PlacedBlock block = blocks.get(b).placed();
            blocks.set(b, new BlockDays(block, firstPeriodEnd.isBefore(block.end()) ? firstPeriodEnd : block.end()));
        }
    }

    private void record(ProjectId project, GpuTypeId type, LocalDate day) {
        changeDates.computeIfAbsent(project, key -> new TreeMap<>()).put(type, day);
    }
}
