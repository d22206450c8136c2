package dev.allot.app.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.app.Cli;
import dev.allot.app.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceCommandTest {
    @TempDir
    Path folder;

    @Test
    void importListsEveryProblemOfABrokenFileAndExitsAsInvalidInput() throws IOException {
        Path file = write("broken.csv", "metric,compute,compute_unit,value\nloss,-1,gpu-hours,3\nloss,10,days,x\n");

        CliRun run = CliRun.of("evidence", "import", file.toString(), "--project", "p");

        assertThat(run.exitCode()).isEqualTo(Cli.INVALID_INPUT);
        assertThat(run.err())
                .contains("Evidence file broken.csv has 3 problems; nothing was imported.")
                .contains("  - line 2, column compute: must be greater than 0 (value: -1)")
                .contains(
                        "  - line 3, column compute_unit: is not a compute unit (value: days). Maybe gpu-hours or flop?")
                .contains("  - line 3, column value: is not a number (value: x)");
    }

    @Test
    void lmEvalResultsOfSuccessiveCheckpointsBuildUpOneCurveThatFits() throws IOException {
        Path csv = folder.resolve("curve.csv");
        for (int checkpoint = 0; checkpoint < 6; checkpoint++) {
            double compute = 100 * Math.pow(2, checkpoint);
            double loss = 2 + 50 * Math.pow(compute, -0.3);
            Path results = write(
                    "results-" + checkpoint + ".json",
                    String.format(
                            Locale.ROOT,
                            "{\"results\": {\"pile\": {\"bits_per_byte\": %.6f, \"acc\": 0.5}}, \"versions\": {}}",
                            loss));

            CliRun run = CliRun.of(
                    "evidence",
                    "import",
                    results.toString(),
                    "--project",
                    "p",
                    "--compute",
                    String.valueOf(compute),
                    "--out",
                    csv.toString());

            assertThat(run.exitCode()).as(run.err()).isEqualTo(Cli.OK);
            assertThat(run.out()).contains("pile/bits_per_byte").contains("lower is better, public, 1 point");
        }

        CliRun fit = CliRun.of(
                "evidence",
                "fit",
                csv.toString(),
                "--project",
                "p",
                "--metric",
                "pile/bits_per_byte",
                "--seed",
                "7",
                "--worth",
                "100",
                "--gpus",
                "64",
                "--gpu-type",
                "H100");

        assertThat(fit.exitCode()).as(fit.err()).isEqualTo(Cli.OK);
        assertThat(fit.out())
                .contains("FITTED: ")
                .contains("seed 7")
                .contains("alpha = 0.3000 [")
                .containsPattern("the 65th H100 for project p buys an expected [0-9.]+ lower pile/bits_per_byte");
    }

    @Test
    void aFitOfTooFewPointsSaysSoInsteadOfDrawingACurve() throws IOException {
        Path file = write(
                "short.csv",
                "metric,compute,compute_unit,value\nloss,10,gpu-hours,3\nloss,20,gpu-hours,2.9\nloss,40,gpu-hours,2.8\n");

        CliRun run = CliRun.of("evidence", "fit", file.toString(), "--project", "p");

        assertThat(run.exitCode()).isEqualTo(Cli.OK);
        assertThat(run.out()).contains("TOO_FEW_POINTS: 3 points: too few to fit; need >= 5");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text);
    }
}
