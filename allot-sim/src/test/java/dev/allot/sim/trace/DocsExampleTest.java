package dev.allot.sim.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The CSV example in docs/simulation.md parses, and means what the text says. */
class DocsExampleTest {
    private static Path docs() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw"))) {
                return dir.resolve("docs").resolve("simulation.md");
            }
        }
        throw new AssertionError("no repository root above " + System.getProperty("user.dir"));
    }

    @Test
    void theCsvExampleOfTheDocsIsAValidTrace() throws IOException {
        String markdown = Files.readString(docs());
        int start = markdown.indexOf("```csv\n") + "```csv\n".length();
        String csv = markdown.substring(start, markdown.indexOf("```", start));

        Trace trace = new CsvTraceReader().read(new TraceSource("simulation.md", new StringReader(csv)));

        assertThat(trace.jobs()).hasSize(3);
        assertThat(trace.jobs().get(0).allowedGpuTypes()).containsExactly("H100", "H200");
        assertThat(trace.jobs().get(0).priority()).isEqualTo(1);
        assertThat(trace.jobs().get(1).referenceSeconds())
                .as("16 GPU-hours on 8 GPUs")
                .isEqualTo(7200);
        assertThat(trace.groups()).containsExactly("llm-pretrain", "vision-rl");
    }
}
