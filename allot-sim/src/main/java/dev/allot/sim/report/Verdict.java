package dev.allot.sim.report;

import dev.allot.sim.ProjectOutcome;
import dev.allot.sim.RelationCheck;
import dev.allot.sim.SimOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One sentence per policy that a lab can act on, e.g. {@code lending: 1.24x strict effective utilisation while jobs
 * arrive (65.8%; 7.9% over the makespan); 12 of 15
 * projects got >= 95 % of their entitlement; exploratory >= product held 71 % of the time}.
 */
public final class Verdict {
    /** A project "got its entitlement" when it held at least this share of it while it wanted GPUs. */
    public static final double ENTITLEMENT_MET = 0.95;

    private Verdict() {}

    /** The outcome the others are compared with: strict quotas when they were run, else the first policy. */
    public static SimOutcome baseline(List<SimOutcome> outcomes) {
        return outcomes.stream()
                .filter(o -> o.policy().equals("strict"))
                .findFirst()
                .orElse(outcomes.get(0));
    }

    public static List<String> lines(List<SimOutcome> outcomes) {
        SimOutcome baseline = baseline(outcomes);
        List<String> lines = new ArrayList<>();
        for (SimOutcome outcome : outcomes) {
            lines.add(line(outcome, baseline));
        }
        return lines;
    }

    static String line(SimOutcome outcome, SimOutcome baseline) {
        List<String> parts = new ArrayList<>();
        double effective = outcome.cluster().effectiveUtilisationWhileArriving();
        double base = baseline.cluster().effectiveUtilisationWhileArriving();
        String overMakespan = SummaryTable.percent(outcome.cluster().effectiveUtilisation()) + " over the makespan";
        if (outcome == baseline || !(base > 0) || Double.isNaN(effective)) {
            parts.add(SummaryTable.percent(effective) + " effective utilisation while jobs arrive (" + overMakespan
                    + ")");
        } else {
            parts.add(String.format(
                            Locale.ROOT,
                            "%.2fx %s effective utilisation while jobs arrive",
                            effective / base,
                            baseline.policy())
                    + " (" + SummaryTable.percent(effective) + "; " + overMakespan + ")");
        }
        int wanting = 0;
        int met = 0;
        for (ProjectOutcome project : outcome.projects()) {
            double share = project.totals().entitlementMet();
            if (!Double.isNaN(share)) {
                wanting++;
                if (share >= ENTITLEMENT_MET) {
                    met++;
                }
            }
        }
        parts.add(
                wanting == 0
                        ? "no project with a grant wanted GPUs"
                        : met + " of " + wanting + " projects got >= " + Math.round(100 * ENTITLEMENT_MET)
                                + " % of their entitlement");
        for (RelationCheck relation : outcome.relations()) {
            if (relation.buckets() > 0) {
                parts.add(relation.relation() + " held "
                        + Math.round(100.0 * relation.bucketsHeld() / relation.buckets()) + " % of the time");
            }
        }
        long neverStarted =
                outcome.projects().stream().mapToLong(p -> neverStarted(p)).sum();
        if (neverStarted > 0) {
            parts.add(String.format(Locale.ROOT, "%,d jobs never started", neverStarted));
        }
        var blocks = outcome.timeline().blocks();
        if (!blocks.isEmpty()) {
            long onTime =
                    blocks.stream().filter(dev.allot.sim.BlockOutcome::onTime).count();
            parts.add(onTime + " of " + blocks.size() + " reserved blocks started on time");
        }
        return outcome.policy() + ": " + String.join("; ", parts);
    }

    /** Jobs of the project that never started: rejected, or still waiting when the run ended. */
    public static long neverStarted(ProjectOutcome project) {
        return project.totals().jobs() - project.totals().queueSeconds().count();
    }
}
