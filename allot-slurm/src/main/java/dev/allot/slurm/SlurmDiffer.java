package dev.allot.slurm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Compares the desired accounting tree with the live one. Pure. */
public final class SlurmDiffer {
    private SlurmDiffer() {}

    public static ChangeSet diff(DesiredState desired, LiveState live) {
        List<Change> changes = new ArrayList<>();
        List<String> scheduled = new ArrayList<>();
        for (DesiredAccount account : desired.accounts()) {
            LiveState.Account current = live.accounts().get(account.name());
            account.pending()
                    .ifPresent(dated -> scheduled.add("account " + account.name() + " keeps "
                            + account.limits().describe() + " until " + dated.on() + ", then "
                            + dated.limits().describe()
                            + " (" + dated.reason() + "; apply again on or after that date)"));
            if (current == null) {
                changes.add(new Change.AddAccount(account));
                continue;
            }
            compare(account, current, desired.managedTres(), changes);
        }
        moveDefaultAccounts(desired, live, changes);
        Set<String> known = desired.byName().keySet();
        List<String> unknown = live.accounts().keySet().stream()
                .filter(name -> !known.contains(name) && insideSubtree(name, desired.subtreeRoots(), live))
                .toList();
        Map<String, AccountLimits> unknownLimits = new TreeMap<>();
        for (String name : unknown) {
            AccountLimits held = managedPart(live.accounts().get(name).limits(), desired.managedTres());
            unknownLimits.put(name, new AccountLimits(held.grpTres(), AccountLimits.NO_LIMIT));
            if (desired.prune()) {
                Map<String, Long> zero = new TreeMap<>();
                desired.managedTres().forEach(tres -> zero.put(tres, 0L));
                AccountLimits pruned = new AccountLimits(zero, held.grpJobs(), held.grpTresMins());
                if (!pruned.equals(held)) {
                    changes.add(new Change.SetLimits(name, held, pruned));
                }
            }
        }
        changes.addAll(reservationChanges(desired, live.reservations()));
        Map<String, String> parents = new TreeMap<>();
        changes.stream()
                .filter(Change.SetLimits.class::isInstance)
                .forEach(change -> parents.put(
                        change.account(), live.accounts().get(change.account()).parent()));
        return new ChangeSet(desired.cluster(), changes, unknown, unknownLimits, scheduled, parents);
    }

    /**
     * Reservations to create, update and delete so that each reserved block has its reservation. Only reservations
     * Allot owns ({@link DesiredState#ownsReservation}) are ever updated or deleted; others' are left alone.
     */
    static List<Change> reservationChanges(DesiredState desired, List<LiveReservation> live) {
        Map<String, LiveReservation> byName = new TreeMap<>();
        live.forEach(reservation -> byName.put(reservation.name(), reservation));
        List<Change> changes = new ArrayList<>();
        Set<String> wanted = new TreeSet<>();
        for (DesiredReservation reservation : desired.reservations()) {
            wanted.add(reservation.name());
            LiveReservation current = byName.get(reservation.name());
            if (current == null) {
                changes.add(new Change.AddReservation(reservation));
                continue;
            }
            Change.UpdateReservation update = differences(reservation, current);
            if (!update.fields().isEmpty()) {
                changes.add(update);
            }
        }
        byName.values().stream()
                .filter(reservation ->
                        desired.ownsReservation(reservation.name()) && !wanted.contains(reservation.name()))
                .forEach(reservation -> changes.add(new Change.DeleteReservation(reservation)));
        return changes;
    }

    /** What differs, for people, and the {@code scontrol update} settings that repair it, in the same order. */
    private static Change.UpdateReservation differences(DesiredReservation wanted, LiveReservation current) {
        List<String> fields = new ArrayList<>();
        List<String> settings = new ArrayList<>();
        if (!current.accounts().equals(new TreeSet<>(Set.of(wanted.account())))) {
            fields.add("accounts " + (current.accounts().isEmpty() ? "-" : String.join(",", current.accounts()))
                    + " -> " + wanted.account());
            settings.add("Accounts=" + wanted.account());
        }
        if (current.nodes() != wanted.nodes()) {
            fields.add("nodes " + current.nodes() + " -> " + wanted.nodes());
            settings.add("NodeCnt=" + wanted.nodes());
        }
        if (!current.features().equals(wanted.feature().orElse(""))) {
            fields.add("features " + show(current.features()) + " -> "
                    + show(wanted.feature().orElse("")));
            settings.add("Features=" + wanted.feature().orElse(""));
        }
        if (!wanted.started() && !current.start().equals(wanted.start())) {
            fields.add("start " + current.start() + " -> " + wanted.start());
            settings.add("StartTime=" + ReservationScript.time(wanted.start()));
        }
        if (!current.end().equals(wanted.end())) {
            fields.add("end " + current.end() + " -> " + wanted.end());
            settings.add("EndTime=" + ReservationScript.time(wanted.end()));
        }
        return new Change.UpdateReservation(wanted, current, fields, settings);
    }

