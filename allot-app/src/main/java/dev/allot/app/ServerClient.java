package dev.allot.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import dev.allot.core.Problem;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A running Allot server as the command line reaches it ({@code --server URL --token-file FILE}): GETs and POSTs with
 * the token, and the server's RFC 9457 problems turned back into the same one-line messages and exit codes a local
 * run gives.
 */
final class ServerClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT = Duration.ofSeconds(5);
    private static final Duration REQUEST = Duration.ofSeconds(60);

    /** A 2xx answer: its body and headers. */
    record Reply(String body, Map<String, List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream())
                    .findFirst()
                    .orElse(null);
        }
    }

    private final URI base;
    private final String token;
    private final HttpClient http;

    private ServerClient(URI base, String token) {
        this.base = base;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT).build();
    }

    /** Checks the URL and reads the token file (first line, trimmed). */
    static ServerClient of(String url, Path tokenFile) {
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null
                || uri.getHost() == null
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw AllotException.invalid(
                    "BAD_FLAG",
                    "Flag --server '" + url + "' is not an http(s) URL. Maybe --server http://localhost:8080?");
        }
        if (tokenFile == null) {
            throw AllotException.invalid(
                    "BAD_FLAG",
                    "Flag --server needs --token-file FILE holding an API token. Maybe 'allot token create"
                            + " --user ops --role decider > ops.token'?");
        }
        String token = Cli.read(tokenFile, "Token file").strip();
        if (token.isEmpty() || token.contains("\n")) {
            throw AllotException.invalid(
                    "BAD_FLAG",
                    "Token file " + tokenFile + " must hold one API token on one line. Maybe write only the token?");
        }
        return new ServerClient(uri, token);
    }

    /** The path with each {@code {}} replaced by the URL-encoded argument. */
    static String path(String template, String... parts) {
        String path = template;
        for (String part : parts) {
            path = path.replaceFirst("\\{}", URLEncoder.encode(part, StandardCharsets.UTF_8));
        }
        return path;
    }

    Reply get(String path, String accept) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Accept", accept)
                .GET());
    }

    Reply post(String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(base.resolve(path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return base.toString();
    }

    private Reply send(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(
                    request.timeout(REQUEST)
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AllotException(
                    Kind.UNAVAILABLE,
                    "server-unreachable",
                    "The Allot server at " + base + " did not answer: " + e
                            + ". Maybe check --server, or that 'allot serve' runs?",
                    List.of(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AllotException(
                    Kind.UNAVAILABLE, "server-unreachable", "Interrupted while asking " + base, List.of(), e);
        }
        if (response.statusCode() / 100 == 2) {
            return new Reply(response.body(), response.headers().map());
        }
        throw problem(response.statusCode(), response.body());
    }

    /** The server's problem as the exception a local run would have thrown. */
    private AllotException problem(int status, String body) {
        JsonNode problem;
        try {
            problem = JSON.readTree(body);
        } catch (IOException e) {
            problem = null;
        }
        if (problem == null || !problem.isObject() || !problem.hasNonNull("detail")) {
            String shown = body == null ? "" : body.strip();
            return new AllotException(
                    kind(status),
                    "server-refused",
                    "The Allot server at " + base + " answered " + status
                            + (shown.isEmpty() ? "" : ": " + (shown.length() > 200 ? shown.substring(0, 200) : shown))
                            + ". Maybe check --token-file and the token's role?",
                    List.of(),
                    null);
        }
        List<Problem> problems = new ArrayList<>();
        problem.path("problems")
                .forEach(item -> problems.add(new Problem(
                        item.path("code").asText(""),
                        item.path("field").asText(""),
                        item.path("value").asText(""),
                        item.path("reason").asText(""),
                        item.path("hint").asText(""))));
        String code = problem.path("code").asText("server-refused");
        return new AllotException(kind(status), code, problem.path("detail").asText(), problems, null);
    }

    private static Kind kind(int status) {
        return switch (status) {
            case 400, 422 -> Kind.INVALID_INPUT;
            case 401, 403 -> Kind.FORBIDDEN;
            case 404 -> Kind.NOT_FOUND;
            case 409, 412 -> Kind.CONFLICT;
            case 502, 503, 504 -> Kind.UNAVAILABLE;
            default -> Kind.INTERNAL;
        };
    }
}
