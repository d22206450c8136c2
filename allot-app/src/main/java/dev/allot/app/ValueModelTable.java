package dev.allot.app;

import dev.allot.application.ValueModelComparison;
import dev.allot.application.ValueModelComparison.Difference;
import java.util.Locale;

/** The two value models' plans side by side, as text: a headline, each plan's solve line, the projects that differ. */
public final class ValueModelTable {
    private ValueModelTable() {}

    public static String render(ValueModelComparison comparison) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Value models compared on cycle %s: %d of %d projects granted differently.%n",
                comparison.byWeights().cycle(),
                comparison.differences().size(),
                comparison.byWeights().projects().size()));
        out.append("value: weights   ")
                .append(PlanSummary.solveLine(comparison.byWeights()))
                .append('\n');
        out.append("value: evidence  ")
                .append(PlanSummary.solveLine(comparison.byEvidence()))
                .append("\n\n");
        if (comparison.differences().isEmpty()) {
            return out.append("Both value models grant every project the same GPUs.\n")
                    .toString();
        }
        String row = "%-24s %-15s %-24s %-24s %9s%n";
        out.append(String.format(Locale.ROOT, row, "project", "category", "by weights", "by evidence", "change"));
        for (Difference d : comparison.differences()) {
            out.append(String.format(
                    Locale.ROOT,
                    row,
                    d.project().value(),
                    d.category(),
                    d.byWeights() + " (" + d.decisionByWeights() + ")",
                    d.byEvidence() + " (" + d.decisionByEvidence() + ")",
                    String.format(Locale.ROOT, "%+.1f", d.change())));
        }
        out.append("\nchange: effective GPUs (GPUs x relative speed) the evidence model grants more.\n");
        return out.toString();
    }
}
