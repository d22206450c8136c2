package dev.allot.slurm;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** One difference between the plan's accounting tree and Slurm's, as a change Allot would make. */
public sealed interface Change {
    /** The account the change is about. */
    String account();

    /** One line for people, e.g. in {@code allot slurm diff}. */
    String describe();

    /** A missing account, to be created with its limits, users and QOS. */
    record AddAccount(DesiredAccount desired) implements Change {
        @Override
        public String account() {
            return desired.name();
        }

        @Override
        public String describe() {
            String users = desired.users().isEmpty() ? "" : ", users " + String.join(",", desired.users());
            return "+ account " + desired.name() + " under " + desired.parent() + ", limits "
                    + desired.limits().describe() + users;
        }
    }

    /** An account that hangs under the wrong parent. */
    record SetParent(String account, String from, String to) implements Change {
        @Override
        public String describe() {
            return "~ account " + account + ": parent " + from + " -> " + to;
        }
    }

    /** Managed limits that differ; {@code from} holds only the managed entries of the live account. */
    record SetLimits(String account, AccountLimits from, AccountLimits to) implements Change {
        /** TRES keys whose value changes, in order. */
        public SortedSet<String> changedTres() {
            SortedSet<String> keys = new TreeSet<>(from.grpTres().keySet());
            keys.addAll(to.grpTres().keySet());
            keys.removeIf(key -> from.tres(key) == to.tres(key));
            return keys;
        }

        /** TRES keys whose GPU-minute budget ({@code GrpTRESMins}) changes, in order. */
        public SortedSet<String> changedTresMins() {
            SortedSet<String> keys = new TreeSet<>(from.grpTresMins().keySet());
            keys.addAll(to.grpTresMins().keySet());
            keys.removeIf(key -> from.tresMins(key) == to.tresMins(key));
            return keys;
        }

        /** Whether any limit goes down (or appears where there was none). */
        public boolean lowers() {
            boolean tres = changedTres().stream().anyMatch(key -> below(to.tres(key), from.tres(key)));
            boolean minutes = changedTresMins().stream().anyMatch(key -> below(to.tresMins(key), from.tresMins(key)));
            return tres || minutes || below(to.grpJobs(), from.grpJobs());
        }

        /** Whether any limit goes up (or is removed). */
        public boolean raises() {
            boolean tres = changedTres().stream().anyMatch(key -> below(from.tres(key), to.tres(key)));
            boolean minutes = changedTresMins().stream().anyMatch(key -> below(from.tresMins(key), to.tresMins(key)));
            return tres || minutes || below(from.grpJobs(), to.grpJobs());
        }

        @Override
        public String describe() {
            List<String> parts = new ArrayList<>();
            changedTres().forEach(key -> parts.add(key + " " + show(from.tres(key)) + " -> " + show(to.tres(key))));
            if (from.grpJobs() != to.grpJobs()) {
                parts.add("GrpJobs " + show(from.grpJobs()) + " -> " + show(to.grpJobs())
                        + (to.holdsJobs() ? " (kill: new jobs are held)" : ""));
            }
            changedTresMins()
                    .forEach(key -> parts.add("GrpTRESMins " + key + " " + show(from.tresMins(key)) + " -> "
                            + show(to.tresMins(key)) + " GPU-minutes (budget)"));
            String note = lowers() ? " (lowers: running jobs keep running; new jobs pend until under the limit)" : "";
            return "~ account " + account + ": " + String.join(", ", parts) + note;
        }

        private static boolean below(long next, long current) {
            return next != AccountLimits.NO_LIMIT && (current == AccountLimits.NO_LIMIT || next < current);
        }

        private static String show(long value) {
            return value == AccountLimits.NO_LIMIT ? "none" : Long.toString(value);
        }
    }

    /** Users the plan associates with the account that Slurm does not. */
    record AddUsers(String account, Set<String> users) implements Change {
        public AddUsers {
            users = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(users));
        }

        @Override
        public String describe() {
            return "+ users " + String.join(",", users) + " in account " + account;
        }
    }

    /** Users Slurm associates with a project account that are not among the project's members. */
    record RemoveUsers(String account, Set<String> users) implements Change {
        public RemoveUsers {
            users = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(users));
        }

        @Override
        public String describe() {
            return "- users " + String.join(",", users) + " from account " + account;
        }
    }

    /**
     * A user's default account moves before the user leaves it (Slurm refuses otherwise).
     *
     * @param account the new default account
     */
    record SetDefaultAccount(String user, String from, String account) implements Change {
        @Override
        public String describe() {
            return "~ user " + user + ": default account " + from + " -> " + account;
        }
    }

    /** QOS the account must be allowed to use. */
    record AddQos(String account, Set<String> qos) implements Change {
        public AddQos {
            qos = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(qos));
        }

        @Override
        public String describe() {
            return "+ qos " + String.join(",", qos) + " for account " + account;
        }
    }

    /** A difference in the reservations that hold the plan's reserved blocks; {@link #account()} is who it serves. */
    sealed interface ReservationChange extends Change {
        /** The reservation's name. */
        String reservation();
    }

    /** A block without its reservation: {@code scontrol create reservation}. */
    record AddReservation(DesiredReservation desired) implements ReservationChange {
        @Override
        public String account() {
            return desired.account();
        }

        @Override
        public String reservation() {
            return desired.name();
        }

        @Override
        public String describe() {
            return "+ reservation " + desired.describe();
        }
    }

    /**
     * A reservation that differs from its block (a changed block, or a hand edit): {@code scontrol update
     * reservation}.
     *
     * @param fields what differs, e.g. {@code end 2027-01-20T00:00 -> 2027-01-22T00:00}
     * @param settings the {@code scontrol update} settings that repair it, e.g. {@code EndTime=2027-01-22T00:00:00}
     */
    record UpdateReservation(
            DesiredReservation desired, LiveReservation live, List<String> fields, List<String> settings)
            implements ReservationChange {
        public UpdateReservation {
            fields = List.copyOf(fields);
            settings = List.copyOf(settings);
        }

        @Override
        public String account() {
            return desired.account();
        }

        @Override
        public String reservation() {
            return desired.name();
        }

        @Override
        public String describe() {
            return "~ reservation " + desired.name() + ": " + String.join(", ", fields) + " (" + desired.block() + ")";
        }
    }

    /**
     * A reservation named as Allot names its own that no block of the plan has (the block is gone, or it was made by
     * hand under Allot's name): {@code scontrol delete reservation}.
     */
    record DeleteReservation(LiveReservation live) implements ReservationChange {
        @Override
        public String account() {
            return live.accounts().isEmpty() ? "" : live.accounts().first();
        }

        @Override
        public String reservation() {
            return live.name();
        }

        @Override
        public String describe() {
            return "- reservation " + live.name() + " (" + live.describe() + "): no block of the plan";
        }
    }
}
