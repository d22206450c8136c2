package dev.allot.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreConnectionTest {
    @Test
    void aSlowOpenOfAFileARunningServerHoldsSaysSoAndNamesTheServerRoute(@TempDir Path folder) throws Exception {
        String file = folder.resolve("allot").toString();
        String url = "jdbc:h2:file:" + file + ";MODE=Regular";
        assertThat(StoreConnection.waitingNotice(url))
                .isEqualTo("allot: waiting for the store at " + url + " to open…");

        Files.writeString(Path.of(file + ".lock.db"), "held");

        assertThat(StoreConnection.waitingNotice(url))
                .isEqualTo("allot: waiting for the store " + file + ": a running server holds it, so this command"
                        + " goes through that server (the slurm and kueue commands can use its API instead: --server"
                        + " URL --token-file FILE).");
    }
}
