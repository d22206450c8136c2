package dev.allot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.allot.store.Json;
import dev.allot.store.Role;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Throws a few thousand malformed and hostile bodies and path parameters at every route and checks that the server
 * never answers 500 and that every error is a problem body without a stack trace. Seeded: a failure names its seed.
 */
class FuzzIT {
    private static final long SEED = 20261201L;
    private static final int BODIES_PER_ROUTE = 80;
    private static final List<String> FIELDS = List.of(
            "id",
            "name",
            "category",
            "lead",
            "members",
            "status",
            "floorGpus",
            "targetGpus",
            "ceilingGpus",
            "gpuTypes",
            "speedFactors",
            "justification",
            "evidence",
            "links",
            "evalResults",
            "scalingCurve",
            "gpus",
            "metric",
            "score",
            "comment",
            "reason",
            "action",
            "reserveFraction",
            "reserveGpus",
            "shareBounds",
            "minShare",
            "maxShare",
            "relations",
            "left",
            "right",
            "factor",
            "maxChangeFraction",
            "granularity",
            "yieldNoticeDays",
            "start",
            "policy",
            "to",
            "days",
            "project",
            "gpuType",
            "day",
            "gpuHours",
            "user",
            "role",
            "label",
            "note",
            "H100");
    private static final List<String> WORDS = List.of(
            "",
            " ",
            "review",
            "draft",
            "kill",
            "fund",
            "admin",
            "node",
            "project-0",
            "H100",
            "2026-12-01",
            "exploratory",
            "null",
            "<script>",
            "'; DROP TABLE project; --",
            "\u0000",
            "\uD83D\uDE80",
            "NaN",
            "-1",
            "1e309",
            "999999999999999999999");

    @Test
    void hostileBodiesNeverCauseA500() {
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int sent = 0;
        int validated = 0;
        try (TestServer server = new TestServer(2)) {
            List<String> routes = server.server.registeredRoutes();
            for (String route : routes) {
                String method = route.substring(0, route.indexOf(' '));
                String template = route.substring(route.indexOf(' ') + 1);
                for (int i = 0; i < BODIES_PER_ROUTE; i++) {
                    String path = template.replace("{cycle}", i % 10 == 0 ? pathJunk(random) : "2026-12")
                            .replace("{project}", i % 10 == 1 ? pathJunk(random) : "project-" + random.nextInt(3))
                            .replace("{version}", i % 10 == 2 ? pathJunk(random) : String.valueOf(random.nextInt(3)))
                            .replace("{id}", i % 10 == 3 ? pathJunk(random) : "0123456789ab")
                            .replace("{pool}", i % 10 == 4 ? pathJunk(random) : "h100-pool")
                            .replace("{index}", i % 10 == 5 ? pathJunk(random) : String.valueOf(random.nextInt(3)))
                            .replace("{job}", i % 10 == 6 ? pathJunk(random) : "0123456789abcdef");
                    Role role = role(route, random);
                    String body = body(random, i);
                    Map<String, String> headers = random.nextInt(8) == 0
                            ? Map.of(
                                    "If-Match",
                                    WORDS.get(random.nextInt(WORDS.size())).replaceAll("[^\\x21-\\x7e]", ""))
                            : Map.of();
                    ApiClient.Reply reply;
                    try {
                        reply = server.client.send(method, path, server.token(role), body, headers);
                    } catch (AssertionError e) {
                        failures.add(route + " i=" + i + " length " + (body == null ? 0 : body.length()) + " "
                                + shorten(body) + ": " + e.getMessage());
                        continue;
                    }
                    sent++;
                    if (reply.status() == 422 || reply.status() == 400) {
                        validated++;
                    }
                    String problem = check(reply);
                    if (problem != null) {
                        failures.add(route + " as " + role.label() + " body " + shorten(body) + ": " + problem);
                    }
                }
            }
        }
        assertThat(failures).as("seed " + SEED).isEmpty();
        assertThat(sent).isGreaterThan(2_500);
        assertThat(validated)
                .as("bodies that got past authorization into validation")
                .isGreaterThan(800);
    }

