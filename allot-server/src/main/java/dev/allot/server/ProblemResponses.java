package dev.allot.server;

import com.fasterxml.jackson.core.JacksonException;
import dev.allot.core.AllotException;
import dev.allot.core.ErrorCode;
import dev.allot.core.Problem;
import dev.allot.store.Json;
import dev.allot.store.Stale;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 9457 problem details for every failure: a stable code, a title, the detail a person can act on, and each
 * individual problem (field, value, reason, hint). Never a stack trace.
 */
final class ProblemResponses {
    static final String CONTENT_TYPE = "application/problem+json";
    static final String UNAUTHENTICATED = "unauthenticated";
    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

    private ProblemResponses() {}

    static int status(AllotException e) {
        if (Stale.CODE.equals(e.code()) || "precondition-failed".equals(e.code())) {
            return 412;
        }
        if (UNAUTHENTICATED.equals(e.code())) {
            return 401;
        }
        if (ErrorCode.IF_MATCH_REQUIRED.code().equals(e.code())) {
            return 428;
        }
        return switch (e.kind()) {
            case INVALID_INPUT -> e.problems().isEmpty() || "malformed-json".equals(e.code()) ? 400 : 422;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case INFEASIBLE -> 422;
            case FORBIDDEN -> 403;
            case UNAVAILABLE -> 503;
            case INTERNAL -> 500;
        };
    }

    static void allot(AllotException e, Context ctx) {
        int status = status(e);
        if (status >= 500) {
            LOG.error("{} {} failed: {}", ctx.method(), ctx.path(), e.getMessage(), e);
        }
        write(ctx, status, e.code(), e.getMessage(), e.problems());
    }

    static void http(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        String code = switch (status) {
            case 404 -> "route-not-found";
            case 405 -> "method-not-allowed";
            case 413 -> "body-too-large";
            default -> "http-" + status;
        };
        String detail = switch (status) {
            case 404 -> "No route " + ctx.method() + " " + ctx.path() + ". Maybe see /openapi.json for the routes?";
            case 413 -> "The request body is too large. Maybe send less at once?";
            default -> e.getMessage();
        };
        write(ctx, status, code, detail, List.of());
    }

    static void unexpected(Exception e, Context ctx) {
        if (e instanceof JacksonException json) {
            write(
                    ctx,
                    400,
                    "malformed-json",
                    "The request body could not be read: " + json.getOriginalMessage(),
                    List.of());
            return;
        }
        if (e instanceof IllegalArgumentException bad) {
            write(
                    ctx,
                    422,
                    "invalid-value",
                    bad.getMessage() + ". Maybe check the request against /openapi.json?",
                    List.of());
            return;
        }
        LOG.error("{} {} failed unexpectedly", ctx.method(), ctx.path(), e);
        write(
                ctx,
                500,
                "internal",
                "The server failed unexpectedly; the error is logged. Nothing was half-written:"
                        + " every change is one transaction.",
                List.of());
    }

    static void write(Context ctx, int status, String code, String detail, List<Problem> problems) {
        ctx.status(status)
                .contentType(CONTENT_TYPE)
                .result(Json.write(body(status, code, detail, problems, ctx.path())));
    }

    /** The problem body {@code e} would be answered with, for a resource that carries it (a failed solve job). */
    static Map<String, Object> body(AllotException e, String instance) {
        return body(status(e), e.code(), e.getMessage(), e.problems(), instance);
    }

    private static Map<String, Object> body(
            int status, String code, String detail, List<Problem> problems, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://allot.dev/problems/" + code);
        body.put("title", title(status));
        body.put("status", status);
        body.put("code", code);
        body.put("detail", detail);
        body.put("instance", instance);
        if (!problems.isEmpty()) {
            body.put(
                    "problems", problems.stream().map(ProblemResponses::problem).toList());
        }
        return body;
    }

    /** The field as an RFC 6901 JSON pointer into the request body: {@code shareBounds[0].minShare} is {@code /shareBounds/0/minShare}. */
    static String pointer(String path) {
        if (path.isEmpty() || path.equals("body")) {
            return "";
        }
        return "/"
                + path.replace("~", "~0")
                        .replace("/", "~1")
                        .replaceAll("\\[(\\d+)]", ".$1")
                        .replace(".", "/");
    }

    private static Map<String, String> problem(Problem problem) {
        Map<String, String> item = new LinkedHashMap<>();
        if (!problem.code().isEmpty()) {
            item.put("code", problem.code());
        }
        item.put("field", problem.path());
        item.put("pointer", pointer(problem.path()));
        item.put("value", problem.value());
        item.put("reason", problem.reason());
        item.put("hint", problem.hint());
        return item;
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Unauthenticated";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 409 -> "Conflict";
            case 412 -> "Precondition failed";
            case 413 -> "Content too large";
            case 422 -> "Unprocessable content";
            case 428 -> "Precondition required";
            default -> status >= 500 ? "Internal server error" : "Error";
        };
    }
}
