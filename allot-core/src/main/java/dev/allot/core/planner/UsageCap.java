package dev.allot.core.planner;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.PastCycle;
import dev.allot.core.model.Policy;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.UsagePolicy;
import java.util.Collection;
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
     * @param acceptedTypes the types the project accepts (empty: any type of the fleet)
     */
    static Optional<UsageCap> of(
            Policy policy,
            Optional<PastCycle> last,
            ProjectId project,
            int floorGpus,
            int ceilingGpus,
            Collection<GpuTypeId> acceptedTypes,
            Fleet fleet) {
        UsagePolicy rule = policy.usage();
        if (!rule.caps() || last.isEmpty()) {
            return Optional.empty();
        }
        Allocation previousGrant = last.get().grant(project);
        int previous = previousGrant.totalGpus();
        Double used = last.get().usedFraction().get(project);
        if (previous == 0 || used == null || !rule.idle(used)) {
            return Optional.empty();
        }
        Collection<GpuTypeId> accepted = acceptedTypes.isEmpty() ? fleet.types() : acceptedTypes;
        int node = Math.max(1, accepted.stream().mapToInt(fleet::unitGpus).max().orElse(fleet.maxUnitGpus()));
        double fastest = accepted.stream().mapToDouble(fleet::speed).max().orElse(1);
        Continuity continuity = Continuity.of(policy, previousGrant, floorGpus, ceilingGpus, accepted, fleet);
        // the least GPUs (on its fastest type) that keep the effective compute continuity requires
        int continuityGpus = fastest > 0 ? (int) Math.ceil(continuity.minEffective() / fastest - 1e-9) : 0;
        double measured = used * (1 + rule.headroom()) * previous;
        double least = Math.max(measured, Math.max(floorGpus, continuityGpus));
        // whole nodes, rounded up, so the cap never rules out every grant continuity and the floor allow
        int cap = (int) Math.ceil(least / node - 1e-9) * node;
        if (cap >= ceilingGpus) {
            return Optional.empty();
        }
        return Optional.of(new UsageCap(cap, used, previous, rule.headroom()));
    }

    /** The cap of a planned project (pinned projects and those the deciders overrode are never capped). */
    static Optional<UsageCap> of(Policy policy, Optional<PastCycle> last, PlannedProject project, Fleet fleet) {
        if (project.pin().isPresent() || project.override().isPresent() || !project.plannable()) {
            return Optional.empty();
        }
        return of(
                policy,
                last,
                project.project().id(),
                project.floorGpus(),
                project.ceilingGpus(),
                project.effectiveSpeed().keySet(),
                fleet);
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
