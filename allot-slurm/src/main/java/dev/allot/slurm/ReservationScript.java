package dev.allot.slurm;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code scontrol} commands that carry out the reservation changes of a change set, one process each: deletions
 * first (they free nodes), then updates, then creations. Every new reservation gets {@code Flags=IGNORE_JOBS}: it is
 * created even when running jobs hold its nodes now, since they end (by their time limit) before a block starts.
 *
 * @param steps the commands in order
 */
public record ReservationScript(List<Step> steps) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    /**
     * One scontrol command.
     *
     * @param arguments without the program name
     * @param change the change it carries out
     */
    public record Step(List<String> arguments, Change.ReservationChange change) {
        public Step {
            arguments = List.copyOf(arguments);
        }

        public String command() {
            return "scontrol " + String.join(" ", arguments);
        }
    }

    public ReservationScript {
        steps = List.copyOf(steps);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    public static ReservationScript render(ChangeSet changes) {
        List<Step> deletes = new ArrayList<>();
        List<Step> updates = new ArrayList<>();
        List<Step> creates = new ArrayList<>();
        for (Change change : changes.changes()) {
            switch (change) {
                case Change.DeleteReservation delete ->
                    deletes.add(new Step(List.of("delete", "ReservationName=" + delete.reservation()), delete));
                case Change.UpdateReservation update -> {
                    List<String> arguments =
                            new ArrayList<>(List.of("update", "ReservationName=" + update.reservation()));
                    arguments.addAll(update.settings());
                    updates.add(new Step(arguments, update));
                }
                case Change.AddReservation add -> creates.add(new Step(create(add.desired()), add));
                default -> {
                    // accounts, users, QOS: sacctmgr's
                }
            }
        }
        List<Step> steps = new ArrayList<>(deletes);
        steps.addAll(updates);
        steps.addAll(creates);
        return new ReservationScript(steps);
    }

    private static List<String> create(DesiredReservation reservation) {
        List<String> arguments = new ArrayList<>(List.of(
                "create",
                "reservation",
                "ReservationName=" + reservation.name(),
                "Accounts=" + reservation.account(),
                "StartTime=" + (reservation.started() ? "now" : time(reservation.start())),
                "EndTime=" + time(reservation.end()),
                "NodeCnt=" + reservation.nodes()));
        reservation.feature().ifPresent(feature -> arguments.add("Features=" + feature));
        arguments.add("Flags=IGNORE_JOBS");
        return arguments;
    }

    /** {@code 2027-01-10T00:00:00}, as scontrol reads it (in the controller's time zone). */
    static String time(LocalDateTime time) {
        return TIME.format(time);
    }

    /** The commands, for dry runs. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        if (!steps.isEmpty()) {
            text.append("# scontrol, one process per command:\n");
            steps.forEach(step -> text.append(step.command()).append('\n'));
        }
        return text.toString();
    }
}
