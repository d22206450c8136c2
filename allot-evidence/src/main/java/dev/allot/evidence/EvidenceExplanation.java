package dev.allot.evidence;

import dev.allot.core.model.ProjectId;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Sentences that speak the metric, for the plan's explanations and the review page: "the 65th H100 for
 * project X buys an expected 0.004 lower validation-loss (worth 2.1)". Worth is before the priority weight, in the
 * same effective-GPU equivalents as the value model.
 */
public final class EvidenceExplanation {
    private EvidenceExplanation() {}

    /**
     * What one more GPU is expected to buy a project.
     *
     * @param gpuIndex which GPU: 65 for the 65th, i.e. the one after a grant of 64
     * @param gpuType its type, e.g. H100
     * @param effectiveSpeed effective GPUs per GPU of that type for this project (lab speed x speed factor)
     * @param gpusBefore effective GPUs the project holds before this one
     */
    public record Marginal(
            ProjectId project,
            CompiledCurve curve,
            int gpuIndex,
            String gpuType,
            double effectiveSpeed,
            double gpusBefore) {
        public double improvement() {
            return curve.improvement(gpusBefore + effectiveSpeed) - curve.improvement(gpusBefore);
        }

        public double worth() {
            return curve.worthPerUnit() * improvement();
        }
    }

    /** The marginal of the {@code gpuIndex}-th GPU of a type, all GPUs before it of the same speed. */
    public static Marginal nthGpu(ProjectId project, CompiledCurve curve, int gpuIndex, String gpuType, double speed) {
        return new Marginal(project, curve, gpuIndex, gpuType, speed, (gpuIndex - 1) * speed);
    }

    /** "the 65th H100 for project X buys an expected 0.004 lower validation-loss (worth 2.1)". */
    public static String sentence(Marginal marginal) {
        return "the " + ordinal(marginal.gpuIndex()) + " " + marginal.gpuType() + " for project " + marginal.project()
                + " buys an expected " + tail(marginal);
    }

    /**
     * Several projects compared, the first in full and the others short: "the 65th H100 for project X buys an
     * expected 0.004 lower loss (worth 2.1); for Y 0.0009 (worth 0.6)".
     */
    public static String compare(List<Marginal> marginals) {
        if (marginals.isEmpty()) {
            return "";
        }
        return sentence(marginals.get(0))
                + marginals.subList(1, marginals.size()).stream()
                        .map(m -> "; for " + m.project() + " " + significant(m.improvement()) + " (worth "
                                + significant(m.worth()) + ")")
                        .collect(Collectors.joining());
    }

    private static String tail(Marginal marginal) {
        Metric metric = marginal.curve().metric();
        return significant(marginal.improvement()) + " " + metric.direction().word() + " " + metric.name() + " (worth "
                + significant(marginal.worth()) + ")";
    }

    /** Two significant digits, no exponent: 0.0041 -> "0.0041", 2.14 -> "2.1", 1234 -> "1200". */
    static String significant(double value) {
        if (value == 0 || !Double.isFinite(value)) {
            return value == 0 ? "0" : String.valueOf(value);
        }
        return new BigDecimal(value)
                .round(new MathContext(2))
                .stripTrailingZeros()
                .toPlainString();
    }

    static String ordinal(int n) {
        int lastTwo = n % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13
                ? "th"
                : switch (n % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return n + suffix;
    }
}
