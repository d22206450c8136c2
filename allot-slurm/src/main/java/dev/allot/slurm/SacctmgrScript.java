package dev.allot.slurm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The sacctmgr input that carries out a change set, batched for speed: every sacctmgr command costs about a
 * third of a second whatever it touches, so new accounts and users go into one {@code sacctmgr load} flat file
 * (one transaction), and changes to existing accounts are grouped into as few {@code modify} commands as possible
 * (per identical change, or per TRES value), each naming all accounts that get it (and one {@code delete user} per user leaving accounts).
 *
 * @param loadFile flat file for {@code sacctmgr -i load}; empty when nothing is added
 * @param commands sacctmgr commands (without the program name), one per line, for {@code sacctmgr -i} on stdin
 */
public record SacctmgrScript(String loadFile, List<String> commands) {
    /** sacctmgr reads commands from a pipe in lines of at most 4 KiB; name lists are split to stay below. */
    static final int MAX_LINE = 3000;

    public SacctmgrScript {
        commands = List.copyOf(commands);
    }

    public boolean isEmpty() {
        return loadFile.isEmpty() && commands.isEmpty();
    }

    /** Both parts as one text, for dry runs and golden files. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        if (!loadFile.isEmpty()) {
            text.append("# sacctmgr -i load file=<this part>\n").append(loadFile);
        }
        if (!commands.isEmpty()) {
            text.append("# sacctmgr -i <<EOF\n");
            commands.forEach(command -> text.append(command).append('\n'));
        }
        return text.toString();
    }

    public static SacctmgrScript render(ChangeSet changes) {
        String cluster = changes.cluster();
        StringBuilder load = new StringBuilder();
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
                    load.append("Parent - '").append(account.parent()).append("'\n");
                    load.append(accountLine(account)).append('\n');
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
            }
        }
        newUsers.forEach((account, users) -> {
            load.append("Parent - '").append(account).append("'\n");
            users.forEach(user -> load.append("User - '").append(user).append("'\n"));
        });
        List<String> commands = new ArrayList<>();
        parents.forEach((parent, accounts) -> modify(commands, cluster, accounts, "parent=" + parent));
        limitSettings(limits).forEach((setting, accounts) -> modify(commands, cluster, accounts, setting));
        qos.forEach((names, accounts) -> modify(commands, cluster, accounts, "QOS+=" + names));
        defaults.forEach((account, users) -> chunks(users)
                .forEach(names -> commands.add(
                        "modify user where name=" + names + " cluster=" + cluster + " set DefaultAccount=" + account)));
        removals.forEach((user, accounts) -> chunks(accounts)
                .forEach(names ->
                        commands.add("delete user where name=" + user + " account=" + names + " cluster=" + cluster)));
        String loadFile = load.isEmpty() ? "" : "Cluster - '" + cluster + "'\n" + load;
        return new SacctmgrScript(loadFile, commands);
    }

    /**
     * {@code set} clauses and the accounts that get them: either one clause per account's whole change, grouping
     * accounts whose changes are identical, or one clause per (TRES, value), whichever needs fewer commands.
     */
    static Map<String, Set<String>> limitSettings(List<Change.SetLimits> limits) {
        Map<String, Set<String>> whole = new TreeMap<>();
        Map<String, Set<String>> perValue = new TreeMap<>();
        for (Change.SetLimits set : limits) {
            List<String> tres = set.changedTres().stream()
                    .map(key -> key + "=" + set.to().tres(key))
                    .toList();
            boolean jobs = set.from().grpJobs() != set.to().grpJobs();
            List<String> clause = new ArrayList<>();
            if (!tres.isEmpty()) {
                clause.add("GrpTRES=" + String.join(",", tres));
            }
            if (jobs) {
                clause.add("GrpJobs=" + set.to().grpJobs());
            }
            whole.computeIfAbsent(String.join(" ", clause), k -> new TreeSet<>())
                    .add(set.account());
            tres.forEach(entry -> perValue.computeIfAbsent("GrpTRES=" + entry, k -> new TreeSet<>())
                    .add(set.account()));
            if (jobs) {
                perValue.computeIfAbsent("GrpJobs=" + set.to().grpJobs(), k -> new TreeSet<>())
                        .add(set.account());
            }
        }
        return whole.size() <= perValue.size() ? whole : perValue;
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
        return line.toString();
    }

    /** Flat-file text values are single-quoted and split on ':'; keep only what survives. */
    static String flat(String text) {
        String cleaned = text.replaceAll("[':|\"\\\\\\p{Cntrl}]", " ").strip().replaceAll(" +", " ");
        return cleaned.isEmpty() ? "-" : cleaned;
    }

    private static void modify(List<String> commands, String cluster, Set<String> accounts, String setting) {
        chunks(accounts)
                .forEach(names ->
                        commands.add("modify account where name=" + names + " cluster=" + cluster + " set " + setting));
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
