package dev.allot.slurm;

import java.time.LocalDateTime;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A reservation as {@code scontrol show reservation} reports it.
 *
 * @param accounts the accounts that may use it
 * @param features the node features it asks for; empty for none
 * @param state {@code ACTIVE} or {@code INACTIVE}
 */
public record LiveReservation(
        String name,
        SortedSet<String> accounts,
        int nodes,
        String features,
        LocalDateTime start,
        LocalDateTime end,
        String state) {
    public LiveReservation {
        accounts = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(accounts));
        features = features == null ? "" : features;
    }

    public boolean active() {
        return state.equalsIgnoreCase("ACTIVE");
    }

    /** {@code accounts a, 1 node(s), 2027-01-10T00:00 .. 2027-01-20T00:00}. */
    public String describe() {
        return "accounts " + (accounts.isEmpty() ? "-" : String.join(",", accounts)) + ", " + nodes + " node(s)"
                + (features.isEmpty() ? "" : " with feature " + features) + ", " + start + " .. " + end;
    }
}
