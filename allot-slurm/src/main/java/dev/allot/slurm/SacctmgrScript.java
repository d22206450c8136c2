package dev.allot.slurm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The sacctmgr input that carries out a change set in one {@code sacctmgr -i} session reading commands from stdin
 * (every sacctmgr process costs about a quarter of a second before it does anything). New accounts and users go into
 * one {@code load} flat file (one transaction), or, for up to {@link #MAX_ADDED_BY_COMMANDS} accounts, into {@code
 * add account} and {@code add user} commands. Each existing account's limits change in exactly one {@code modify}
 * command carrying all its changed limits, shared by the accounts that get the identical change, so an account is
 * never left between two plans; when that takes more than {@link #MAX_LIMIT_COMMANDS} commands and no account moves,
 * every limit change goes into the {@code load} file instead (one transaction for all). Order: accounts whose limits
 * only go down first, then the load, parent moves, accounts with limits going both ways, accounts whose limits only
 * go up, QOS, default accounts, removed users, so that the caps never add up to more than before or after the apply.
 *
 * @param loadFile flat file for the {@link #LOAD} step; empty when nothing is added or loaded
 * @param steps the session's commands in order, each with the accounts it changes
 */
public record SacctmgrScript(String loadFile, List<Step> steps) {
    /** sacctmgr reads commands from a pipe in lines of at most 4 KiB; name lists are split to stay below. */
    static final int MAX_LINE = 3000;

    /**
     * At most this many accounts gain users or are created through {@code add account} and {@code add user}
     * commands; more go through one {@code load}. {@code load} reads the whole accounting tree first, so for a few
     * accounts it costs more than the commands (one new account with two users: 3.0-4.2 s by {@code load}, 2.1-2.6 s
     * by two commands, on the loaded 2-core test machine with 300 accounts).
     */
    static final int MAX_ADDED_BY_COMMANDS = 3;

    /**
     * At most this many {@code modify} commands change limits; more go into the {@code load} file, which changes every
     * account in one transaction (each {@code modify} commits on its own, about 0.2 s each on an idle machine, while
     * {@code load} reads the whole accounting tree once, about 1 s for 300 accounts).
     */
    static final int MAX_LIMIT_COMMANDS = 20;

    /** The load step; the flat file's path replaces {@code <flat file>} when the session runs. */
    public static final String LOAD = "load file=<flat file>";

    /**
     * One sacctmgr command.
     *
     * @param command without the program name
     * @param accounts the accounts whose state it changes (for users: the accounts they join or leave)
     */
    public record Step(String command, Set<String> accounts) {
        public Step {
            accounts = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(accounts));
        }
    }

    public SacctmgrScript {
        steps = List.copyOf(steps);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** The commands in order. */
    public List<String> commands() {
        return steps.stream().map(Step::command).toList();
    }

    /** The session input and the flat file, for dry runs and golden files. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        if (!steps.isEmpty()) {
            text.append("# sacctmgr -i -n -P <<EOF\n");
            steps.forEach(step -> text.append(step.command()).append('\n'));
            text.append("# EOF\n");
        }
        if (!loadFile.isEmpty()) {
            text.append("# <flat file>:\n").append(loadFile);
        }
        return text.toString();
    }

    public static SacctmgrScript render(ChangeSet changes) {
        String cluster = changes.cluster();
        StringBuilder load = new StringBuilder();
        Set<String> loaded = new TreeSet<>();
        List<DesiredAccount> added = new ArrayList<>();
        Map<String, Set<String>> newUsers = new LinkedHashMap<>();
        Map<String, Set<String>> parents = new TreeMap<>();
        List<Change.SetLimits> limits = new ArrayList<>();
        Map<String, Set<String>> removals = new TreeMap<>();
        Map<String, Set<String>> qos = new TreeMap<>();
        Map<String, Set<String>> defaults = new TreeMap<>();
        for (Change change : changes.changes()) {
            switch (change) {
                case Change.AddAccount add -> {
                    DesiredAccount account = add.desired();
                    added.add(account);
                    loaded.add(account.name());
                    if (!account.users().isEmpty()) {
                        newUsers.put(account.name(), account.users());
                    }
                    if (!account.qos().isEmpty()) {
                        qos.computeIfAbsent(String.join(",", account.qos()), key -> new TreeSet<>())
                                .add(add.account());
                    }
                }
                case Change.AddUsers add -> newUsers.put(add.account(), add.users());
                case Change.SetParent move ->
                    parents.computeIfAbsent(move.to(), key -> new TreeSet<>()).add(move.account());
                case Change.SetLimits set -> limits.add(set);
                case Change.RemoveUsers remove ->
                    remove.users()
                            .forEach(user -> removals.computeIfAbsent(user, k -> new TreeSet<>())
                                    .add(remove.account()));
                case Change.SetDefaultAccount move ->
                    defaults.computeIfAbsent(move.account(), k -> new TreeSet<>())
                            .add(move.user());
                case Change.AddQos add ->
                    qos.computeIfAbsent(String.join(",", add.qos()), key -> new TreeSet<>())
                            .add(add.account());
                case Change.ReservationChange reservation -> {
                    // scontrol's: ReservationScript
                }
            }
        }
        Map<String, List<DesiredAccount>> siblings = bySiblings(added);
        siblings.forEach((parent, children) -> {
            load.append("Parent - '").append(parent).append("'\n");
            children.forEach(account -> load.append(accountLine(account)).append('\n'));
        });
        if (limitsByLoad(changes, limits, !parents.isEmpty())) {
            Map<String, List<Change.SetLimits>> byParent = new TreeMap<>();
            limits.forEach(set -> byParent.computeIfAbsent(changes.parents().get(set.account()), k -> new ArrayList<>())
                    .add(set));
            byParent.forEach((parent, sets) -> {
                load.append("Parent - '").append(parent).append("'\n");
                sets.forEach(set -> {
                    load.append(limitLine(set)).append('\n');
                    loaded.add(set.account());
                });
            });
            limits.clear();
        }
        inTreeOrder(newUsers, siblings).forEach((account, users) -> {
            load.append("Parent - '").append(account).append("'\n");
            users.forEach(user -> load.append("User - '").append(user).append("'\n"));
            loaded.add(account);
        });
        List<Step> steps = new ArrayList<>();
        List<Change.SetLimits> lowering =
                limits.stream().filter(set -> set.lowers() && !set.raises()).toList();
        List<Change.SetLimits> mixed =
                limits.stream().filter(set -> set.lowers() && set.raises()).toList();
        List<Change.SetLimits> raising =
                limits.stream().filter(set -> !set.lowers()).toList();
        limitSettings(lowering).forEach((setting, accounts) -> modify(steps, cluster, accounts, setting));
        if (!loaded.isEmpty() && loaded.size() <= MAX_ADDED_BY_COMMANDS) {
            added.forEach(account -> steps.add(new Step(addAccountCommand(account, cluster), Set.of(account.name()))));
            newUsers.forEach((account, users) -> chunks(new TreeSet<>(users))
                    .forEach(names -> steps.add(new Step(
                            "add user " + names + " account=" + account + " cluster=" + cluster, Set.of(account)))));
            load.setLength(0);
        } else if (!load.isEmpty()) {
            steps.add(new Step(LOAD, loaded));
        }
        parents.forEach((parent, accounts) -> modify(steps, cluster, accounts, "parent=" + parent));
        limitSettings(mixed).forEach((setting, accounts) -> modify(steps, cluster, accounts, setting));
        limitSettings(raising).forEach((setting, accounts) -> modify(steps, cluster, accounts, setting));
        qos.forEach((names, accounts) -> modify(steps, cluster, accounts, "QOS+=" + names));
        Map<String, String> defaultOf = new TreeMap<>();
        changes.changes().stream()
                .filter(Change.SetDefaultAccount.class::isInstance)
                .map(Change.SetDefaultAccount.class::cast)
                .forEach(move -> defaultOf.put(move.user(), move.from()));
        defaults.forEach((account, users) -> chunks(users).forEach(names -> {
            Set<String> touched = new TreeSet<>(Set.of(account));
            List.of(names.split(",")).forEach(user -> touched.add(defaultOf.get(user)));
            steps.add(new Step(
                    "modify user where name=" + names + " cluster=" + cluster + " set DefaultAccount=" + account,
                    touched));
        }));
        removals.forEach((user, accounts) -> chunks(accounts)
                .forEach(names -> steps.add(new Step(
                        "delete user where name=" + user + " account=" + names + " cluster=" + cluster,
                        new TreeSet<>(List.of(names.split(",")))))));
        String loadFile = load.isEmpty() ? "" : "Cluster - '" + cluster + "'\n" + load;
        return new SacctmgrScript(loadFile, steps);
    }

    /**
     * New accounts by parent, each parent where its first new child was: slurmdbd makes room for each run of new
     * associations under one parent by moving the nested-set bounds of every association after it (one {@code UPDATE}
     * of the whole association table), so siblings written together cost one such move instead of one each. A parent
     * the plan creates still comes before its children (it is in the group of a parent listed earlier).
     */
    static Map<String, List<DesiredAccount>> bySiblings(List<DesiredAccount> added) {
        Map<String, List<DesiredAccount>> siblings = new LinkedHashMap<>();
        added.forEach(account -> siblings.computeIfAbsent(account.parent(), key -> new ArrayList<>())
                .add(account));
        return siblings;
    }

    /**
     * The new users by account, the new accounts' first and in the order they will have in the tree (each parent,
     * then its children as {@link #bySiblings} lists them, depth first). slurmdbd puts each account's new users after
     * the account's left bound and moves the bounds of every association after it (one {@code UPDATE} per account);
     * taken left to right, the users added before are never among them. Measured with a {@code load} of 300 new
     * accounts and 739 users: about an eighth less database time than in the plan's order, which alternates
     * categories.
     */
    static Map<String, Set<String>> inTreeOrder(
            Map<String, Set<String>> newUsers, Map<String, List<DesiredAccount>> siblings) {
        Map<String, Set<String>> ordered = new LinkedHashMap<>();
        Set<String> added = new java.util.HashSet<>();
        siblings.values().forEach(children -> children.forEach(account -> added.add(account.name())));
        siblings.keySet().stream()
                .filter(parent -> !added.contains(parent))
                .forEach(top -> preOrder(top, siblings, newUsers, ordered));
        ordered.putAll(newUsers);
        return ordered;
    }

    private static void preOrder(
            String parent,
            Map<String, List<DesiredAccount>> siblings,
            Map<String, Set<String>> newUsers,
            Map<String, Set<String>> ordered) {
        for (DesiredAccount child : siblings.getOrDefault(parent, List.of())) {
            if (newUsers.containsKey(child.name())) {
                ordered.put(child.name(), newUsers.get(child.name()));
            }
            preOrder(child.name(), siblings, newUsers, ordered);
        }
    }

    /**
     * {@code set} clauses and the accounts that get them: one clause per account carrying all its changed limits,
     * shared by the accounts whose changes are identical.
     */
    static Map<String, Set<String>> limitSettings(List<Change.SetLimits> limits) {
        Map<String, Set<String>> whole = new TreeMap<>();
        for (Change.SetLimits set : limits) {
            List<String> clause = new ArrayList<>();
            settings(set).forEach((name, value) -> clause.add(name + "=" + value));
            whole.computeIfAbsent(String.join(" ", clause), k -> new TreeSet<>())
                    .add(set.account());
        }
        return whole;
    }

    /**
     * The limits one change sets, by sacctmgr field name: only the changed TRES entries ({@code -1} removes one),
     * {@code GrpJobs} when it changes, only the changed GPU-minute budgets.
     */
    private static Map<String, String> settings(Change.SetLimits set) {
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> tres = set.changedTres().stream()
                .map(key -> key + "=" + set.to().tres(key))
                .toList();
        if (!tres.isEmpty()) {
            settings.put("GrpTRES", String.join(",", tres));
        }
        if (set.from().grpJobs() != set.to().grpJobs()) {
            settings.put("GrpJobs", Long.toString(set.to().grpJobs()));
        }
        List<String> minutes = set.changedTresMins().stream()
                .map(key -> key + "=" + set.to().tresMins(key))
                .toList();
        if (!minutes.isEmpty()) {
            settings.put("GrpTRESMins", String.join(",", minutes));
        }
        return settings;
    }

    /**
     * Whether the limit changes go into the {@code load} file rather than into {@code modify} commands: when they
     * would take more than {@link #MAX_LIMIT_COMMANDS} commands, no account moves to another parent (the file names
     * each account's parent, and the limits would change before the moves), and the parent of every account is known.
     */
    private static boolean limitsByLoad(ChangeSet changes, List<Change.SetLimits> limits, boolean moves) {
        if (moves || !limits.stream().allMatch(set -> changes.parents().containsKey(set.account()))) {
            return false;
        }
        int commands = 0;
        for (Set<String> accounts : limitSettings(limits).values()) {
            commands += chunks(accounts).size();
        }
        return commands > MAX_LIMIT_COMMANDS;
    }

    /** {@code Account - 'a':GrpTRES='gres/gpu=8,gres/gpu:h100=-1':GrpJobs=-1}: load changes only what it names. */
    private static String limitLine(Change.SetLimits set) {
        StringBuilder line =
                new StringBuilder("Account - '").append(set.account()).append("'");
        settings(set)
                .forEach((name, value) -> line.append(':')
                        .append(name)
                        .append('=')
                        .append(name.equals("GrpJobs") ? value : "'" + value + "'"));
        return line.toString();
    }

    /** {@code add account NAME parent=P cluster=C Description='...' Organization=allot GrpTRES=...}. */
    private static String addAccountCommand(DesiredAccount account, String cluster) {
        StringBuilder command = new StringBuilder("add account ")
                .append(account.name())
                .append(" parent=")
                .append(account.parent())
                .append(" cluster=")
                .append(cluster)
                .append(" Description='")
                .append(flat(account.description()))
                .append("' Organization=allot");
        AccountLimits limits = account.limits();
        if (!limits.grpTres().isEmpty()) {
            command.append(" GrpTRES=").append(AccountLimits.entries(limits.grpTres()));
        }
        if (limits.grpJobs() != AccountLimits.NO_LIMIT) {
            command.append(" GrpJobs=").append(limits.grpJobs());
        }
        if (!limits.grpTresMins().isEmpty()) {
            command.append(" GrpTRESMins=").append(AccountLimits.entries(limits.grpTresMins()));
        }
        return command.toString();
    }

    private static String accountLine(DesiredAccount account) {
        StringBuilder line =
                new StringBuilder("Account - '").append(account.name()).append("'");
        line.append(":Description='").append(flat(account.description())).append("'");
        line.append(":Organization='allot'");
        if (!account.limits().grpTres().isEmpty()) {
            // quoted: load splits fields on ':' and typed TRES such as gres/gpu:h100 contain one
            StringBuilder tres = new StringBuilder();
            account.limits()
                    .grpTres()
                    .forEach((key, value) -> tres.append(tres.isEmpty() ? "" : ",")
                            .append(key)
                            .append('=')
                            .append(value));
            line.append(":GrpTRES='").append(tres).append("'");
        }
        if (account.limits().grpJobs() != AccountLimits.NO_LIMIT) {
            line.append(":GrpJobs=").append(account.limits().grpJobs());
        }
        if (!account.limits().grpTresMins().isEmpty()) {
            line.append(":GrpTRESMins='")
                    .append(AccountLimits.entries(account.limits().grpTresMins()))
                    .append("'");
        }
        return line.toString();
    }

    /** Flat-file text values are single-quoted and split on ':'; keep only what survives. */
    static String flat(String text) {
        String cleaned = text.replaceAll("[':|\"\\\\\\p{Cntrl}]", " ").strip().replaceAll(" +", " ");
        return cleaned.isEmpty() ? "-" : cleaned;
    }

    private static void modify(List<Step> steps, String cluster, Set<String> accounts, String setting) {
        chunks(accounts)
                .forEach(names -> steps.add(new Step(
                        "modify account where name=" + names + " cluster=" + cluster + " set " + setting,
                        new TreeSet<>(List.of(names.split(","))))));
    }

    /** Comma-joined names, split so that no command line grows past {@link #MAX_LINE}. */
    static List<String> chunks(Set<String> names) {
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String name : names) {
            if (!current.isEmpty() && current.length() + name.length() + 1 > MAX_LINE) {
                chunks.add(current.toString());
                current.setLength(0);
            }
            current.append(current.isEmpty() ? "" : ",").append(name);
        }
        if (!current.isEmpty()) {
            chunks.add(current.toString());
        }
        return chunks;
    }
}
