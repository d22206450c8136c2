package dev.allot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.allot.core.model.ProjectId;
import dev.allot.store.Role;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Raw usage records through the API go through the same use case as the command line's usage import. */
class UsageApiIT {
    @Test
    void daysOfAnAccountThatIsNoProjectAreLeftOutAndNamedWhileTheRestIsStored() {
        try (TestServer server = new TestServer(2)) {
            String body = "{\"days\": [{\"project\": \"project-0\", \"gpuType\": \"H100\", \"day\": \"2026-12-02\","
                    + " \"gpuHours\": 48}, {\"project\": \"ghost-team\", \"gpuType\": \"H100\","
                    + " \"day\": \"2026-12-02\", \"gpuHours\": 12}]}";

            ApiClient.Reply reply = server.client.send("POST", "/api/usage", server.token(Role.ADMIN), body, Map.of());

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            JsonNode json = reply.json();
            assertThat(json.path("received").asInt()).isEqualTo(2);
            assertThat(json.path("changed").asInt()).isEqualTo(1);
            assertThat(json.path("leftOut").asInt()).isEqualTo(1);
            assertThat(json.path("unknownProjects").toString()).isEqualTo("[\"ghost-team\"]");
            assertThat(server.store
                            .usage()
                            .usage(
                                    ProjectId.of("project-0"),
                                    LocalDate.parse("2026-12-01"),
                                    LocalDate.parse("2026-12-03")))
                    .hasSize(1);
        }
    }
}
