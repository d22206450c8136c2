package dev.allot.slurm;

import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The accounting tree of one cluster as {@code sacctmgr show assoc} reported it.
 *
 * @param accounts by account name
 * @param defaultAccounts each user's default account; Slurm refuses to remove a user from it while the user has
 *     other accounts
 * @param reservations every reservation the controller has ({@code scontrol show reservation}), Allot's and others'
 */
public record LiveState(
        String cluster,
        Map<String, Account> accounts,
        Map<String, String> defaultAccounts,
        java.util.List<LiveReservation> reservations) {
    public LiveState {
        accounts = java.util.Collections.unmodifiableMap(new TreeMap<>(accounts));
        defaultAccounts = java.util.Collections.unmodifiableMap(new TreeMap<>(defaultAccounts));
        reservations = java.util.List.copyOf(reservations);
    }

    public LiveState(String cluster, Map<String, Account> accounts, Map<String, String> defaultAccounts) {
        this(cluster, accounts, defaultAccounts, java.util.List.of());
    }

    public LiveState withReservations(java.util.List<LiveReservation> live) {
        return new LiveState(cluster, accounts, defaultAccounts, live);
    }

    public static LiveState empty(String cluster) {
        return new LiveState(cluster, Map.of(), Map.of());
    }

    public LiveState withDefaultAccounts(Map<String, String> defaults) {
        return new LiveState(cluster, accounts, defaults, reservations);
    }

    /**
     * One account association and the users associated with it.
     *
     * @param parent parent account; empty for {@code root}
     * @param limits every {@code GrpTRES} entry set on the account, and {@code GrpJobs}
     */
    public record Account(
            String name, String parent, AccountLimits limits, SortedSet<String> users, SortedSet<String> qos) {
        public Account {
            users = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(users));
            qos = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(qos));
        }
    }
}
