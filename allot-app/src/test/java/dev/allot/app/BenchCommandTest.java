package dev.allot.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code allot bench} refuses peers it does not know before it spends time planning. */
class BenchCommandTest {
    @Test
    void anUnknownPeerIsRefusedNamingTheOneThereIs() {
        CliRun run = CliRun.of("bench", "--vs", "pop");
        assertThat(run.exitCode()).isEqualTo(Cli.INVALID_INPUT);
        assertThat(run.err()).contains("Flag --vs names an unknown peer (value: pop). Maybe --vs gavel?");
    }

    @Test
    void aMissingPeerScriptIsRefusedBeforePlanning() {
        CliRun run = CliRun.of("bench", "--vs", "gavel", "--peer-script", "no/such/peer.py");
        assertThat(run.exitCode()).isEqualTo(Cli.INVALID_INPUT);
        assertThat(run.err()).contains("Flag --peer-script names no file").doesNotContain("run 1");
    }

    @Test
    void aSizeOutOfRangeIsRefused() {
        CliRun run = CliRun.of("bench", "--size", "0");
        assertThat(run.exitCode()).isEqualTo(Cli.INVALID_INPUT);
        assertThat(run.err()).contains("Flag --size must be between 1 and 100000 (value: 0).");
    }
}
