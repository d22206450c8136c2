package dev.allot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.allot.store.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document and the server agree: the routes it registers are exactly the documented ones, and the
 * answers of the read routes have the documented shape (required fields present, types as declared).
 */
class OpenApiIT {
    @Test
    void everyRegisteredRouteIsDocumentedAndEveryDocumentedRouteExists() {
        try (TestServer server = new TestServer(1)) {
            JsonNode document = server.client.get("/openapi.json", null).json();
            List<String> documented = new ArrayList<>();
            document.path("paths")
                    .fields()
                    .forEachRemaining(path -> path.getValue()
                            .fieldNames()
                            .forEachRemaining(
                                    method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));

            assertThat(server.server.registeredRoutes())
                    .hasSizeGreaterThan(30)
                    .containsExactlyInAnyOrderElementsOf(documented);
            assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
            document.findValuesAsText("$ref")
                    .forEach(ref -> assertThat(document.at(ref.substring(1)).isMissingNode())
                            .as(ref)
                            .isFalse());
        }
    }

    @Test
    void readAnswersHaveTheDocumentedShape() {
        try (TestServer server = new TestServer(3)) {
            String decider = server.token(Role.DECIDER);
            ApiClient api = server.client;
            api.send("POST", "/api/cycles/2026-12/transitions", decider, "{\"to\": \"review\"}", Map.of());
            api.send(
                    "PUT",
                    "/api/cycles/2026-12/scores/project-1",
                    server.token(Role.REVIEWER),
                    "{\"score\": 7}",
                    Map.of());
            api.send("POST", "/api/cycles/2026-12/transitions", decider, "{\"to\": \"draft\"}", Map.of());
            api.send("PUT", "/api/cycles/2026-12/pins/project-1", decider, "{\"gpus\": {\"H100\": 8}}", Map.of());
            api.send(
                    "PUT",
                    "/api/cycles/2026-12/overrides/project-1",
                    decider,
                    "{\"action\": \"fund\", \"reason\": \"flagship\"}",
                    Map.of());
            api.send("POST", "/api/cycles/2026-12/draft", decider, null, Map.of());
            api.approveAndPublish("/api/cycles/2026-12", decider, "", null);
            String job = api.send("POST", "/api/cycles/2026-12/solves", decider, null, Map.of())
                    .json()
                    .path("id")
                    .asText();
            JsonNode document = api.get("/openapi.json", null).json();
            List<String> mismatches = new ArrayList<>();
            int checked = 0;
            var paths = document.path("paths").fields();
            while (paths.hasNext()) {
                var path = paths.next();
                JsonNode schema = path.getValue().at("/get/responses/200/content/application~1json/schema");
                if (schema.isMissingNode()) {
                    continue;
                }
                String url = path.getKey()
                        .replace("{cycle}", "2026-12")
                        .replace("{project}", "project-1")
                        .replace("{version}", "1")
                        .replace("{pool}", "east-h100")
                        .replace("{job}", job);
                // a reviewer reads their own score; an admin everything else
                ApiClient.Reply reply =
                        api.get(url, server.token(url.contains("/scores/") ? Role.REVIEWER : Role.ADMIN));
                assertThat(reply.status()).as(url + " " + reply.body()).isEqualTo(200);
                SchemaConformance.conform(document, schema, reply.json(), url, mismatches);
                checked++;
            }
            assertThat(mismatches).isEmpty();
            assertThat(checked).isGreaterThan(15);
        }
    }
}
