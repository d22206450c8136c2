package dev.allot.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Determinism across processes: each JVM run orders Set.of/Map.copyOf differently, so a result that only looked
 * deterministic within one test JVM can still change from one run of the command to the next.
 */
class SeparateRunsTest {
    @Test
    void theDemoLabAndItsPlanAreTheSameInEveryRun() throws Exception {
        // Iteration order of small immutable sets flips with a per-run salt: five runs all agree by chance with a
        // probability of about 1/16 when something depends on it.
        String example = run("lab", "example");
        for (int i = 0; i < 4; i++) {
            assertThat(run("lab", "example")).isEqualTo(example);
        }
        String lab = demoLab();
        assertThat(run("plan", lab, "--format", "csv", "--quiet"))
                .isEqualTo(run("plan", lab, "--format", "csv", "--quiet"));
    }

    private static String demoLab() throws IOException {
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "allot-separate-runs-demo.yaml");
        java.nio.file.Files.writeString(file, run("lab", "example"));
        return file.toString();
    }

    private static String run(String... args) throws IOException {
        List<String> command = ChildJvm.allot(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(String.join(" ", args)).isZero();
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            process.destroyForcibly();
        }
    }
}