    /** Mostly a role the route allows, so bodies reach the validation behind authorization; sometimes any role. */
    private static Role role(String route, Random random) {
        java.util.Set<Role> allowed = RoleMatrixIT.ALLOWED.getOrDefault(route, java.util.Set.of());
        if (!allowed.isEmpty() && random.nextInt(5) > 0) {
            List<Role> choices = List.copyOf(allowed);
            return choices.get(random.nextInt(choices.size()));
        }
        return Role.values()[random.nextInt(Role.values().length)];
    }

    private static String check(ApiClient.Reply reply) {
        if (reply.status() == ApiClient.CLOSED) {
            return null;
        }
        if (reply.status() >= 500) {
            return reply.status() + " " + reply.body();
        }
        if (reply.status() < 400) {
            return null;
        }
        if (!reply.header("Content-Type").startsWith("application/problem+json")) {
            return "error without a problem body: " + reply.status() + " " + reply.header("Content-Type");
        }
        JsonNode json = reply.json();
        if (json.path("code").asText().isEmpty() || json.path("detail").asText().isEmpty()) {
            return "problem without code or detail: " + reply.body();
        }
        if (reply.body().contains("Exception") || reply.body().contains("\tat ")) {
            return "stack trace leaked: " + reply.body();
        }
        return null;
    }

    private static String body(Random random, int i) {
        return switch (i % 8) {
            case 0 -> randomText(random, random.nextInt(200));
            case 1 ->
                List.of("[]", "42", "\"text\"", "null", "true", "[{}]", "{", "}", "")
                        .get(random.nextInt(9));
            case 2, 3, 4 -> Json.write(randomObject(random, 0));
            case 5 -> "[".repeat(2_000 + random.nextInt(3_000));
            case 6 -> {
                String valid = Json.write(randomObject(random, 0));
                yield valid.substring(0, random.nextInt(Math.max(1, valid.length())));
            }
            default ->
                i % 40 == 7
                        ? "{\"name\": \"" + "x".repeat(1_100_000) + "\"}"
                        : "{\"justification\": \"" + "y".repeat(20_000) + "\", \"floorGpus\": -5}";
        };
    }

    private static Object randomObject(Random random, int depth) {
        Map<String, Object> object = new java.util.LinkedHashMap<>();
        int fields = random.nextInt(8);
        for (int f = 0; f < fields; f++) {
            object.put(FIELDS.get(random.nextInt(FIELDS.size())), randomValue(random, depth + 1));
        }
        return object;
    }

    private static Object randomValue(Random random, int depth) {
        return switch (random.nextInt(depth > 3 ? 6 : 9)) {
            case 0 -> WORDS.get(random.nextInt(WORDS.size()));
            case 1 -> random.nextInt();
            case 2 -> random.nextLong();
            case 3 -> random.nextDouble() * 10 - 2;
            case 4 -> null;
            case 5 -> random.nextBoolean();
            case 6 -> randomObject(random, depth);
            case 7 -> java.util.Arrays.asList(randomValue(random, depth + 1), randomValue(random, depth + 1));
            default -> java.util.Collections.nCopies(random.nextInt(2_000), 1);
        };
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < length; c++) {
            text.append((char) (random.nextInt(3) == 0 ? random.nextInt(0x3000) : 32 + random.nextInt(95)));
        }
        return text.toString();
    }

    private static String pathJunk(Random random) {
        return URLEncoder.encode(
                        WORDS.get(random.nextInt(WORDS.size())) + randomText(random, random.nextInt(5)),
                        StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    private static String shorten(String body) {
        return body == null ? "none" : body.length() > 120 ? body.substring(0, 120) + "..." : body;
    }
}
