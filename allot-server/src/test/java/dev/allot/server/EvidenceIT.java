package dev.allot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.allot.store.Json;
import dev.allot.store.Role;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code /api/projects/{project}/evidence}: a file imported whole, read back with its fit; a bad file stores nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvidenceIT {
    private static final String HEADER = "metric,unit,direction,visibility,compute,compute_unit,value\n";
    private TestServer server;
    private String project;

    @BeforeAll
    void start() {
        server = new TestServer(3);
        project = server.store.lab().projects().get(0).value().id().value();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void aCurveIsImportedAndReadBackWithItsFitAndBand() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (double compute : new double[] {100, 200, 400, 800, 1600, 3200}) {
            csv.append("validation-loss,nats,lower,private,")
                    .append(compute)
                    .append(",gpu-hours,")
                    .append(2 + 50 * Math.pow(compute, -0.3))
                    .append('\n');
        }
        String body = Json.write(Map.of("format", "csv", "content", csv.toString(), "source", "loss.csv"));

        ApiClient.Reply posted = server.client.send("POST", path(), server.token(Role.LEAD), body, Map.of());
        ApiClient.Reply read = server.client.send("GET", path(), server.token(Role.REVIEWER), null, Map.of());

        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        JsonNode series = read.json().at("/series/0");
        assertThat(series.at("/metric").asText()).isEqualTo("validation-loss");
        assertThat(series.at("/visibility").asText()).isEqualTo("private-held-out");
        assertThat(series.at("/points").size()).isEqualTo(6);
        assertThat(series.at("/status").asText()).isEqualTo("fitted");
        assertThat(series.at("/curve").size()).isPositive();
        assertThat(series.at("/curve/0/lower").asDouble())
                .isLessThanOrEqualTo(series.at("/curve/0/upper").asDouble());
    }

    @Test
    void aBadFileIsA422ListingEveryProblemAndStoresNothing() {
        String bad = HEADER + "accuracy,,higher,public,-3,gpu-hours,0.5\naccuracy,,higher,public,10,parsecs,0.6\n";
        String body = Json.write(Map.of("format", "csv", "content", bad));
        String other = server.store.lab().projects().get(1).value().id().value();

        ApiClient.Reply reply = server.client.send(
                "POST", "/api/projects/" + other + "/evidence", server.token(Role.ADMIN), body, Map.of());
        ApiClient.Reply read = server.client.send(
                "GET", "/api/projects/" + other + "/evidence", server.token(Role.ADMIN), null, Map.of());

        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        assertThat(reply.json().at("/problems").size()).isGreaterThanOrEqualTo(2);
        assertThat(read.json().at("/series").size()).isZero();
    }

    private String path() {
        return "/api/projects/" + project + "/evidence";
    }
}
