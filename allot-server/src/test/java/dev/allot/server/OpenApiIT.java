package dev.allot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The OpenAPI document and the routes the server really registers are the same set. */
class OpenApiIT {
    @Test
    void everyRegisteredRouteIsDocumentedAndEveryDocumentedRouteExists() {
        try (TestServer server = new TestServer(1)) {
            JsonNode document = server.client.get("/openapi.json", null).json();
            List<String> documented = new ArrayList<>();
            document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                    .forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));

            assertThat(server.server.registeredRoutes()).hasSizeGreaterThan(30)
                    .containsExactlyInAnyOrderElementsOf(documented);
            assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
            document.findValuesAsText("$ref").forEach(ref -> assertThat(document.at(ref.substring(1)).isMissingNode())
                    .as(ref).isFalse());
        }
    }
}
