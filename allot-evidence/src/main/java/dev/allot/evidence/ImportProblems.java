package dev.allot.evidence;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one file, so that a person sees them all at once and nothing is half-imported. */
final class ImportProblems {
    private final String source;
    private final List<Problem> problems = new ArrayList<>();

    ImportProblems(String source) {
        this.source = source;
    }

    void add(String path, Object value, String reason, String hint) {
        problems.add(Problem.of(path, value, reason).withHint(hint));
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Throws one exception carrying every problem (the CLI and the API list them), if there is any. */
    void throwIfAny() {
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("Evidence file ")
                .append(source)
                .append(" has ")
                .append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems")
                .append("; nothing was imported.");
        throw new AllotException(
                AllotException.Kind.INVALID_INPUT, "EVIDENCE_INVALID", message.toString(), problems, null);
    }
}
