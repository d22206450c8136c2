package dev.allot.core.planner;

import dev.allot.core.model.PastCycle;
import dev.allot.core.model.Policy;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.UsagePolicy;
import java.util.Locale;
import java.util.Optional;

/**
 * The usage rule's upper bound on a continuing project's total GPUs (docs/planner.md, "Usage"): with the action
 * {@code capAtUsedPlusHeadroom}, a project that used less than {@code idleBelow} of its previous grant over the last
 * cycle gets at most {@code used x (1 + headroom)} of its previous total, rounded up to whole nodes. Counted in GPUs,
 * like the used fraction it starts from (GPU-hours used over GPU-hours granted). Never below its floor, nor below the
 * least continuity lets it keep, so an idle project shrinks by at most the policy's max change per cycle.
 *
 * @param maxGpus the cap
 * @param usedFraction what the project used of its previous grant last cycle
 * @param previousGpus its previous total
 * @param headroom the policy's headroom
 */
record UsageCap(int maxGpus, double usedFraction, int previousGpus, double headroom) {
    /**
     * The cap of a project, when the rule caps it and the cap is below what it could get anyway.
     *
     * @param nodeGpus GPUs of the project's one-node step (its largest node size)
     */
    static Optional<UsageCap> of(
            Policy policy, Optional<PastCycle> last, ProjectId project, int floorGpus, int ceilingGpus, int nodeGpus) {
        UsagePolicy rule = policy.usage();
        if (!rule.caps() || last.isEmpty()) {
            return Optional.empty();
        }
        int previous = last.get().grant(project).totalGpus();
        Double used = last.get().usedFraction().get(project);
        if (previous == 0 || used == null || !rule.idle(used)) {
            return Optional.empty();
        }
        int node = Math.max(1, nodeGpus);
        double measured = used * (1 + rule.headroom()) * previous;
        int cap = (int) Math.ceil(measured / node - 1e-9) * node;
        Continuity continuity = Continuity.of(policy, previous, floorGpus, ceilingGpus, node);
        cap = Math.max(cap, Math.max(floorGpus, continuity.minGpus()));
        if (cap >= Math.min(ceilingGpus, continuity.maxGpus())) {
            return Optional.empty();
        }
        return Optional.of(new UsageCap(cap, used, previous, rule.headroom()));
    }

    /** The cap of a planned project (pinned projects and those the deciders overrode are never capped). */
    static Optional<UsageCap> of(Policy policy, Optional<PastCycle> last, PlannedProject project, Fleet fleet) {
        if (project.pin().isPresent() || project.override().isPresent() || !project.plannable()) {
            return Optional.empty();
        }
        int node = project.effectiveSpeed().keySet().stream()
                .mapToInt(fleet::unitGpus)
                .max()
                .orElse(fleet.maxUnitGpus());
        return of(policy, last, project.project().id(), project.floorGpus(), project.ceilingGpus(), node);
    }

    /** E.g. {@code capped at 96 GPUs: used 62 % of 128 last cycle (usage rule: headroom 25 %)}. */
    String describe() {
        return "capped at " + maxGpus + " GPUs: used " + wholePercent(usedFraction) + " of " + previousGpus
                + " last cycle (usage rule: headroom " + wholePercent(headroom) + ")";
    }

    static String wholePercent(double fraction) {
        return String.format(Locale.ROOT, "%d %%", Math.round(fraction * 100));
    }
}
