package dev.allot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.allot.core.AllotException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second process opening the embedded store while another holds it (the command line while {@code allot serve}
 * runs): it goes through the holder's auto-server, or, when the holder does not share the file, fails at once with
 * a message saying so instead of retrying for the connection pool's 30 s.
 */
class StoreInUseTest {
    @TempDir
    Path folder;

    @Test
    void aStoreHeldByARunningServerIsOpenedThroughIt() throws Exception {
        String url = "jdbc:h2:file:" + folder.resolve("allot").toAbsolutePath();
        Process holder = hold(url, "shared");
        try (Store store = Store.open(url, null, null)) {
            assertThat(store.cycles().list()).hasSize(1);
            assertThat(store.lab().projects()).hasSize(3);
        } finally {
            release(holder);
        }
    }

    @Test
    void aStoreLockedByAProcessThatDoesNotShareItIsRefusedWithinSeconds() throws Exception {
        String url = "jdbc:h2:file:" + folder.resolve("allot").toAbsolutePath();
        Process holder = hold(url + ";AUTO_SERVER=FALSE", "exclusive");
        try {
            long start = System.nanoTime();
            assertThatThrownBy(() -> Store.open(url, null, null))
                    .isInstanceOfSatisfying(AllotException.class, e -> {
                        assertThat(e.code()).isEqualTo("store-in-use");
                        assertThat(e.kind()).isEqualTo(AllotException.Kind.UNAVAILABLE);
                    })
                    .hasMessageStartingWith("The store at " + url + " is in use by another process")
                    .hasMessageContaining("--server URL --token-file FILE");
            // the pool used to retry for its 30 s connection timeout before failing
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        } finally {
            release(holder);
        }
    }

    private static Process hold(String url, String mode) throws Exception {
        Process child = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        HoldStore.class.getName(),
                        url,
                        mode))
                .redirectErrorStream(true)
                .start();
        BufferedReader lines =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.equals("ready")) {
                return child;
            }
            seen.append(line).append('\n');
        }
        child.destroyForcibly();
        throw new AssertionError("the holding process ended before it was ready: " + seen);
    }

    private static void release(Process holder) throws Exception {
        holder.getOutputStream().close();
        if (!holder.waitFor(60, TimeUnit.SECONDS)) {
            holder.destroyForcibly();
        }
    }
}