    private static String show(String text) {
        return text.isEmpty() ? "none" : text;
    }

    /** Whether an account hangs, at any depth, under one of Allot's group accounts. */
    private static boolean insideSubtree(String name, Set<String> roots, LiveState live) {
        Set<String> seen = new java.util.HashSet<>();
        String parent = live.accounts().get(name).parent();
        while (parent != null && !parent.isEmpty() && seen.add(parent)) {
            if (roots.contains(parent)) {
                return true;
            }
            LiveState.Account above = live.accounts().get(parent);
            parent = above == null ? null : above.parent();
        }
        return false;
    }

    private static void compare(
            DesiredAccount account, LiveState.Account current, Set<String> managed, List<Change> changes) {
        if (!current.parent().equals(account.parent())) {
            changes.add(new Change.SetParent(account.name(), current.parent(), account.parent()));
        }
        AccountLimits live = managedPart(current.limits(), managed);
        AccountLimits wanted = keepKillHold(account, live, managedPart(account.limits(), managed));
        if (!live.equals(wanted)) {
            changes.add(new Change.SetLimits(account.name(), live, wanted));
        }
        Set<String> missingUsers = new TreeSet<>(account.users());
        missingUsers.removeAll(current.users());
        if (!missingUsers.isEmpty()) {
            changes.add(new Change.AddUsers(account.name(), missingUsers));
        }
        if (account.project()) {
            Set<String> extraUsers = new TreeSet<>(current.users());
            extraUsers.removeAll(account.users());
            if (!extraUsers.isEmpty()) {
                changes.add(new Change.RemoveUsers(account.name(), extraUsers));
            }
        }
        Set<String> missingQos = new TreeSet<>(account.qos());
        missingQos.removeAll(current.qos());
        if (!missingQos.isEmpty()) {
            changes.add(new Change.AddQos(account.name(), missingQos));
        }
    }

    /** Users leaving their default account get another one they keep, first in name order. */
    private static void moveDefaultAccounts(DesiredState desired, LiveState live, List<Change> changes) {
        Map<String, Set<String>> kept = new TreeMap<>();
        live.accounts()
                .forEach((name, account) -> account.users()
                        .forEach(user -> kept.computeIfAbsent(user, key -> new TreeSet<>())
                                .add(name)));
        desired.accounts()
                .forEach(account -> account.users()
                        .forEach(user -> kept.computeIfAbsent(user, key -> new TreeSet<>())
                                .add(account.name())));
        List<Change.RemoveUsers> removals = changes.stream()
                .filter(Change.RemoveUsers.class::isInstance)
                .map(Change.RemoveUsers.class::cast)
                .toList();
        removals.forEach(removal -> removal.users()
                .forEach(user -> kept.getOrDefault(user, new TreeSet<>()).remove(removal.account())));
        for (Change.RemoveUsers removal : removals) {
            for (String user : removal.users()) {
                Set<String> others = kept.getOrDefault(user, Set.of());
                if (removal.account().equals(live.defaultAccounts().get(user)) && !others.isEmpty()) {
                    changes.add(new Change.SetDefaultAccount(
                            user, removal.account(), others.iterator().next()));
                }
            }
        }
    }

    /**
     * A killed project's job hold outlives its kill cycle: the next plans list it with no GPUs (declined, or not
     * asked for), and lifting the hold then would let it queue work again. The hold goes only when the deciders
     * grant the project GPUs again.
     */
    private static AccountLimits keepKillHold(DesiredAccount account, AccountLimits live, AccountLimits wanted) {
        boolean noGpus = wanted.grpTres().values().stream().allMatch(gpus -> gpus == 0);
        if (account.project() && live.holdsJobs() && noGpus && !wanted.holdsJobs()) {
            return new AccountLimits(wanted.grpTres(), 0, wanted.grpTresMins());
        }
        return wanted;
    }

    private static AccountLimits managedPart(AccountLimits limits, Set<String> managed) {
        return new AccountLimits(
                managedOnly(limits.grpTres(), managed), limits.grpJobs(), managedOnly(limits.grpTresMins(), managed));
    }

    private static Map<String, Long> managedOnly(Map<String, Long> values, Set<String> managed) {
        Map<String, Long> kept = new TreeMap<>(values);
        kept.keySet().retainAll(managed);
        return kept;
    }
}
