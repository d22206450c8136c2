package dev.allot.server;

import dev.allot.store.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Problem bodies for the errors Jetty answers itself, before any route runs (malformed or ambiguous URIs, bad
 * headers), so that every error the server sends has the same shape.
 */
final class JettyProblems extends ErrorHandler {
    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ProblemResponses.CONTENT_TYPE);
        response.write(
                true,
                ByteBuffer.wrap(body(code, request.getHttpURI().getPath()).getBytes(StandardCharsets.UTF_8)),
                callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, ProblemResponses.CONTENT_TYPE);
        return ByteBuffer.wrap(body(status, "").getBytes(StandardCharsets.UTF_8));
    }

    private static String body(int status, String path) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://allot.dev/problems/bad-request");
        problem.put("title", status == 400 ? "Bad request" : "Error");
        problem.put("status", status);
        problem.put("code", status == 400 ? "bad-request" : "http-" + status);
        problem.put(
                "detail",
                "The request could not be read (status " + status + "): the URL or a header is"
                        + " malformed. Maybe percent-encode the path and check the headers?");
        problem.put("instance", path == null ? "" : path);
        return Json.write(problem);
    }
}
