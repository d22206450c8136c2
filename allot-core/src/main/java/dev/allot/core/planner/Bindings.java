package dev.allot.core.planner;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.Binding;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.ShareRelation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * The rules that hold with no slack at a funded or declined project's grant, family by family. The switch over
 * {@link RuleFamily} has no default branch: a new family must say here whether it can shape a grant.
 */
final class Bindings {
    private final AllocationModel allocation;
    private final Lab lab;
    private final Map<GpuTypeId, Integer> grantedByType;
    /** Whether a rule binds at project p (by its dual, in p's pricing group). */
    private final BiPredicate<Integer, RuleGroup> binds;

    Bindings(
            AllocationModel allocation,
            Lab lab,
            Map<GpuTypeId, Integer> grantedByType,
            BiPredicate<Integer, RuleGroup> binds) {
        this.allocation = allocation;
        this.lab = lab;
        this.grantedByType = grantedByType;
        this.binds = binds;
    }

    /** @param funded whether the project got a grant (else only the rules on its category can explain it) */
    List<Binding> of(int p, Allocation grant, boolean funded) {
        int grantedGpus = grant.totalGpus();
        List<Binding> rules = new ArrayList<>();
        boolean atCeiling = grantedGpus >= allocation.projects.get(p).ceilingGpus();
        for (RuleFamily family : RuleFamily.values()) {
            boolean ownGrant = funded && !(atCeiling && family != RuleFamily.CEILING);
            rules.addAll(
                    switch (family) {
                        case OVERRIDE -> funded ? fundOverride(p) : List.of();
                        case CEILING -> funded && atCeiling ? ceiling(p) : List.of();
                        case FLOOR -> ownGrant ? floor(p, grantedGpus) : List.of();
                        case CONTINUITY -> ownGrant ? continuity(p, grant) : List.of();
                        case USAGE -> ownGrant ? usage(p, grantedGpus) : List.of();
                        case CAPACITY -> ownGrant ? capacity(p) : List.of();
                        case SHARE_MAX -> shareMax(p);
                        case RELATION -> relations(p);
                        // A minimum share only ever adds to a category; pins, inactive projects and the objective
                        // are explained before any grant is looked at (Explainer).
                        case SHARE_MIN, PIN, NOT_PLANNABLE, VALUE, STABILITY, BUDGET, BLOCK, CATEGORY_BUDGET ->
                            List.of();
                    });
        }
        return rules;
    }

    private List<Binding> fundOverride(int p) {
        PlannedProject project = allocation.projects.get(p);
        return project.override()
                .map(override -> List.of(new Binding(
                        RuleFamily.OVERRIDE.code + ":fund",
                        "The deciders decided to fund it" + Explainer.reason(override.reason()) + ".")))
                .orElse(List.of());
    }

    private List<Binding> ceiling(int p) {
        int ceiling = allocation.projects.get(p).ceilingGpus();
        return List.of(new Binding(RuleFamily.CEILING.code, "It has its full ceiling of " + ceiling + " GPUs."));
    }

    private List<Binding> floor(int p, int gpus) {
        return gpus == allocation.projects.get(p).floorGpus() && gpus > 0
                ? List.of(new Binding(
                        RuleFamily.FLOOR.code, "Funded at its floor of " + gpus + " GPUs, the least it can run with."))
                : List.of();
    }

    private List<Binding> continuity(int p, Allocation grant) {
        PlannedProject project = allocation.projects.get(p);
        if (project.previous().isEmpty()) {
            return List.of();
        }
        List<Binding> rules = new ArrayList<>();
        Continuity range = Continuity.of(lab.policy(), project, allocation.fleet);
        double effective = allocation.fleet.effectiveGpus(grant);
        if (effective <= range.minEffective() + Continuity.TOLERANCE
                && effective < range.previousEffective() - Continuity.TOLERANCE) {
            rules.add(new Binding(
                    RuleFamily.CONTINUITY.code + ":max-shrink",
                    "It shrinks by the most the policy allows in one cycle ("
                            + GroupText.percent(lab.policy().maxChangeFraction()) + " of its previous "
                            + GroupText.effective(range.previousEffective()) + " effective GPUs, "
                            + project.previous() + ")."));
        }
        if (effective >= range.maxEffective() - Continuity.TOLERANCE) {
            rules.add(new Binding(
                    RuleFamily.CONTINUITY.code + ":max-growth",
                    "It grows by the most the policy allows in one cycle (from "
                            + GroupText.effective(range.previousEffective()) + " to "
                            + GroupText.effective(range.maxEffective()) + " effective GPUs)."));
        }
        return rules;
    }

    /** The usage rule's cap, when the grant is at it. */
    private List<Binding> usage(int p, int gpus) {
        return UsageCap.of(lab.policy(), lab.previousCycle(), allocation.projects.get(p), allocation.fleet)
                .filter(cap -> gpus >= cap.maxGpus())
                .map(cap -> List.of(new Binding(RuleFamily.USAGE.code + ":cap", capitalised(cap.describe()) + ".")))
                .orElse(List.of());
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private List<Binding> capacity(int p) {
        List<Binding> rules = new ArrayList<>();
        for (GpuTypeId type : allocation.projects.get(p).effectiveSpeed().keySet()) {
            if (capacityFull(type)) {
                rules.add(new Binding(
                        RuleGroup.of(RuleFamily.CAPACITY, type).code(),
                        type + " is fully granted: " + grantedByType.getOrDefault(type, 0) + " of "
                                + allocation.fleet.allocatableGpus(type)
                                + " allocatable GPUs (capacity minus reserve), less than a node left."));
            }
        }
        return rules;
    }

    boolean capacityFull(GpuTypeId type) {
        int granted = grantedByType.getOrDefault(type, 0);
        return allocation.fleet.allocatableGpus(type) - granted < allocation.fleet.unitGpus(type);
    }

    private List<Binding> shareMax(int p) {
        CategoryId category = allocation.projects.get(p).project().category();
        RuleGroup group = RuleGroup.of(RuleFamily.SHARE_MAX, category);
        return binds.test(p, group)
                ? List.of(new Binding(group.code(), "Category " + category + " is at its maximum share."))
                : List.of();
    }

    private List<Binding> relations(int p) {
        CategoryId category = allocation.projects.get(p).project().category();
        List<Binding> rules = new ArrayList<>();
        for (ShareRelation relation : lab.policy().relations()) {
            RuleGroup group = RuleGroup.of(RuleFamily.RELATION, relation);
            if (relation.right().equals(category) && binds.test(p, group)) {
                rules.add(new Binding(
                        group.code(),
                        "The policy '" + relation + "' binds: " + category + " cannot get more compute unless "
                                + relation.left() + " does."));
            }
        }
        return rules;
    }
}
