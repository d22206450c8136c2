package dev.allot.evidence;

import java.util.Locale;
import java.util.regex.Pattern;

/** Which way a metric improves. */
public enum Direction {
    LOWER_IS_BETTER,
    HIGHER_IS_BETTER;

    // Losses, perplexities and error rates shrink as a model gets better; everything else an eval reports
    // (accuracy, exact match, F1, BLEU, pass@k) grows. Matched on word parts so that "word_perplexity" and
    // "bits_per_byte" are recognised but "accuracy" is not mistaken for anything.
    private static final Pattern LOWER_NAMES = Pattern.compile(
            "(^|[_\\-. ])(loss|ppl|perplexity|bits_per_byte|bpb|bits|error|err|wer|cer|ter)($|[_\\-. ])");

    /**
     * The direction of a metric known only by its name, as in result files that predate an explicit direction
     * (lm-evaluation-harness before v0.4): lower for losses, perplexities, bits per byte and error rates, higher
     * otherwise.
     */
    public static Direction fromMetricName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.contains("perplexity")
                || lower.contains("bits_per_byte")
                || LOWER_NAMES.matcher(lower).find()) {
            return LOWER_IS_BETTER;
        }
        return HIGHER_IS_BETTER;
    }

    /** {@code +1} when a lower value is better, {@code -1} when a higher one is: multiply a drop by it to get a gain. */
    public int improvementSign() {
        return this == LOWER_IS_BETTER ? 1 : -1;
    }

    /** "lower" or "higher", as written in files and shown to people. */
    public String word() {
        return this == LOWER_IS_BETTER ? "lower" : "higher";
    }
}
