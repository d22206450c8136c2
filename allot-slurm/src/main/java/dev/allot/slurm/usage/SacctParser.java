package dev.allot.slurm.usage;

import dev.allot.slurm.ParsableOutput;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Parses {@code sacct -a -X -n -P -o }{@value #FORMAT}. */
public final class SacctParser {
    /** The {@code -o} fields the parser expects, in this order. */
    public static final String FORMAT = "jobid,account,state,start,end,alloctres";

    private static final String HINT = "Maybe SLURM_TIME_FORMAT is set to something else than 'standard'?";

    private SacctParser() {}

    public static List<JobRecord> parse(String text) {
        List<JobRecord> jobs = new ArrayList<>();
        for (ParsableOutput.Line line : ParsableOutput.lines(text, 6, "sacct", FORMAT, HINT)) {
            jobs.add(new JobRecord(
                    line.field(0),
                    line.field(1),
                    line.field(2),
                    time(line.field(3), line),
                    time(line.field(4), line),
                    gpus(line.field(5), line)));
        }
        return jobs;
    }

    /** {@code billing=1,cpu=1,gres/gpu:h100=2,gres/gpu=2,node=1}: typed GPU counts, plus untyped ones beyond them. */
    static Map<String, Integer> gpus(String allocTres, ParsableOutput.Line line) {
        Map<String, Integer> typed = new TreeMap<>();
        int untyped = 0;
        for (String entry : allocTres.split(",")) {
            int equals = entry.lastIndexOf('=');
            if (equals < 0 || !entry.startsWith("gres/gpu")) {
                continue;
            }
            int count = count(entry.substring(equals + 1), line);
            String key = entry.substring(0, equals);
            if (key.equals("gres/gpu")) {
                untyped = count;
            } else if (key.startsWith("gres/gpu:")) {
                typed.merge(key.substring("gres/gpu:".length()), count, Integer::sum);
            }
        }
        int typedTotal = typed.values().stream().mapToInt(Integer::intValue).sum();
        if (untyped > typedTotal) {
            typed.put("", untyped - typedTotal);
        }
        return typed;
    }

    private static int count(String text, ParsableOutput.Line line) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw line.malformed("sacct", "has a GPU count '" + text + "' that is not a whole number", HINT);
        }
    }

    private static Optional<LocalDateTime> time(String value, ParsableOutput.Line line) {
        if (value.isEmpty() || value.equals("Unknown") || value.equals("None")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(value));
        } catch (DateTimeParseException e) {
            throw line.malformed("sacct", "has a time '" + value + "' that is not yyyy-MM-ddTHH:mm:ss", HINT);
        }
    }
}
