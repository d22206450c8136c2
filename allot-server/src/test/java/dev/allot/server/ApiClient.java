package dev.allot.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.allot.store.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small HTTP client for the API tests: JSON in, status, headers and JSON out. */
final class ApiClient {
    /** One response. */
    record Reply(int status, String body, java.net.http.HttpHeaders headers) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String code() {
            return json().path("code").asText();
        }
    }

    /** Status of a large upload the server refused by closing the connection before answering. */
    static final int CLOSED = -1;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    ApiClient(int port) {
        this.base = "http://localhost:" + port;
    }

    /**
     * Approves the cycle's draft as {@code decider} and publishes it with a reason for every guard-rail warning, as
     * a decider who read the publish check would. {@code etag} (if not null) names the draft version seen.
     */
    Reply approveAndPublish(String cyclePath, String decider, String note, String etag) {
        Map<String, String> ifMatch = etag == null ? Map.of() : Map.of("If-Match", etag);
        send("POST", cyclePath + "/approvals", decider, null, ifMatch);
        return send("POST", cyclePath + "/publish", decider, publishBody(cyclePath, decider, note), ifMatch);
    }

    /** A publish body with {@code note} and a reason for every guard-rail warning the publish check lists now. */
    String publishBody(String cyclePath, String decider, String note) {
        com.fasterxml.jackson.databind.node.ObjectNode body = Json.mapper().createObjectNode();
        body.put("note", note);
        com.fasterxml.jackson.databind.node.ObjectNode reasons = body.putObject("acknowledgements");
        get(cyclePath + "/publish-check", decider)
                .json()
                .path("warnings")
                .forEach(warning -> reasons.put(warning.path("rule").asText(), "reviewed"));
        return body.toString();
    }

    Reply get(String path, String token) {
        return send("GET", path, token, null, Map.of());
    }

    Reply send(String method, String path, String token, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
            // Large bodies wait for the server's go-ahead, so a refusal (413) arrives before the upload.
            request.expectContinue(body.length() > 65_536);
        }
        headers.forEach(request::setHeader);
        boolean large = body != null && body.length() > 65_536;
        // A refused upload makes the server close that connection; keep it out of the shared pool.
        try (HttpClient once = large ? HttpClient.newHttpClient() : null) {
            HttpResponse<String> response =
                    (large ? once : http).send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            if (large) {
                return new Reply(CLOSED, "", java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true));
            }
            return retryOnFreshConnection(request, method, path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * A pooled connection the server closed after refusing a previous request (a 413 closes it) fails the next send
     * with an I/O error before the server sees it; one retry on a fresh connection tells that apart from a real drop.
     */
    private Reply retryOnFreshConnection(HttpRequest.Builder request, String method, String path, IOException first) {
        try (HttpClient fresh =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = fresh.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            e.addSuppressed(first);
            throw new AssertionError(method + " " + path + " failed twice: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
