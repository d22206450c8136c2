package dev.allot.slurm;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the accounting tree of one cluster should look like for a plan on a given day, and the reservations that hold
 * its reserved blocks.
 *
 * @param cluster the Slurm cluster
 * @param asOf the day the limits were computed for (dated yields before it are in force)
 * @param accounts parents first, so they can be created in this order
 * @param managedTres the TRES keys Allot owns; other limits on the accounts are left alone
 * @param prune whether accounts in Allot's subtree that the plan does not know get their GPU caps set to 0
 * @param reservations one per reserved block that has not ended by {@code asOf}, in name order
 * @param reservationScope the name prefix of the reservations Allot owns for this plan ({@code allot-<cycle>-}, plus
 *     the project account prefix); reservations named otherwise are never touched; empty: none are managed
 */
public record DesiredState(
        String cluster,
        LocalDate asOf,
        List<DesiredAccount> accounts,
        Set<String> managedTres,
        boolean prune,
        List<DesiredReservation> reservations,
        String reservationScope) {
    public DesiredState {
        accounts = List.copyOf(accounts);
        managedTres = Set.copyOf(managedTres);
        reservations = List.copyOf(reservations);
        reservationScope = reservationScope == null ? "" : reservationScope;
    }

    public DesiredState(
            String cluster, LocalDate asOf, List<DesiredAccount> accounts, Set<String> managedTres, boolean prune) {
        this(cluster, asOf, accounts, managedTres, prune, List.of(), "");
    }

    public DesiredState(String cluster, LocalDate asOf, List<DesiredAccount> accounts, Set<String> managedTres) {
        this(cluster, asOf, accounts, managedTres, false);
    }

    public DesiredState withPrune(boolean zeroUnknown) {
        return new DesiredState(cluster, asOf, accounts, managedTres, zeroUnknown, reservations, reservationScope);
    }

    /** Whether a reservation of that name is Allot's for this plan (and so created, updated and deleted by it). */
    public boolean ownsReservation(String name) {
        return !reservationScope.isEmpty() && name.startsWith(reservationScope);
    }

    /**
     * Allot's subtree of the accounting tree: the accounts under its category accounts, and under its own parent
     * account when that is not {@code root}. Accounts elsewhere belong to others sharing the cluster.
     */
    public Set<String> subtreeRoots() {
        Set<String> roots = new java.util.TreeSet<>();
        accounts.stream().filter(account -> !account.project()).forEach(account -> roots.add(account.name()));
        return roots;
    }

    public Map<String, DesiredAccount> byName() {
        Map<String, DesiredAccount> index = new LinkedHashMap<>();
        accounts.forEach(account -> index.put(account.name(), account));
        return index;
    }
}
