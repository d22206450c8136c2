package dev.allot.slurm;

import dev.allot.core.AllotException;
import java.util.ArrayList;
import java.util.List;

/** Lines of Slurm's {@code -n -P} output: no header, fields separated by {@code |}, one record per line. */
public final class ParsableOutput {
    /**
     * One non-blank line.
     *
     * @param number 1-based line number, for messages
     */
    public record Line(int number, String text, String[] fields) {
        /** Field {@code index}, stripped of surrounding blanks. */
        public String field(int index) {
            return fields[index].strip();
        }

        /** An error that quotes this line, for output the parser cannot read. */
        public AllotException malformed(String tool, String reason, String hint) {
            return new AllotException(
                    AllotException.Kind.INTERNAL,
                    "slurm." + tool + ".output",
                    tool + " output line " + number + " " + reason + ": '" + text + "'. " + hint,
                    List.of(),
                    null);
        }
    }

    private ParsableOutput() {}

    /** Splits the output, failing on a line with fewer than {@code fields} fields (named by {@code format}). */
    public static List<Line> lines(String text, int fields, String tool, String format, String hint) {
        List<Line> lines = new ArrayList<>();
        String[] raw = text.split("\\R");
        for (int index = 0; index < raw.length; index++) {
            String line = raw[index].strip();
            if (line.isEmpty()) {
                continue;
            }
            Line parsed = new Line(index + 1, line, line.split("\\|", -1));
            if (parsed.fields().length < fields) {
                throw parsed.malformed(
                        tool,
                        "has " + parsed.fields().length + " fields, expected " + fields + " (" + format + ")",
                        hint);
            }
            lines.add(parsed);
        }
        return lines;
    }
}
