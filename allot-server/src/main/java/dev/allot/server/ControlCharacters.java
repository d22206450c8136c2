package dev.allot.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import dev.allot.core.Problem;
import dev.allot.store.Json;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Refuses text with control characters (NUL, escape, ...) in a JSON body or a form field, naming each field: no
 * database, template or log should meet them. Tab, line feed and carriage return stay allowed (justifications are
 * multi-line).
 */
final class ControlCharacters {
    /** A raw control byte, or a JSON escape of one: the cheap test that skips parsing for ordinary bodies. */
    private static final Pattern SUSPECT =
            Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]|\\\\u00[01][0-9A-Fa-f]|\\\\u007[Ff]");

    private ControlCharacters() {}

    static void refuse(Context ctx) {
        List<Problem> problems = new ArrayList<>();
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        if (type.startsWith("application/x-www-form-urlencoded") || ctx.isMultipartFormData()) {
            for (Map.Entry<String, List<String>> field : ctx.formParamMap().entrySet()) {
                for (String value : field.getValue()) {
                    check(field.getKey(), value, problems);
                }
            }
        } else {
            String body = new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8);
            if (SUSPECT.matcher(body).find()) {
                try {
                    walk("", Json.mapper().readTree(body), problems);
                } catch (java.io.IOException | RuntimeException malformed) {
                    problems.add(problem("body", body));
                }
            }
        }
        if (!problems.isEmpty()) {
            Problem first = problems.get(0);
            throw new AllotException(
                    Kind.INVALID_INPUT,
                    "control-character",
                    first.path() + ": " + first.reason() + ". " + first.hint()
                            + (problems.size() > 1 ? " (" + problems.size() + " fields)" : ""),
                    problems,
                    null);
        }
    }

    private static void walk(String path, JsonNode node, List<Problem> problems) {
        if (node.isTextual()) {
            check(path.isEmpty() ? "body" : path, node.textValue(), problems);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(path + "[" + i + "]", node.get(i), problems);
            }
        } else if (node.isObject()) {
            var fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                check(child, field.getKey(), problems);
                walk(child, field.getValue(), problems);
            }
        }
    }

    private static void check(String field, String value, List<Problem> problems) {
        if (value != null && value.chars().anyMatch(ControlCharacters::forbidden)) {
            problems.add(problem(field, value));
        }
    }

    private static Problem problem(String field, String value) {
        int at = 0;
        while (at < value.length() && !forbidden(value.charAt(at))) {
            at++;
        }
        String code = at < value.length() ? String.format("U+%04X", (int) value.charAt(at)) : "a control character";
        return new Problem(
                Requests.shorten(field),
                Requests.shorten(value.replaceAll("\\p{Cntrl}", "?")),
                "contains the control character " + code + " at position " + at,
                "Maybe remove it? Only tab and line breaks are allowed in text.");
    }

    private static boolean forbidden(int c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
    }
}
