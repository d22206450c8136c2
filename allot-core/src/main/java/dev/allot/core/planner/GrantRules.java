package dev.allot.core.planner;

import dev.allot.core.Problem;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.Ask;
import dev.allot.core.model.DeciderOverride;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Granularity;
import dev.allot.core.model.JobShapes;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Pin;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectStatus;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Rules on what a lab asks the planner to grant, checked before it plans: the lab-file reader and {@link Planner}
 * both call {@link #check}, so every entry point (lab file, API, web, CLI) applies them the same way. Problems are
 * located by lab-file path ({@code projects[3].ask.floor}, {@code pins[0]}); pure functions of the lab.
 */
public final class GrantRules {
    private GrantRules() {}

    /** Every problem of the rules below, in lab order. */
    public static List<Problem> check(Lab lab) {
        List<Problem> problems = new ArrayList<>(pinsOnInactiveProjects(lab));
        problems.addAll(wholeNodeAsks(lab));
        problems.addAll(shareMinimumsOfEmptyCategories(lab));
        problems.addAll(jobShapes(lab));
        return problems;
    }

    /** Every ask's job shape fits the lab ({@link dev.allot.core.rules.JobShapeRules#fits}). */
    public static List<Problem> jobShapes(Lab lab) {
        Map<ProjectId, Ask> asks = lab.asksByProject();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < lab.projects().size(); i++) {
            Ask ask = asks.get(lab.projects().get(i).id());
            if (ask != null) {
                String at = "projects[" + i + "].ask";
                dev.allot.core.rules.JobShapeRules.fits(ask, lab.capacityGpus())
                        .forEach(problem -> problems.add(problem.under(at)));
            }
        }
        return problems;
    }

    /**
     * A category's share minimum needs a project in it that the planner may grant GPUs to (an active project with an
     * ask, or one the {@code noAsk} rule asks for, or a pin). Without one, every plan that grants anything at all
     * breaks the minimum, so the lab is refused here, naming the bound, instead of as an infeasible policy whose
     * conflict report names every project that keeps the fleet busy.
     */
    public static List<Problem> shareMinimumsOfEmptyCategories(Lab lab) {
        Map<ProjectId, Ask> asks = MissingAsks.asksForPlanning(lab);
        java.util.Set<ProjectId> pinned = new java.util.HashSet<>();
        lab.pins().stream().filter(pin -> !pin.gpus().isEmpty()).forEach(pin -> pinned.add(pin.project()));
        java.util.Set<String> grantable = new java.util.HashSet<>();
        for (Project project : lab.projects()) {
            if (project.status() == ProjectStatus.ACTIVE
                    && (asks.containsKey(project.id()) || pinned.contains(project.id()))) {
                grantable.add(project.category().value());
            }
        }
        List<Problem> problems = new ArrayList<>();
        if (grantable.isEmpty()) {
            return problems;
        }
        for (var bound : lab.policy().shareBounds()) {
            String category = bound.category().value();
            if (bound.minShare() > 0 && !grantable.contains(category)) {
                String percent = Math.round(bound.minShare() * 1000) / 10.0 + " %";
                problems.add(new Problem(
                        "policy.shares." + category + ".min",
                        percent.replace(".0 %", " %"),
                        "category " + category + " has no active project with an ask, so no plan that grants GPUs"
                                + " can give it its minimum share",
                        "Maybe drop the minimum, or add a project with an ask to " + category + "?"));
            }
        }
        return problems;
    }

    /**
     * A pin is the deciders' grant to a project the planner would otherwise plan; a paused, killed or done project
     * gets nothing, so a pin of GPUs on it is refused (an empty pin, which holds a project at zero, is allowed).
     */
    public static List<Problem> pinsOnInactiveProjects(Lab lab) {
        Map<ProjectId, Project> projects = lab.projectsById();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < lab.pins().size(); i++) {
            Pin pin = lab.pins().get(i);
            Project project = projects.get(pin.project());
            if (project == null
                    || project.status() == ProjectStatus.ACTIVE
                    || pin.gpus().isEmpty()) {
                continue;
            }
            String status = project.status().name().toLowerCase(Locale.ROOT);
            problems.add(new Problem(
                    "pins[" + i + "].project",
                    pin.project().value(),
                    "project " + pin.project() + " is " + status + ", so it cannot be pinned to " + pin.gpus()
                            + " (only active projects get GPUs)",
                    "Maybe set its status to active, or drop the pin?"));
        }
        return problems;
    }

    /**
     * With whole-node grants, an ask must leave at least one whole-node total between its floor and its ceiling
     * (narrowed, for a continuing project, to the policy's max change); otherwise the project can never be funded,
     * and a continuing project the planner may not drop makes the whole lab infeasible.
     */
    public static List<Problem> wholeNodeAsks(Lab lab) {
        List<Problem> problems = new ArrayList<>();
        if (lab.policy().granularity() != Granularity.NODE) {
            return problems;
        }
        Fleet fleet = Fleet.of(lab);
        Map<ProjectId, Ask> asks = lab.asksByProject();
        Map<ProjectId, Allocation> previous =
                lab.previousCycle().map(past -> past.grants()).orElse(Map.of());
        for (int i = 0; i < lab.projects().size(); i++) {
            Project project = lab.projects().get(i);
            Ask ask = asks.get(project.id());
            boolean planned = ask != null
                    && project.status() == ProjectStatus.ACTIVE
                    && !lab.pinsByProject().containsKey(project.id())
                    && !isKilled(lab.overridesByProject().get(project.id()));
            if (!planned || ask.floorGpus() == 0) {
                continue;
            }
            int had = previous.getOrDefault(project.id(), Allocation.NONE).totalGpus();
            checkAsk(lab, fleet, i, project, ask, had).ifPresent(problems::add);
        }
        return problems;
    }

    private static Optional<Problem> checkAsk(
            Lab lab, Fleet fleet, int index, Project project, Ask ask, int previousGpus) {
        List<GpuTypeId> types = fleet.types().stream().filter(ask::accepts).toList();
        int low = ask.floorGpus();
        int high = ask.ceilingGpus();
        String range = "between its floor (" + low + ") and ceiling (" + high + ")";
        boolean mustFund = previousGpus > 0
                && !lab.policy().plannerMayKill()
                && !lab.overridesByProject().containsKey(project.id());
        if (previousGpus > 0) {
            // Continuity bounds effective compute; in GPUs, a total outside [min / fastest, max / slowest] of the
            // accepted types can meet it on no mix of them.
            Allocation before = lab.previousGrant(project.id());
            Continuity continuity = Continuity.of(lab.policy(), before, low, high, types, fleet);
            double fastest = types.stream().mapToDouble(fleet::speed).max().orElse(1);
            double slowest = types.stream().mapToDouble(fleet::speed).min().orElse(1);
            int shrink = fastest <= 0 ? 0 : (int) Math.ceil(continuity.minEffective() / fastest - 1e-6);
            int grow = slowest <= 0 ? high : (int) Math.floor(continuity.maxEffective() / slowest + 1e-6);
            if (shrink > low || grow < high) {
                low = Math.max(low, shrink);
                high = Math.min(high, grow);
                range = "between " + low + " and " + high + " GPUs (its floor " + ask.floorGpus() + " and ceiling "
                        + ask.ceilingGpus() + ", within the policy's max change from its previous " + previousGpus
                        + ")";
            }
        }
        int limit = Math.max(high, ask.ceilingGpus()) + 2 * fleet.maxUnitGpus();
        BitSet totals = wholeNodeTotals(fleet, types, limit);
        int found = totals.nextSetBit(low);
        if (types.isEmpty()) {
            return Optional.empty();
        }
        if (found >= 0 && found <= high) {
            return lab.policy().jobShapes() == JobShapes.STRICT
                    ? largestJobOutOfReach(fleet, index, project, ask, types, low, high, range, mustFund)
                    : Optional.empty();
        }
        boolean floorOff = !totals.get(ask.floorGpus());
        String field = floorOff ? "floor" : "ceiling";
        int value = floorOff ? ask.floorGpus() : ask.ceilingGpus();
        int below = totals.previousSetBit(value);
        int above = totals.nextSetBit(value);
        StringJoiner nearest = new StringJoiner(" or ");
        if (below > 0) {
            nearest.add(String.valueOf(below));
        }
        if (above > 0) {
            nearest.add(String.valueOf(above));
        }
        String consequence = mustFund
                ? "; as a continuing project only the deciders may drop, it would make the whole lab infeasible"
                : "; it could never be funded";
        return Optional.of(new Problem(
                "projects[" + index + "].ask." + field,
                String.valueOf(value),
                "the " + field + " of project " + project.id() + " (" + value
                        + " GPUs) leaves no whole number of nodes " + range + ": " + nodeSizes(fleet, types)
                        + consequence,
                "Maybe a " + field + " of " + nearest + " GPUs?"));
    }

    /**
     * Under strict job shapes a type is granted 0 or at least the largest job, in whole nodes (a 12-GPU job on
     * 8-GPU nodes needs 16): an ask whose range holds whole-node totals but none that starts the largest job can
     * never be funded either, and a continuing project the planner may not drop makes the lab infeasible.
     */
    private static Optional<Problem> largestJobOutOfReach(
            Fleet fleet,
            int index,
            Project project,
            Ask ask,
            List<GpuTypeId> types,
            int low,
            int high,
            String range,
            boolean mustFund) {
        int largest = ask.largestJobGpus();
        int limit = Math.max(high, largest) + 2 * fleet.maxUnitGpus();
        BitSet totals = wholeNodeTotals(fleet, types, limit, largest);
        int found = totals.nextSetBit(Math.max(low, 1));
        if (largest == 0 || (found >= 0 && found <= high)) {
            return Optional.empty();
        }
        StringJoiner needs = new StringJoiner(", ");
        types.forEach(type -> needs.add(nodesFor(largest, fleet.unitGpus(type)) + " " + type));
        return Optional.of(new Problem(
                "projects[" + index + "].ask.ceiling",
                String.valueOf(ask.ceilingGpus()),
                "project " + project.id() + " leaves no grant " + range + " that starts its largest job ("
                        + largest + " GPUs): under strict job shapes a type is granted 0 or at least that job in"
                        + " whole nodes, which is " + needs
                        + (mustFund
                                ? "; as a continuing project only the deciders may drop, it would make the whole lab"
                                        + " infeasible"
                                : "; it could never be funded"),
                found < 0
                        ? "Maybe a smaller largest job?"
                        : "Maybe a ceiling of " + found + " GPUs, or a smaller largest job?"));
    }

    /** GPUs of the whole nodes of {@code unit} GPUs that hold {@code gpus}. */
    static int nodesFor(int gpus, int unit) {
        return Math.max(unit, (gpus + unit - 1) / unit * unit);
    }

    private static boolean isKilled(DeciderOverride override) {
        return override != null && override.action() == DeciderOverride.Action.KILL;
    }

    /** Which totals up to {@code limit} GPUs whole nodes of the given types can make (0 included). */
    static BitSet wholeNodeTotals(Fleet fleet, List<GpuTypeId> types, int limit) {
        return wholeNodeTotals(fleet, types, limit, 0);
    }

    /** As above, each type granted 0 or at least {@code smallestGrant} GPUs in whole nodes (strict job shapes). */
    static BitSet wholeNodeTotals(Fleet fleet, List<GpuTypeId> types, int limit, int smallestGrant) {
        BitSet reachable = new BitSet(limit + 1);
        reachable.set(0);
        for (GpuTypeId type : types) {
            int unit = fleet.unitGpus(type);
            int first = nodesFor(smallestGrant, unit);
            BitSet withType = new BitSet(limit + 1);
            for (int total = first; total <= limit; total++) {
                if (reachable.get(total - first) || (total - unit >= first && withType.get(total - unit))) {
                    withType.set(total);
                }
            }
            reachable.or(withType);
        }
        return reachable;
    }

    private static String nodeSizes(Fleet fleet, List<GpuTypeId> types) {
        StringJoiner sizes = new StringJoiner(", ");
        types.forEach(type -> sizes.add(type + " comes in nodes of " + fleet.unitGpus(type) + " GPUs"));
        return sizes.toString();
    }
}
