package dev.allot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.allot.store.Role;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Reads the server's own OpenAPI document and sends every operation in it malformed requests, as each role and
 * without a token: bodies built from the operation's schema with one field of the wrong type, missing, huge, full of
 * control characters or nested thousands deep; bodies that are not JSON or are labelled as something else; bogus path
 * ids and query values. Every answer must be a documented status of that operation, never a 5xx, never name a Java
 * class or show a stack trace; every error is a problem body, and a 422 names the field at fault. Routes added to the
 * document later are fuzzed the same way without touching this test. Seeded: a failure names its seed.
 */
class OpenApiFuzzIT {
    private static final long SEED = 20261206L;
    private static final int CASES_PER_OPERATION_AND_ROLE = 7;
    private static final Pattern JAVA_NAME = Pattern.compile(
            "\\b(?:java|javax|jakarta|org|com|io|dev|tools)\\.[a-z0-9_]+\\.[A-Za-z0-9_.$]+|Exception\\b|\\tat |\\.java:\\d");
    private static final Map<String, String> VALID_IDS = Map.of(
            "cycle", "2026-12",
            "project", "project-0",
            "pool", "east-h100",
            "version", "1",
            "index", "0",
            "id", "0123456789ab");
    private static final List<String> BOGUS_IDS = List.of(
            "..",
            "%00",
            "%1b%5b31m",
            "-1",
            "99999999999999999999",
            "1e309",
            "NaN",
            "%F0%9F%9A%80",
            "x".repeat(300),
            "null",
            "%27%3B%20DROP%20TABLE%20project%3B--",
            "%3Cscript%3E",
            "UPPER_case");
    private static final List<String> JUNK_BODIES =
            List.of("", "null", "[]", "42", "\"text\"", "{", "}", "{\"a\":}", "<xml/>", "\u0000", "true", "[{}]");
    private static final Map<String, String> HEADERS_NONE = Map.of();

