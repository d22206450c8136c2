package dev.allot.slurm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one line {@code allot slurm apply} prints before it changes anything, e.g. {@code will change 131
 * associations: 77 lower, 51 raise, 3 hold}. Each account counts once, under the strongest of its changes: a hold
 * (new jobs held), a lowered limit, a raised limit (or a new account), anything else (users, QOS, parent).
 */
public final class ChangeSummary {
    private ChangeSummary() {}

    public static String of(ChangeSet changes) {
        Map<String, Integer> kinds = new LinkedHashMap<>();
        for (String kind : new String[] {"lower", "raise", "hold", "other"}) {
            kinds.put(kind, 0);
        }
        Map<String, String> strongest = new LinkedHashMap<>();
        for (Change change : changes.changes()) {
            String kind = kind(change);
            strongest.merge(change.account(), kind, ChangeSummary::stronger);
        }
        strongest.values().forEach(kind -> kinds.merge(kind, 1, Integer::sum));
        Set<String> accounts = new TreeSet<>(strongest.keySet());
        if (accounts.isEmpty()) {
            return "will change nothing on cluster " + changes.cluster();
        }
        StringBuilder line = new StringBuilder("will change " + accounts.size() + " association(s) on cluster "
                + changes.cluster() + ": " + kinds.get("lower") + " lower, " + kinds.get("raise") + " raise, "
                + kinds.get("hold") + " hold");
        if (kinds.get("other") > 0) {
            line.append(", ").append(kinds.get("other")).append(" other (users, QOS, parent)");
        }
        return line.toString();
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
