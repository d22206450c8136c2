package dev.allot.slurm;

import dev.allot.core.AllotException;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Parses {@code scontrol show reservation --oneliner} (with {@code SLURM_TIME_FORMAT=standard}): one reservation per
 * line, {@code Key=Value} fields separated by blanks; {@code No reservations in the system} when there is none.
 */
public final class ReservationParser {
    private static final String HINT =
            "Maybe the Slurm version prints another format; run 'scontrol show reservation -o' by hand to compare.";

    private ReservationParser() {}

    public static List<LiveReservation> parse(String text) {
        List<LiveReservation> reservations = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int index = 0; index < lines.length; index++) {
            String line = lines[index].strip();
            if (line.isEmpty() || line.startsWith("No reservations")) {
                continue;
            }
            Map<String, String> fields = fields(line);
            if (!fields.containsKey("ReservationName")) {
                throw malformed(index + 1, line, "has no ReservationName");
            }
            reservations.add(new LiveReservation(
                    fields.get("ReservationName"),
                    new TreeSet<>(list(fields.getOrDefault("Accounts", ""))),
                    count(fields.getOrDefault("NodeCnt", "0"), index + 1, line),
                    nullable(fields.getOrDefault("Features", "")),
                    time(fields.get("StartTime"), "StartTime", index + 1, line),
                    time(fields.get("EndTime"), "EndTime", index + 1, line),
                    fields.getOrDefault("State", "")));
        }
        return reservations;
    }

    /** {@code Key=Value} pairs; a value runs to the next blank. */
    static Map<String, String> fields(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : line.split("\\s+")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                fields.put(part.substring(0, equals), part.substring(equals + 1));
            }
        }
        return fields;
    }

    private static String nullable(String value) {
        return value.equals("(null)") ? "" : value;
    }

    private static List<String> list(String value) {
        return Arrays.stream(nullable(value).split(","))
                .map(String::strip)
                .filter(part -> !part.isEmpty())
                .toList();
    }

    private static int count(String value, int number, String line) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw malformed(number, line, "has NodeCnt '" + value + "', which is not a whole number");
        }
    }

    private static LocalDateTime time(String value, String field, int number, String line) {
        if (value == null) {
            throw malformed(number, line, "has no " + field);
        }
        try {
            return LocalDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw malformed(number, line, "has " + field + " '" + value + "', not yyyy-MM-ddTHH:mm:ss");
        }
    }

    private static AllotException malformed(int number, String line, String reason) {
        return new AllotException(
                AllotException.Kind.INTERNAL,
                "slurm.scontrol.output",
                "scontrol output line " + number + " " + reason + ": '" + line + "'. " + HINT,
                List.of(),
                null);
    }
}