    @Test
    void everyDocumentedOperationSurvivesMalformedRequestsFromEveryRole() {
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int sent = 0;
        int validation = 0;
        int operations = 0;
        try (TestServer server = new TestServer(3)) {
            JsonNode document = server.client.get("/openapi.json", null).json();
            for (Iterator<Map.Entry<String, JsonNode>> paths =
                            document.path("paths").fields();
                    paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    String method = op.getKey().toUpperCase(Locale.ROOT);
                    JsonNode operation = op.getValue();
                    operations++;
                    long began = System.nanoTime();
                    for (Role role : roles()) {
                        for (int i = 0; i < CASES_PER_OPERATION_AND_ROLE; i++) {
                            Request request = request(document, path.getKey(), operation, random, i);
                            ApiClient.Reply reply = server.client.send(
                                    method,
                                    request.url(),
                                    role == null ? null : server.token(role),
                                    request.body(),
                                    request.headers());
                            sent++;
                            if (reply.status() == 422) {
                                validation++;
                            }
                            String problem = check(document, operation, reply);
                            if (problem != null) {
                                failures.add(method + " " + request.url() + " as "
                                        + (role == null ? "nobody" : role.label()) + " body "
                                        + shorten(request.body()) + " " + request.headers() + ": " + problem);
                            }
                        }
                    }
                    long millis = (System.nanoTime() - began) / 1_000_000;
                    if (millis > 2_000) {
                        System.out.println("fuzz: " + method + " " + path.getKey() + " took " + millis + " ms");
                    }
                }
            }
        }
        System.out.println(
                "fuzz: " + sent + " requests, " + validation + " answered 422, " + failures.size() + " failures");
        failures.stream().limit(60).forEach(failure -> System.out.println("fuzz failure: " + failure));
        assertThat(failures).as("seed " + SEED).isEmpty();
        assertThat(operations).isGreaterThan(60);
        assertThat(sent).isBetween(2_500, 6_000);
        assertThat(validation).as("requests that reached validation").isGreaterThan(150);
    }

    /** Every role, and no token at all (null). */
    private static List<Role> roles() {
        List<Role> roles = new ArrayList<>(List.of(Role.values()));
        roles.add(null);
        return roles;
    }

    private record Request(String url, String body, Map<String, String> headers) {}

    private static Request request(JsonNode document, String template, JsonNode operation, Random random, int i) {
        String url = template;
        for (JsonNode parameter : operation.path("parameters")) {
            if (!parameter.path("in").asText().equals("path")) {
                continue;
            }
            String name = parameter.path("name").asText();
            String value = i % 3 == 2 || !VALID_IDS.containsKey(name)
                    ? BOGUS_IDS.get(random.nextInt(BOGUS_IDS.size()))
                    : VALID_IDS.get(name);
            url = url.replace("{" + name + "}", value);
        }
        List<String> query = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("in").asText().equals("query") && random.nextBoolean()) {
                query.add(parameter.path("name").asText() + "=" + BOGUS_IDS.get(random.nextInt(BOGUS_IDS.size())));
            }
        }
        if (!query.isEmpty()) {
            url += "?" + String.join("&", query);
        }
        JsonNode schema =
                SchemaConformance.resolve(document, operation.at("/requestBody/content/application~1json/schema"));
        int kind = random.nextInt(10);
        if (schema.isMissingNode() && kind < 6) {
            kind = 6 + random.nextInt(4);
        }
        return switch (kind) {
            case 0, 1, 2 -> new Request(url, wrongField(document, schema, random), HEADERS_NONE);
            case 3 -> new Request(url, missingRequired(document, schema, random), HEADERS_NONE);
            case 4 ->
                new Request(
                        url,
                        plausible(document, schema, random).toString(),
                        Map.of("Content-Type", random.nextBoolean() ? "text/plain" : "application/xml"));
            case 5 -> new Request(url, nested(document, schema, random), HEADERS_NONE);
            case 6 -> new Request(url, JUNK_BODIES.get(random.nextInt(JUNK_BODIES.size())), HEADERS_NONE);
            case 7 -> new Request(url, "[".repeat(5_000 + random.nextInt(5_000)), HEADERS_NONE);
            case 8 -> new Request(url, null, HEADERS_NONE);
            default ->
                new Request(
                        url,
                        "{\"x\": " + "{\"x\": ".repeat(2_000) + "1" + "}".repeat(2_001),
                        Map.of("Content-Type", "application/json; charset=utf-16"));
        };
    }

    /** A body of the schema's shape with one property of another type, huge, or full of control characters. */
    private static String wrongField(JsonNode document, JsonNode schema, Random random) {
        ObjectNode body = plausible(document, schema, random);
        List<String> names = names(schema);
        if (names.isEmpty()) {
            return body.toString();
        }
        String name = names.get(random.nextInt(names.size()));
        JsonNodeFactory f = JsonNodeFactory.instance;
        JsonNode value = switch (random.nextInt(9)) {
            case 0 ->
                f.textNode("not a "
                        + SchemaConformance.resolve(
                                        document, schema.path("properties").path(name))
                                .path("type"));
            case 1 -> f.numberNode(1e308);
            case 2 -> f.numberNode(new java.math.BigInteger("-" + "9".repeat(40)));
            case 3 -> f.textNode("a\u0000b\u001b[31m\u0007");
            case 4 -> f.booleanNode(true);
            case 5 -> f.arrayNode().add(f.objectNode()).add(f.nullNode());
            case 6 -> f.objectNode().put("nested", "\u0000");
            case 7 -> f.nullNode();
            default -> f.textNode("x".repeat(20_000));
        };
        body.set(name, value);
        return body.toString();
    }

    private static String missingRequired(JsonNode document, JsonNode schema, Random random) {
        ObjectNode body = plausible(document, schema, random);
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        if (required.isEmpty()) {
            body.removeAll();
        } else {
            body.remove(required.get(random.nextInt(required.size())));
        }
        return body.toString();
    }

    private static String nested(JsonNode document, JsonNode schema, Random random) {
        List<String> names = names(schema);
        String name = names.isEmpty() ? "x" : names.get(random.nextInt(names.size()));
        int depth = 1_000 + random.nextInt(4_000);
        return "{\"" + name + "\": " + "[".repeat(depth) + "]".repeat(depth) + "}";
    }

    /** Every property the schema names, each with a value of its type (not necessarily a valid one). */
    private static ObjectNode plausible(JsonNode document, JsonNode schema, Random random) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        for (String name : names(schema)) {
            JsonNode property = SchemaConformance.resolve(
                    document, schema.path("properties").path(name));
            JsonNodeFactory f = JsonNodeFactory.instance;
            JsonNode value = switch (property.path("type").asText("")) {
                case "integer" -> f.numberNode(random.nextInt(100));
                case "number" -> f.numberNode(random.nextDouble());
                case "boolean" -> f.booleanNode(random.nextBoolean());
                case "array" -> f.arrayNode();
                case "object" -> f.objectNode();
                default ->
                    property.has("enum")
                            ? property.path("enum")
                                    .get(random.nextInt(property.path("enum").size()))
                            : f.textNode(
                                    name.toLowerCase(Locale.ROOT).contains("date")
                                                    || name.equals("from")
                                                    || name.equals("until")
                                                    || name.equals("start")
                                            ? "2027-01-15"
                                            : "x" + random.nextInt(3));
            };
            body.set(name, value);
        }
        return body;
    }

    private static List<String> names(JsonNode schema) {
        List<String> names = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Null when the reply keeps every promise, else what it broke. */
    private static String check(JsonNode document, JsonNode operation, ApiClient.Reply reply) {
        if (reply.status() == ApiClient.CLOSED) {
            return null;
        }
        if (reply.status() >= 500) {
            return reply.status() + " " + shorten(reply.body());
        }
        if (!operation.path("responses").has(String.valueOf(reply.status()))) {
            return "undocumented status " + reply.status() + " (documented: "
                    + operation.path("responses").properties().stream()
                            .map(Map.Entry::getKey)
                            .toList()
                    + ") " + shorten(reply.body());
        }
        if (JAVA_NAME.matcher(reply.body()).find()) {
            return "Java name or stack trace in the body: " + shorten(reply.body());
        }
        if (reply.status() < 400) {
            JsonNode schema = operation.at("/responses/" + reply.status() + "/content/application~1json/schema");
            if (schema.isMissingNode() || reply.body().isEmpty()) {
                return null;
            }
            List<String> mismatches = new ArrayList<>();
            SchemaConformance.conform(document, schema, reply.json(), "body", mismatches);
            return mismatches.isEmpty() ? null : "body does not match its schema: " + mismatches;
        }
        String type = reply.header("Content-Type");
        if (type == null || !type.startsWith(ProblemResponses.CONTENT_TYPE)) {
            return "error without a problem body: " + type;
        }
        JsonNode json = reply.json();
        if (json.path("code").asText().isEmpty()
                || json.path("detail").asText().isEmpty()
                || json.path("status").asInt() != reply.status()) {
            return "problem without code, detail or status: " + shorten(reply.body());
        }
        if (reply.status() == 422) {
            JsonNode problems = json.path("problems");
            boolean named = problems.isArray()
                    && !problems.isEmpty()
                    && problems.findValuesAsText("field").stream().noneMatch(String::isEmpty);
            if (!named) {
                return "a 422 that names no field: " + shorten(reply.body());
            }
        }
        return null;
    }

    private static String shorten(String text) {
        if (text == null) {
            return "none";
        }
        String printable = URLEncoder.encode(
                        text.length() > 160 ? text.substring(0, 160) + "..." : text, StandardCharsets.UTF_8)
                .replace("+", " ")
                .replace("%22", "\"")
                .replace("%3A", ":")
                .replace("%2C", ",")
                .replace("%7B", "{")
                .replace("%7D", "}");
        return printable;
    }
}
