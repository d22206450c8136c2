package dev.allot.slurm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one line {@code allot slurm apply} prints before it changes anything, e.g. {@code will change 131
 * associations: 77 lower, 51 raise, 3 hold}. Each account counts once, under the strongest of its changes: a hold
 * (new jobs held), a lowered limit, a raised limit (or a new account), anything else (users, QOS, parent).
 * Reservations of reserved blocks are counted apart: {@code ; 2 reservation(s): 1 create, 0 update, 1 delete}.
 */
public final class ChangeSummary {
    private ChangeSummary() {}

    public static String of(ChangeSet changes) {
        Map<String, Integer> kinds = new LinkedHashMap<>();
        for (String kind : new String[] {"lower", "raise", "hold", "other"}) {
            kinds.put(kind, 0);
        }
        Map<String, String> strongest = new LinkedHashMap<>();
        Map<String, Integer> reservations = new LinkedHashMap<>();
        for (String kind : new String[] {"create", "update", "delete"}) {
            reservations.put(kind, 0);
        }
        for (Change change : changes.changes()) {
            if (change instanceof Change.ReservationChange reservation) {
                reservations.merge(reservationKind(reservation), 1, Integer::sum);
                continue;
            }
            String kind = kind(change);
            strongest.merge(change.account(), kind, ChangeSummary::stronger);
        }
        strongest.values().forEach(kind -> kinds.merge(kind, 1, Integer::sum));
        Set<String> accounts = new TreeSet<>(strongest.keySet());
        int reserved =
                reservations.values().stream().mapToInt(Integer::intValue).sum();
        String reservationPart = reserved == 0
                ? ""
                : "; " + reserved + " reservation(s): " + reservations.get("create") + " create, "
                        + reservations.get("update") + " update, " + reservations.get("delete") + " delete";
        if (accounts.isEmpty()) {
            return reserved == 0
                    ? "will change nothing on cluster " + changes.cluster()
                    : "will change 0 association(s) on cluster " + changes.cluster() + reservationPart;
        }
        StringBuilder line = new StringBuilder("will change " + accounts.size() + " association(s) on cluster "
                + changes.cluster() + ": " + kinds.get("lower") + " lower, " + kinds.get("raise") + " raise, "
                + kinds.get("hold") + " hold");
        if (kinds.get("other") > 0) {
            line.append(", ").append(kinds.get("other")).append(" other (users, QOS, parent)");
        }
        return line.append(reservationPart).toString();
    }

    private static String reservationKind(Change.ReservationChange change) {
        return switch (change) {
            case Change.AddReservation add -> "create";
            case Change.UpdateReservation update -> "update";
            case Change.DeleteReservation delete -> "delete";
        };
    }

    private static String kind(Change change) {
        return switch (change) {
            case Change.SetLimits set when set.to().holdsJobs() && !set.from().holdsJobs() -> "hold";
            case Change.SetLimits set when set.lowers() -> "lower";
            case Change.SetLimits set -> "raise";
            case Change.AddAccount add when add.desired().limits().holdsJobs() -> "hold";
            case Change.AddAccount add -> add.desired().project() ? "raise" : "other";
            default -> "other";
        };
    }

    private static String stronger(String first, String second) {
        String order = "hold lower raise other";
        return order.indexOf(first) <= order.indexOf(second) ? first : second;
    }
}
