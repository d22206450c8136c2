package dev.allot.web;

import dev.allot.application.Blocks;
import dev.allot.core.model.Block;
import dev.allot.core.model.CapacityTimeline;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The cycle's reserved blocks as a Gantt chart the server draws (SVG, no script; {@code gantt.jte}): the cycle's
 * periods across, a capacity lane per GPU type the blocks ask for, then a lane per block with its window and, when
 * placed, the days the plan holds for it. The same figures come as rows for the table under it.
 */
final class BlockGantt {
    /** One block as the table shows it. */
    record Row(String project, String block, String window, String placed, boolean isPlaced, String explanation) {}

    /** A period boundary: its x and the date written above it (empty where the period is too narrow). */
    record Tick(String x, String label) {}

    /** One period of a capacity lane: its box, its middle, and the GPUs written there (empty where they do not fit). */
    record Cell(String x, String width, String middle, String figure) {}

    /**
     * One lane at {@code y}: a capacity lane has cells; a block lane has its window and, when placed, the placed
     * days ({@code placedX} empty when not placed), in its GPU type's colour.
     */
    record Lane(
            int y,
            String label,
            List<Cell> cells,
            String windowX,
            String windowWidth,
            String placedX,
            String placedWidth,
            String colour) {
        public boolean block() {
            return !windowX.isEmpty();
        }

        public boolean placed() {
            return !placedX.isEmpty();
        }
    }

    /** The chart (no lanes without blocks) and its table. */
    record View(int width, int height, int labelWidth, List<Tick> ticks, List<Lane> lanes, List<Row> rows) {
        static final View NONE = new View(WIDTH, 0, LABEL, List.of(), List.of(), List.of());

        public boolean isEmpty() {
            return rows.isEmpty();
        }

        public int legendY() {
            return height - 18;
        }
    }

    static final int WIDTH = 720;
    private static final int LABEL = 176;
    private static final int RIGHT = 8;
    private static final int HEADER = 24;
    private static final int ROW = 26;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    private BlockGantt() {}

    static View of(Lab lab, List<Blocks.Scheduled> blocks) {
        if (blocks.isEmpty()) {
            return View.NONE;
        }
        List<CapacityTimeline.Period> periods = CapacityTimeline.periods(lab);
        Scale x = new Scale(lab.cycleStart(), lab.cycleEnd());
        List<Tick> ticks = new ArrayList<>();
        for (CapacityTimeline.Period period : periods) {
            boolean room = x.at(period.until()) - x.at(period.from()) >= 34;
            ticks.add(new Tick(x.text(period.from()), room ? DAY.format(period.from()) : ""));
        }
        ticks.add(new Tick(x.text(lab.cycleEnd()), ""));
        List<Lane> lanes = new ArrayList<>();
        int y = HEADER;
        for (GpuTypeId type : typesOf(lab, blocks)) {
            List<Cell> cells = new ArrayList<>();
            for (CapacityTimeline.Period period : periods) {
                double width = x.at(period.until()) - x.at(period.from());
                String gpus = Format.thousands(period.capacityGpus().getOrDefault(type, 0));
                cells.add(new Cell(
                        x.text(period.from()),
                        number(width),
                        number(x.at(period.from()) + width / 2),
                        width >= 7 * gpus.length() + 4 ? gpus : ""));
            }
            lanes.add(new Lane(y, type.value() + " capacity", cells, "", "", "", "", ""));
            y += ROW;
        }
        for (Blocks.Scheduled scheduled : blocks) {
            Block block = scheduled.block();
            String label =
                    shorten(block.project().value()) + " · " + Format.thousands(block.gpus()) + " " + block.gpuType();
            lanes.add(new Lane(
                    y,
                    label,
                    List.of(),
                    x.text(block.earliestStart()),
                    number(x.at(block.latestEnd()) - x.at(block.earliestStart())),
                    scheduled.placed().map(p -> x.text(p.start())).orElse(""),
                    scheduled
                            .placed()
                            .map(p -> number(x.at(p.end()) - x.at(p.start())))
                            .orElse(""),
                    colour(lab, block.gpuType())));
            y += ROW;
        }
        return new View(WIDTH, y + 30, LABEL, ticks, lanes, rows(blocks));
    }

    /** The blocks as the table shows them. */
    static List<Row> rows(List<Blocks.Scheduled> blocks) {
        return blocks.stream().map(BlockGantt::row).toList();
    }

    private static Row row(Blocks.Scheduled scheduled) {
        Block block = scheduled.block();
        return new Row(
                block.project().value(),
                block.describe(),
                DAY.format(block.earliestStart()) + " – "
                        + DAY.format(block.latestEnd().minusDays(1)),
                scheduled
                        .placed()
                        .map(placed -> DAY.format(placed.start()) + " – "
                                + DAY.format(placed.end().minusDays(1)))
                        .orElse("not placed"),
                scheduled.placed().isPresent(),
                scheduled.explanation());
    }

    /** The GPU types the blocks ask for, in the lab's order. */
    private static List<GpuTypeId> typesOf(Lab lab, List<Blocks.Scheduled> blocks) {
        return lab.gpuTypes().stream()
                .map(type -> type.id())
                .filter(type ->
                        blocks.stream().anyMatch(b -> b.block().gpuType().equals(type)))
                .toList();
    }

    private static String colour(Lab lab, GpuTypeId type) {
        int index = lab.gpuTypes().stream().map(t -> t.id()).toList().indexOf(type);
        return ClusterPage.TIMELINE_COLOURS.get(Math.max(0, index) % ClusterPage.TIMELINE_COLOURS.size());
    }

    private static String shorten(String project) {
        return project.length() > 18 ? project.substring(0, 17) + "…" : project;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", Math.max(0, value));
    }

    /** Days of the cycle to x positions in the plot, right of the labels. */
    private record Scale(LocalDate start, LocalDate end) {
        double at(LocalDate day) {
            double days = ChronoUnit.DAYS.between(start, end);
            double offset = Math.min(days, Math.max(0, ChronoUnit.DAYS.between(start, day)));
            return LABEL + offset * (WIDTH - LABEL - RIGHT) / days;
        }

        String text(LocalDate day) {
            return number(at(day));
        }
    }
}
