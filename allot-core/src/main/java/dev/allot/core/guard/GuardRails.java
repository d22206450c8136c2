package dev.allot.core.guard;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.Decision;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.model.ProjectStatus;
import dev.allot.core.model.ShareBound;
import dev.allot.core.model.ShareRelation;
import dev.allot.core.planner.MissingAsks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The warnings a draft raises before it may be published: the catastrophic cases (mass kills, idle capacity, a
 * policy met only vacuously) and the unusual ones (big swings, type moves, silent projects, departed leads). Each
 * rule is one method; the caller shows them and records each decider's acknowledgement.
 *
 * <p>Compares the draft with the lab's previous cycle (the last published plan), in effective compute.
 */
public final class GuardRails {
    private final Lab lab;
    private final Plan draft;
    private final GuardThresholds thresholds;
    private final Predicate<String> leadPresent;

    private GuardRails(Lab lab, Plan draft, GuardThresholds thresholds, Predicate<String> leadPresent) {
        this.lab = lab;
        this.draft = draft;
        this.thresholds = thresholds;
        this.leadPresent = leadPresent;
    }

    /**
     * Every warning of {@code draft}, in rule order.
     *
     * @param leadPresent whether a project lead is still in the lab (for example, still has an account); pass
     *     {@code lead -> true} when the lab does not know who left
     */
    public static List<GuardWarning> check(
            Lab lab, Plan draft, GuardThresholds thresholds, Predicate<String> leadPresent) {
        GuardRails rails = new GuardRails(lab, draft, thresholds, leadPresent);
        List<GuardWarning> warnings = new ArrayList<>();
        rails.massKill(warnings);
        rails.idleCapacity(warnings);
        rails.vacuousRules(warnings);
        rails.shareSwings(warnings);
        rails.continuingProjects(warnings);
        rails.noAsk(warnings);
        rails.leadLeft(warnings);
        rails.largestJob(warnings);
        return List.copyOf(warnings);
    }

    private void massKill(List<GuardWarning> warnings) {
        long active = lab.projects().stream()
                .filter(project -> project.status() == ProjectStatus.ACTIVE)
                .count();
        List<ProjectId> killed = projectsWith(line -> line.decision() == Decision.KILL);
        if (active > 0 && killed.size() > thresholds.maxKillFraction() * active) {
            warnings.add(new GuardWarning(
                    GuardRule.MASS_KILL,
                    "The draft kills %d of %d active projects (%s, limit %s)."
                            .formatted(
                                    killed.size(),
                                    active,
                                    percent((double) killed.size() / active),
                                    percent(thresholds.maxKillFraction())),
                    killed));
        }
    }

    private void idleCapacity(List<GuardWarning> warnings) {
        int fleet = sum(draft.capacityGpus());
        int allocatable = sum(draft.allocatableGpus());
        int granted = sum(draft.grantedGpus());
        int idle = allocatable - granted;
        int reserved = fleet - allocatable;
        if (fleet > 0 && reserved > thresholds.maxReserveFraction() * fleet) {
            warnings.add(new GuardWarning(
                    GuardRule.IDLE_CAPACITY,
                    "The reserve holds back %s of %s GPUs (%s of the fleet, limit %s); %s are granted."
                            .formatted(
                                    thousands(reserved),
                                    thousands(fleet),
                                    percent((double) reserved / fleet),
                                    percent(thresholds.maxReserveFraction()),
                                    thousands(granted)),
                    List.of()));
        }
        if (fleet > 0 && idle > thresholds.maxIdleFraction() * fleet) {
            warnings.add(new GuardWarning(
                    GuardRule.IDLE_CAPACITY,
                    "%s of %s GPUs are left unallocated beyond the reserve (%s of the fleet, limit %s); %s are granted."
                            .formatted(
                                    thousands(idle),
                                    thousands(fleet),
                                    percent((double) idle / fleet),
                                    percent(thresholds.maxIdleFraction()),
                                    thousands(granted)),
                    List.of()));
        }
    }

    private void vacuousRules(List<GuardWarning> warnings) {
        CategoryCompute compute = CategoryCompute.of(lab, draft.grants());
        for (ShareRelation relation : lab.policy().relations()) {
            if (compute.verdict(relation) == Verdict.VACUOUS) {
                warnings.add(new GuardWarning(
                        GuardRule.VACUOUS_RELATION,
                        "'%s' holds only vacuously: both %s and %s get no compute."
                                .formatted(relation, relation.left(), relation.right()),
                        List.of()));
            }
        }
        for (ShareBound bound : lab.policy().shareBounds()) {
            if (compute.verdict(bound) == Verdict.VACUOUS) {
                warnings.add(new GuardWarning(
                        GuardRule.VACUOUS_SHARE_BOUND,
                        "The share bound of %s (%s to %s) holds only vacuously: the draft grants no compute at all."
                                .formatted(bound.category(), percent(bound.minShare()), percent(bound.maxShare())),
                        List.of()));
            }
        }
    }

