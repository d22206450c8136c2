package dev.allot.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.store.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every {@code http} example in docs/api.md runs, in order, and succeeds; the JSON example parses. */
class DocExamplesIT {
    private static final Pattern BLOCK = Pattern.compile("```(http|json)\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theApiGuideExamplesRunAgainstAServer() throws Exception {
        String guide = Files.readString(docs().resolve("api.md"));
        List<String[]> requests = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(guide);
        while (matcher.find()) {
            if (matcher.group(1).equals("json")) {
                assertThat(dev.allot.store.Json.mapper()
                                .readTree(matcher.group(2))
                                .path("code")
                                .asText())
                        .isNotEmpty();
            } else {
                requests.add(new String[] {matcher.group(2)});
            }
        }
        assertThat(requests).hasSizeGreaterThan(8);
        try (TestServer server = new TestServer(4)) {
            for (String[] block : requests) {
                ApiClient.Reply reply = send(server, block[0]);
                assertThat(reply.status()).as(block[0] + "\n" + reply.body()).isBetween(200, 299);
            }
        }
    }

    private static ApiClient.Reply send(TestServer server, String example) {
        String[] parts = example.split("\\n\\n", 2);
        String[] lines = parts[0].split("\\n");
        String method = lines[0].substring(0, lines[0].indexOf(' '));
        String path = lines[0].substring(lines[0].indexOf(' ') + 1).trim();
        Map<String, String> headers = new LinkedHashMap<>();
        String token = null;
        for (int i = 1; i < lines.length; i++) {
            String name = lines[i].substring(0, lines[i].indexOf(':'));
            String value = lines[i].substring(lines[i].indexOf(':') + 1).trim();
            if (name.equals("Authorization")) {
                String role = value.substring(value.indexOf('$') + 1, value.indexOf("_TOKEN"));
                token = server.token(Role.parse(role, "Authorization"));
            } else {
                headers.put(name, value);
            }
        }
        String body = parts.length > 1 && !parts[1].isBlank() ? parts[1] : null;
        return server.client.send(method, path, token, body, headers);
    }

    /** The repository's docs folder, found by walking up from the working directory. */
    private static Path docs() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs").resolve("api.md"))) {
                return dir.resolve("docs");
            }
        }
        throw new AssertionError("docs/api.md not found above " + Path.of("").toAbsolutePath());
    }
}
