package dev.allot.lab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.allot.core.Problem;
import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a lab file so they can be reported at once. */
final class Problems {
    private static final int LONGEST_VALUE = 60;

    private final List<Problem> list = new ArrayList<>();

    void add(String path, String value, String reason, String hint) {
        list.add(new Problem(path, value, reason, hint));
    }

    /** A problem found by a rule in core, placed under {@code parent} (the YAML path of what the rule checked). */
    void add(Problem problem, String parent) {
        list.add(problem.under(parent));
    }

    void add(String path, JsonNode value, String reason, String hint) {
        add(path, asWritten(value), reason, hint);
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    int size() {
        return list.size();
    }

    List<Problem> list() {
        return List.copyOf(list);
    }

    /** A node as the operator wrote it, shortened when it is a large block. */
    static String asWritten(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "";
        }
        String text = node.isValueNode() ? node.asText() : node.toString();
        return text.length() <= LONGEST_VALUE ? text : text.substring(0, LONGEST_VALUE - 3) + "...";
    }
}
