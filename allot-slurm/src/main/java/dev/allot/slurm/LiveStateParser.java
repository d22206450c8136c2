package dev.allot.slurm;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Parses {@code sacctmgr -n -P show assoc where cluster=C format=}{@value #FORMAT}: one line per association,
 * fields separated by {@code |}; account associations have an empty user field.
 */
public final class LiveStateParser {
    /** The {@code format=} the parser expects, in this order. */
    public static final String FORMAT = "cluster,account,user,parentname,grptres,grpjobs,qos,grptresmins";

    /** The fields every line must have; {@code grptresmins} may be missing in older output. */
    private static final String REQUIRED = "cluster,account,user,parentname,grptres,grpjobs,qos[,grptresmins]";

    private static final String HINT =
            "Maybe the Slurm version prints another format; run the same sacctmgr command" + " by hand to compare.";

    /**
     * The {@code format=} of the fast tree read ({@code show assoc where cluster=C wopinfo}): without parent
     * information slurmdbd answers from one query instead of two per association (for 300 accounts and 600 users,
     * about 0.01 s of database time instead of 0.9 s), so the parent comes from the nested-set bounds {@code lft} and
     * {@code rgt}, and {@code qos} is the account's own (set or added), not what it inherits.
     */
    public static final String TREE_FORMAT = "cluster,account,user,lft,rgt,grptres,grpjobs,qos,grptresmins";

    private LiveStateParser() {}

    /**
     * Parses {@code sacctmgr -n -P show assoc where cluster=C wopinfo format=}{@value #TREE_FORMAT}: each account's
     * parent is the account whose {@code lft..rgt} bounds most closely enclose its own.
     */
    public static LiveState parseTree(String cluster, String text) {
        List<ParsableOutput.Line> lines =
                ofCluster(cluster, ParsableOutput.lines(text, 9, "sacctmgr", TREE_FORMAT, HINT));
        List<ParsableOutput.Line> accounts = lines.stream()
                .filter(line -> line.field(2).isEmpty())
                .sorted(java.util.Comparator.comparingLong(line -> bound(line, 3, "lft")))
                .toList();
        Map<String, String> parents = new TreeMap<>();
        java.util.Deque<ParsableOutput.Line> enclosing = new java.util.ArrayDeque<>();
        for (ParsableOutput.Line line : accounts) {
            long lft = bound(line, 3, "lft");
            while (!enclosing.isEmpty() && bound(enclosing.peek(), 4, "rgt") < lft) {
                enclosing.pop();
            }
            parents.put(
                    line.field(1), enclosing.isEmpty() ? "" : enclosing.peek().field(1));
            enclosing.push(line);
        }
        return tree(cluster, lines, line -> parents.get(line.field(1)), 5);
    }

    private static long bound(ParsableOutput.Line line, int field, String name) {
        long value = parseCount(line.field(field), line, name);
        if (value < 0) {
            throw line.malformed("sacctmgr", "has no " + name, HINT);
        }
        return value;
    }

    public static LiveState parse(String cluster, String text) {
        return tree(
                cluster,
                ofCluster(cluster, ParsableOutput.lines(text, 7, "sacctmgr", REQUIRED, HINT)),
                line -> line.field(3),
                4);
    }

    /** The lines of {@code cluster} (the first field), in case sacctmgr printed other clusters' too. */
    private static List<ParsableOutput.Line> ofCluster(String cluster, List<ParsableOutput.Line> lines) {
        return lines.stream()
                .filter(line -> line.field(0).equalsIgnoreCase(cluster))
                .toList();
    }

    /**
     * The accounts of lines of one cluster.
     *
     * @param parentOf the parent of an account's line
     * @param limits index of {@code grptres}, followed by {@code grpjobs}, {@code qos} and (maybe) {@code grptresmins}
     */
    private static LiveState tree(
            String cluster,
            List<ParsableOutput.Line> lines,
            java.util.function.Function<ParsableOutput.Line, String> parentOf,
            int limits) {
        Map<String, Builder> accounts = new TreeMap<>();
        for (ParsableOutput.Line line : lines) {
            Builder builder = accounts.computeIfAbsent(line.field(1), Builder::new);
            if (line.field(2).isEmpty()) {
                builder.parent = parentOf.apply(line);
                builder.grpTres = parseTres(line, limits, "GrpTRES");
                // older output (and hand-written fixtures) may stop before grptresmins
                builder.grpTresMins =
                        line.fields().length > limits + 3 ? parseTres(line, limits + 3, "GrpTRESMins") : Map.of();
                builder.grpJobs = parseCount(line.field(limits + 1), line, "GrpJobs");
                builder.qos.addAll(list(line.field(limits + 2)));
            } else {
                builder.users.add(line.field(2));
            }
        }
        Map<String, LiveState.Account> result = new TreeMap<>();
        accounts.forEach((name, builder) -> result.put(name, builder.build()));
        return new LiveState(cluster, result, Map.of());
    }

    /**
     * Parses {@code sacctmgr -n -P show user format=user,defaultaccount} or {@code show assoc where cluster=C wopinfo
     * onlydefaults format=user,account}: user to default account.
     */
    public static Map<String, String> parseDefaultAccounts(String text) {
        Map<String, String> defaults = new TreeMap<>();
        for (ParsableOutput.Line line : ParsableOutput.lines(text, 2, "sacctmgr", "user,defaultaccount", HINT)) {
            if (!line.field(1).isEmpty()) {
                defaults.put(line.field(0), line.field(1));
            }
        }
        return defaults;
    }

    /** {@code gres/gpu:h100=4,gres/gpu=4} to a map; TRES names keep their case, values must be whole numbers. */
    private static Map<String, Long> parseTres(ParsableOutput.Line line, int field, String name) {
        Map<String, Long> tres = new TreeMap<>();
        for (String entry : list(line.field(field))) {
            int equals = entry.lastIndexOf('=');
            if (equals <= 0) {
                throw line.malformed(
                        "sacctmgr", "has a " + name + " entry '" + entry + "' without '<tres>=<count>'", HINT);
            }
            tres.put(entry.substring(0, equals), parseCount(entry.substring(equals + 1), line, name));
        }
        return tres;
    }

    private static long parseCount(String text, ParsableOutput.Line line, String field) {
        if (text.isEmpty()) {
            return AccountLimits.NO_LIMIT;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw line.malformed("sacctmgr", "has " + field + " '" + text + "', which is not a whole number", HINT);
        }
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(","))
                .map(String::strip)
                .filter(part -> !part.isEmpty())
                .toList();
    }

    private static final class Builder {
        final String name;
        String parent = "";
        Map<String, Long> grpTres = Map.of();
        Map<String, Long> grpTresMins = Map.of();
        long grpJobs = AccountLimits.NO_LIMIT;
        final SortedSet<String> users = new TreeSet<>();
        final SortedSet<String> qos = new TreeSet<>();

        Builder(String name) {
            this.name = name;
        }

        LiveState.Account build() {
            return new LiveState.Account(name, parent, new AccountLimits(grpTres, grpJobs, grpTresMins), users, qos);
        }
    }
}
