package dev.allot.core;

import java.util.List;
import java.util.Objects;

/**
 * The one exception type Allot throws on purpose. It carries a stable {@link #code() code} (registered in
 * {@link ErrorCode}) that tools can
 * match on, a {@link Kind kind} that the web layer maps to an HTTP status and the CLI to an exit code, and a
 * message a person can act on ("what, which value, why, maybe how to fix it").
 */
public final class AllotException extends RuntimeException {
    /** What sort of failure this is; decides HTTP status and CLI exit code. */
    public enum Kind {
        INVALID_INPUT,
        NOT_FOUND,
        CONFLICT,
        INFEASIBLE,
        FORBIDDEN,
        /** A system Allot talks to (scheduler daemons, the Kubernetes API, a tool) is down or unreachable. */
        UNAVAILABLE,
        INTERNAL
    }

    private final String code;
    private final Kind kind;
    private final List<Problem> problems;

    public AllotException(Kind kind, String code, String message) {
        this(kind, code, message, List.of(), null);
    }

    public AllotException(Kind kind, String code, String message, List<Problem> problems, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.code = Objects.requireNonNull(code, "code");
        this.problems = List.copyOf(problems);
    }

    /** A registered error: its code and kind come from the registry; the message names the actual values. */
    public AllotException(ErrorCode code, String message) {
        this(code.kind(), code.code(), message, List.of(), null);
    }

    public AllotException(ErrorCode code, String message, List<Problem> problems, Throwable cause) {
        this(code.kind(), code.code(), message, problems, cause);
    }

    /** Every problem of one input at once ({@link ErrorCode#VALIDATION_FAILED}), the message listing them all. */
    public static AllotException validationFailed(List<Problem> problems) {
        return new AllotException(
                ErrorCode.VALIDATION_FAILED,
                String.join("; ", problems.stream().map(Problem::describe).toList()),
                List.copyOf(problems),
                null);
    }

    public static AllotException invalid(String code, String message) {
        return new AllotException(Kind.INVALID_INPUT, code, message);
    }

    public String code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }

    /** Every individual problem, when the failure is a list of them (validation); otherwise empty. */
    public List<Problem> problems() {
        return problems;
    }
}
