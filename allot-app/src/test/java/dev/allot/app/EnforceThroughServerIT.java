package dev.allot.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.server.AllotServer;
import dev.allot.store.Actor;
import dev.allot.store.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The enforcers' --cycle read from a running server (--server, --token-file), and the runs it records. */
class EnforceThroughServerIT {
    @TempDir
    Path folder;

    @Test
    void theServerServesThePublishedPlanRefusesTheDraftAndRecordsEachRunAsTheTokensUser() throws Exception {
        try (PublishedCycle store = new PublishedCycle(folder)) {
            AllotServer server = AllotServer.create(store.store, Planner.create(PlannerOptions.defaults()))
                    .start("127.0.0.1", 0);
            try {
                String url = "http://127.0.0.1:" + server.port();
                Path opsToken = token(store, "ops", Role.DECIDER);
                Path viewerToken = token(store, "val", Role.VIEWER);

                CliRun draft = CliRun.of(
                        "kueue", "export", "--cycle", "2027-01", "--server", url, "--token-file", opsToken.toString());
                assertThat(draft.exitCode()).isEqualTo(2);
                assertThat(draft.err())
                        .isEqualTo("allot: cycle 2027-01 is a draft; enforcement applies published plans only\n");

                store.publish();
                CliRun remote = CliRun.of(
                        "kueue", "export", "--cycle", "current", "--server", url, "--token-file", opsToken.toString());
                CliRun local = CliRun.of("kueue", "export", "--cycle", "current", "--db", store.db);
                assertThat(remote.exitCode()).as(remote.err()).isZero();
                assertThat(remote.err()).startsWith("Enforcing published plan v1 of cycle 2027-01 (from " + url);
                assertThat(remote.out()).isEqualTo(local.out()).contains("kind: \"ClusterQueue\"");

                HttpResponse<String> listed = get(url + "/api/cycles/2027-01/enforcement", viewerToken);
                assertThat(listed.statusCode()).isEqualTo(200);
                JsonNode runs = new ObjectMapper().readTree(listed.body());
                assertThat(runs).hasSize(2);
                assertThat(runs.get(0).path("ranBy").asText()).isEqualTo(System.getProperty("user.name"));
                assertThat(runs.get(1).path("ranBy").asText()).isEqualTo("ops");
                assertThat(runs.get(1).path("mode").asText()).isEqualTo("export");
                assertThat(runs.get(1).path("planVersion").asInt()).isEqualTo(1);

                CliRun viewer = CliRun.of(
                        "kueue",
                        "export",
                        "--cycle",
                        "current",
                        "--server",
                        url,
                        "--token-file",
                        viewerToken.toString());
                assertThat(viewer.exitCode())
                        .as("a viewer may not read the lab with its scores")
                        .isEqualTo(6);
            } finally {
                server.stop();
            }
        }
    }

    private Path token(PublishedCycle store, String user, Role role) throws java.io.IOException {
        String token = store.store
                .tokens()
                .create(user, role, "test", Actor.system("test"))
                .token();
        return Files.writeString(folder.resolve(user + ".token"), token + "\n");
    }

    private static HttpResponse<String> get(String url, Path tokenFile) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header(
                                        "Authorization",
                                        "Bearer " + Files.readString(tokenFile).strip())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
