package dev.allot.slurm;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the accounting tree of one cluster should look like for a plan on a given day.
 *
 * @param cluster the Slurm cluster
 * @param asOf the day the limits were computed for (dated yields before it are in force)
 * @param accounts parents first, so they can be created in this order
 * @param managedTres the TRES keys Allot owns; other limits on the accounts are left alone
 */
public record DesiredState(String cluster, LocalDate asOf, List<DesiredAccount> accounts, Set<String> managedTres) {
    public DesiredState {
        accounts = List.copyOf(accounts);
        managedTres = Set.copyOf(managedTres);
    }

    public Map<String, DesiredAccount> byName() {
        Map<String, DesiredAccount> index = new LinkedHashMap<>();
        accounts.forEach(account -> index.put(account.name(), account));
        return index;
    }
}
