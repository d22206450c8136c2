package dev.allot.sim.trace;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects every bad row of a trace so the whole file's problems are reported at once, with a summary by reason,
 * instead of stopping at the first one.
 */
final class TraceProblems {
    /** Problems kept in full; beyond this only counts are kept so a broken million-row file stays cheap. */
    private static final int KEPT = 200;
    /** Problems spelled out in the message (all kept ones travel with the exception). */
    private static final int LISTED = 20;

    private final String source;
    private final List<Problem> kept = new ArrayList<>();
    private final Map<String, Integer> countByField = new TreeMap<>();
    private int total;
    private int rows;
    private int badRows;
    private String lastBadLocation = "";

    TraceProblems(String source) {
        this.source = source;
    }

    void countRow() {
        rows++;
    }

    /** Records one problem on a line; {@code field} names the column. */
    void add(String sourceName, long line, String field, Object value, String reason, String hint) {
        total++;
        countByField.merge(field, 1, Integer::sum);
        String location = sourceName + ":" + line;
        if (!location.equals(lastBadLocation)) {
            badRows++;
            lastBadLocation = location;
        }
        if (kept.size() < KEPT) {
            kept.add(Problem.of(location + " " + field, value, reason).withHint(hint));
        }
    }

    /** Records a problem that belongs to no row (the header, a column mapping). */
    void add(Problem problem) {
        total++;
        countByField.merge(problem.path().replaceFirst(".* ", ""), 1, Integer::sum);
        if (kept.size() < KEPT) {
            kept.add(problem);
        }
    }

    boolean isEmpty() {
        return total == 0;
    }

    /** Throws one exception listing all problems, when there are any. */
    void throwIfAny() {
        if (total == 0) {
            return;
        }
        StringBuilder message = new StringBuilder("Trace ")
                .append(source)
                .append(" has ")
                .append(total)
                .append(total == 1 ? " problem" : " problems")
                .append(" in ")
                .append(badRows)
                .append(" of ")
                .append(rows)
                .append(" rows (by column: ");
        StringBuilder counts = new StringBuilder();
        countByField.forEach((field, count) -> counts.append(counts.isEmpty() ? "" : ", ")
                .append(field)
                .append(' ')
                .append(count));
        message.append(counts).append(")");
        int listed = Math.min(LISTED, kept.size());
        for (int i = 0; i < listed; i++) {
            message.append(i == 0 ? ": " : "; ").append(kept.get(i).describe());
        }
        if (total > listed) {
            message.append(" (").append(total - listed).append(" more not listed)");
        }
        throw new AllotException(AllotException.Kind.INVALID_INPUT, "trace.invalid", message.toString(), kept, null);
    }
}