    private void shareSwings(List<GuardWarning> warnings) {
        if (lab.previousCycle().isEmpty()) {
            return;
        }
        CategoryCompute before =
                CategoryCompute.of(lab, lab.previousCycle().get().grants());
        CategoryCompute after = CategoryCompute.of(lab, draft.grants());
        if (before.total() <= 0 || after.total() <= 0) {
            return;
        }
        for (var category : lab.categories()) {
            CategoryId id = category.id();
            double swing = after.share(id) - before.share(id);
            if (Math.abs(swing) > thresholds.maxShareSwing() + 1e-9) {
                warnings.add(new GuardWarning(
                        GuardRule.SHARE_SWING,
                        "The share of %s moves from %s to %s of effective compute (%+.1f points, limit %.0f)."
                                .formatted(
                                        id,
                                        percent(before.share(id)),
                                        percent(after.share(id)),
                                        swing * 100,
                                        thresholds.maxShareSwing() * 100),
                        List.of()));
            }
        }
    }

    private void continuingProjects(List<GuardWarning> warnings) {
        for (ProjectPlan line : draft.projects()) {
            Allocation previous = line.previous();
            Allocation grant = line.grant();
            if (previous.isEmpty() || grant.isEmpty()) {
                continue; // new, declined and killed projects are covered by the other rules
            }
            double before = CategoryCompute.effectiveGpus(lab, previous);
            double after = CategoryCompute.effectiveGpus(lab, grant);
            double loss = before <= 0 ? 0 : (before - after) / before;
            if (loss > thresholds.maxComputeLoss() + 1e-9) {
                warnings.add(new GuardWarning(
                        GuardRule.COMPUTE_LOSS,
                        "%s loses %s of its effective compute (%s -> %s)."
                                .formatted(line.project(), percent(loss), previous, grant),
                        List.of(line.project())));
            }
            Set<?> typesBefore = previous.gpus().keySet();
            Set<?> typesAfter = grant.gpus().keySet();
            if (!typesBefore.equals(typesAfter)) {
                warnings.add(new GuardWarning(
                        GuardRule.GPU_TYPE_CHANGE,
                        "%s changes GPU type: %s -> %s (%+.0f %% compute)."
                                .formatted(
                                        line.project(),
                                        previous,
                                        grant,
                                        before <= 0 ? 0 : 100 * (after - before) / before),
                        List.of(line.project())));
            }
        }
    }

    private void noAsk(List<GuardWarning> warnings) {
        Map<ProjectId, ?> asks = lab.asksByProject();
        List<ProjectId> silent = lab.projects().stream()
                .filter(project -> project.status() == ProjectStatus.ACTIVE)
                .map(Project::id)
                .filter(id -> !asks.containsKey(id))
                .toList();
        if (!silent.isEmpty()) {
            int continuing = MissingAsks.silent(lab).size();
            String treatment = continuing == 0
                    ? ""
                    : " For the %d with a grant last cycle, %s."
                            .formatted(continuing, MissingAsks.rule(lab.policy().noAsk()));
            warnings.add(new GuardWarning(
                    GuardRule.NO_ASK,
                    "%d active project%s made no ask this cycle: %s.%s"
                            .formatted(silent.size(), silent.size() == 1 ? "" : "s", names(silent), treatment),
                    silent));
        }
    }

    private void leadLeft(List<GuardWarning> warnings) {
        Map<ProjectId, Project> projects = lab.projectsById();
        List<ProjectId> orphaned = projectsWith(line -> {
            Project project = projects.get(line.project());
            return !line.grant().isEmpty()
                    && project != null
                    && !project.lead().isBlank()
                    && !leadPresent.test(project.lead());
        });
        if (!orphaned.isEmpty()) {
            warnings.add(new GuardWarning(
                    GuardRule.LEAD_LEFT,
                    "%d project%s with a grant %s a lead who has left the lab: %s."
                            .formatted(
                                    orphaned.size(),
                                    orphaned.size() == 1 ? "" : "s",
                                    orphaned.size() == 1 ? "has" : "have",
                                    names(orphaned)),
                    orphaned));
        }
    }

    /** Under {@code jobShapes: warn}, a grant of a type below the project's largest job (strict plans have none). */
    private void largestJob(List<GuardWarning> warnings) {
        Map<ProjectId, dev.allot.core.model.Ask> asks = lab.asksByProject();
        for (ProjectPlan line : draft.projects()) {
            dev.allot.core.model.Ask ask = asks.get(line.project());
            if (ask == null || ask.jobShape().isEmpty()) {
                continue;
            }
            ask.jobShape()
                    .get()
                    .shortfall(line.grant())
                    .ifPresent(sentence -> warnings.add(new GuardWarning(
                            GuardRule.LARGEST_JOB,
                            "%s: the draft %s.".formatted(line.project(), sentence),
                            List.of(line.project()))));
        }
    }

    private List<ProjectId> projectsWith(Predicate<ProjectPlan> test) {
        return draft.projects().stream().filter(test).map(ProjectPlan::project).toList();
    }

    private static int sum(Map<?, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static String names(List<ProjectId> ids) {
        List<String> shown = ids.stream().limit(10).map(ProjectId::value).toList();
        return String.join(", ", shown)
                + (ids.size() > shown.size() ? " and " + (ids.size() - shown.size()) + " more" : "");
    }

    private static String percent(double fraction) {
        double value = fraction * 100;
        return (value == Math.rint(value)
                        ? String.format(Locale.ROOT, "%.0f", value)
                        : String.format(Locale.ROOT, "%.1f", value))
                + " %";
    }

    private static String thousands(int value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
