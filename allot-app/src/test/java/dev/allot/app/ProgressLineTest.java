package dev.allot.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The progress line says what the engine knows, and never prints NaN before the first plan. */
class ProgressLineTest {
    @Test
    void beforeTheFirstPlanItSaysSoInsteadOfPrintingNaN() {
        assertThat(ProgressLine.describe(Double.NaN, 371_158.9))
                .isEqualTo("  no plan yet  bound 371158.9")
                .doesNotContain("NaN");
        assertThat(ProgressLine.describe(Double.NaN, Double.NaN)).isEqualTo("  no plan yet");
        assertThat(ProgressLine.describe(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY))
                .isEqualTo("  no plan yet");
    }

    @Test
    void withAPlanItShowsValueBoundAndGap() {
        assertThat(ProgressLine.describe(370_000.8, 371_158.9))
                .isEqualTo("  value 370000.8  bound 371158.9  gap 0.31 %");
        assertThat(ProgressLine.describe(100, Double.NaN)).isEqualTo("  value 100.0");
    }

    @Test
    void onATerminalTheLineIsRewrittenInPlaceAndClearedAtTheEnd() {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var progress = new ProgressLine(
                new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8), false, true)) {
            progress.onProgress(java.time.Duration.ZERO, 100, 101);
            progress.tick();
            progress.tick();
        }
        String text = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text)
                .startsWith("\rsolving…")
                .contains("value 100.0  bound 101.0")
                .doesNotContain("\n");
        assertThat(text).endsWith("\r");
    }

    @Test
    void intoAFileEachReportIsAWholeLineWithoutCarriageReturns() {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var progress = new ProgressLine(
                new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8), false, false)) {
            progress.tick();
            progress.onProgress(java.time.Duration.ZERO, 100, 101);
            progress.tick();
        }
        String text = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\r");
        assertThat(text.lines().toList())
                .hasSize(2)
                .allMatch(line -> line.startsWith("solving… "))
                .last()
                .asString()
                .endsWith("value 100.0  bound 101.0  gap 1.00 %");
    }
}
