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

    private LiveStateParser() {}

    public static LiveState parse(String cluster, String text) {
        Map<String, Builder> accounts = new TreeMap<>();
        for (ParsableOutput.Line line : ParsableOutput.lines(text, 7, "sacctmgr", REQUIRED, HINT)) {
            if (!line.field(0).equalsIgnoreCase(cluster)) {
                continue;
            }
            Builder builder = accounts.computeIfAbsent(line.field(1), Builder::new);
            if (line.field(2).isEmpty()) {
                builder.parent = line.field(3);
                builder.grpTres = parseTres(line, 4, "GrpTRES");
                // older output (and hand-written fixtures) may stop before grptresmins
                builder.grpTresMins = line.fields().length > 7 ? parseTres(line, 7, "GrpTRESMins") : Map.of();
                builder.grpJobs = parseCount(line.field(5), line, "GrpJobs");
                builder.qos.addAll(list(line.field(6)));
            } else {
                builder.users.add(line.field(2));
            }
        }
        Map<String, LiveState.Account> result = new TreeMap<>();
        accounts.forEach((name, builder) -> result.put(name, builder.build()));
        return new LiveState(cluster, result, Map.of());
    }

    /** Parses {@code sacctmgr -n -P show user format=user,defaultaccount}: user to default account. */
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
