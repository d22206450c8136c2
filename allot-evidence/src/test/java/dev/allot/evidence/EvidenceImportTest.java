package dev.allot.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import dev.allot.core.model.ProjectId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EvidenceImportTest {
    private static final ProjectId PROJECT = ProjectId.of("lm-pretrain");
    private static final RunCompute RUN = RunCompute.of(5e20, ComputeUnit.FLOP);

    @Test
    void csvRowsOfOneMetricFormOneSeriesWithTheirDirectionVisibilityAndErrors() {
        List<EvidenceSeries> series = read(EvidenceFormat.CSV, "curve.csv").series();

        assertThat(series)
                .extracting(s -> s.metric().name())
                .containsExactly("validation-loss", "held-out-proofs", "mmlu");
        EvidenceSeries loss = series.get(0);
        assertThat(loss.metric().direction()).isEqualTo(Direction.LOWER_IS_BETTER);
        assertThat(loss.metric().visibility()).isEqualTo(Visibility.PRIVATE_HELD_OUT);
        assertThat(loss.computeUnit()).isEqualTo(ComputeUnit.GPU_HOURS);
        assertThat(loss.points()).extracting(EvidencePoint::value).containsExactly(3.10, 2.95, 2.84);
        assertThat(loss.points().get(0).standardError()).hasValue(0.01);
        assertThat(loss.points().get(2).standardError()).isEmpty();
        EvidenceSeries mmlu = series.get(2);
        assertThat(mmlu.metric().direction())
                .as("direction from the name when empty")
                .isEqualTo(Direction.HIGHER_IS_BETTER);
        assertThat(mmlu.points().get(0).parameters()).hasValue(1e9);
        assertThat(mmlu.points().get(0).tokens()).hasValue(1.6e10);
    }

    @Test
    void importedSeriesWrittenAsCsvReadBackTheSame() {
        ImportedEvidence fromJson = read(EvidenceFormat.LM_EVAL, "old-format.json");
        ImportedEvidence fromCsv = read(EvidenceFormat.CSV, "curve.csv");

        String csv = EvidenceFormat.toCsv(fromJson.series(), true) + EvidenceFormat.toCsv(fromCsv.series(), false);
        List<EvidenceSeries> back = EvidenceFormat.CSV
                .read(csv, "round-trip.csv", PROJECT, null, Set.of())
                .series();

        List<EvidenceSeries> expected = new java.util.ArrayList<>(fromJson.series());
        expected.addAll(fromCsv.series());
        assertThat(back)
                .extracting(s -> s.metric() + " " + s.computeUnit() + " " + s.points())
                .containsExactlyElementsOf(expected.stream()
                        .map(s -> s.metric() + " " + s.computeUnit() + " " + s.points())
                        .toList());
    }

    @Test
    void aBrokenCsvReportsEveryProblemWithItsLineAndColumnAndImportsNothing() {
        AllotException error = catchThrowableOfType(AllotException.class, () -> read(EvidenceFormat.CSV, "broken.csv"));

        assertThat(error.code()).isEqualTo("EVIDENCE_INVALID");
        assertThat(error.problems())
                .extracting(Problem::path)
                .containsExactly(
                        "line 3, column compute",
                        "line 4, column compute_unit",
                        "line 4, column value",
                        "line 5, column metric",
                        "line 5, column direction");
        assertThat(error.getMessage()).isEqualTo("Evidence file broken.csv has 5 problems; nothing was imported.");
        assertThat(error.problems().get(1).describe())
                .isEqualTo(
                        "line 4, column compute_unit: is not a compute unit (value: gpu-minutes). Maybe gpu-hours or flop?");
    }

    @Test
    void aCsvWithoutARequiredColumnSaysWhichAndWhatTheColumnsAre() {
        AllotException error = catchThrowableOfType(
                AllotException.class,
                () -> EvidenceFormat.CSV.read("metric,value,gpus\nloss,3,8\n", "x.csv", PROJECT, null, Set.of()));

        assertThat(error.problems())
                .extracting(Problem::reason)
                .containsExactly("has no column 'compute'", "has no column 'compute_unit'", "is not a known column");
    }

    @Test
    void thePreV04FormatTakesTheDirectionFromTheMetricName() {
        ImportedEvidence evidence = read(EvidenceFormat.LM_EVAL, "old-format.json");

        assertThat(evidence.series())
                .extracting(
                        s -> s.metric().name() + " " + s.metric().direction().word())
                .containsExactly(
                        "lambada_openai/ppl lower",
                        "lambada_openai/acc higher",
                        "wikitext/word_perplexity lower",
                        "wikitext/byte_perplexity lower",
                        "wikitext/bits_per_byte lower",
                        "hellaswag/acc higher",
                        "hellaswag/acc_norm higher");
        EvidenceSeries ppl = evidence.series().get(0);
        assertThat(ppl.points().get(0).standardError()).hasValue(0.08);
        assertThat(ppl.points().get(0).compute()).isEqualTo(5e20);
        assertThat(ppl.computeUnit()).isEqualTo(ComputeUnit.FLOP);
    }

    @Test
    void aBrokenResultsFileReportsEveryBadFieldAtOnce() {
        AllotException error =
                catchThrowableOfType(AllotException.class, () -> read(EvidenceFormat.LM_EVAL, "broken.json"));

        assertThat(error.problems())
                .extracting(Problem::path)
                .containsExactly("results.arc_easy.acc,none", "results.lambada_openai.perplexity_stderr,none");
    }

    @Test
    void aTruncatedResultsFileNamesTheLineWhereItBreaks() {
        AllotException error =
                catchThrowableOfType(AllotException.class, () -> read(EvidenceFormat.LM_EVAL, "truncated.json"));

        assertThat(error.problems()).hasSize(1);
        assertThat(error.problems().get(0).path()).startsWith("line 4");
        assertThat(error.problems().get(0).reason()).startsWith("is not valid JSON");
    }

    @Test
    void lmEvalNeedsTheComputeOfTheRun() {
        AllotException error = catchThrowableOfType(
                AllotException.class, () -> EvidenceFormat.LM_EVAL.read("{}", "r.json", PROJECT, null, Set.of()));

        assertThat(error.code()).isEqualTo("EVIDENCE_COMPUTE_MISSING");
    }

    @Test
    void theHarnessRegressionFileReadsWithNaStandardErrorsAndDeclaredDirections() throws IOException {
        String text = shared("cpu_regression_expected.json");
        ImportedEvidence evidence =
                EvidenceFormat.LM_EVAL.read(text, "cpu_regression_expected.json", PROJECT, RUN, Set.of("wikitext"));

        assertThat(evidence.series())
                .extracting(
                        s -> s.metric().name() + " " + s.metric().direction().word() + " "
                                + s.metric().visibility().word())
                .containsExactly(
                        "arc_easy/acc higher public",
                        "arc_easy/acc_norm higher public",
                        "lambada_openai/acc higher public",
                        "lambada_openai/perplexity lower public",
                        "wikitext/bits_per_byte lower private",
                        "wikitext/byte_perplexity lower private",
                        "wikitext/word_perplexity lower private");
        assertThat(evidence.series())
                .allSatisfy(s -> assertThat(s.points().get(0).standardError()).isEmpty());
        assertThat(evidence.series().get(3).points().get(0).value()).isEqualTo(605.5452047779999);
        assertThat(evidence.notes()).contains("arc_easy: 10 of 2376 examples evaluated (a limited run)");
    }

    @Test
    void theHarnessGroupFileReadsTheGroupOnce() throws IOException {
        String text = shared("cpu_group_regression_expected.json");
        ImportedEvidence evidence = EvidenceFormat.LM_EVAL.read(text, "group.json", PROJECT, RUN, Set.of());

        assertThat(evidence.series())
                .extracting(s -> s.metric().name())
                .containsExactly(
                        "arc_challenge/acc",
                        "arc_challenge/acc_norm",
                        "arc_easy/acc",
                        "arc_easy/acc_norm",
                        "regression_arc/acc",
                        "regression_arc/acc_norm");
    }

    @Test
    void metricNamesDecideTheDirectionWhenNothingElseDoes() {
        assertThat(Direction.fromMetricName("loss")).isEqualTo(Direction.LOWER_IS_BETTER);
        assertThat(Direction.fromMetricName("val_loss")).isEqualTo(Direction.LOWER_IS_BETTER);
        assertThat(Direction.fromMetricName("word_perplexity")).isEqualTo(Direction.LOWER_IS_BETTER);
        assertThat(Direction.fromMetricName("bits_per_byte")).isEqualTo(Direction.LOWER_IS_BETTER);
        assertThat(Direction.fromMetricName("ppl")).isEqualTo(Direction.LOWER_IS_BETTER);
        assertThat(Direction.fromMetricName("acc")).isEqualTo(Direction.HIGHER_IS_BETTER);
        assertThat(Direction.fromMetricName("exact_match")).isEqualTo(Direction.HIGHER_IS_BETTER);
        assertThat(Direction.fromMetricName("f1")).isEqualTo(Direction.HIGHER_IS_BETTER);
    }

    private static String shared(String name) throws IOException {
        return Files.readString(SharedData.file("lm-eval", name));
    }

    private static ImportedEvidence read(EvidenceFormat format, String resource) {
        try (InputStream in = EvidenceImportTest.class.getResourceAsStream("/evidence/" + resource)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return format.read(text, resource, PROJECT, RUN, Set.of());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
