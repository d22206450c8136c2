package dev.allot.web;

import dev.allot.core.guard.CategoryCompute;
import dev.allot.core.guard.Verdict;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.GpuType;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.NoAsk;
import dev.allot.core.model.Plan;
import dev.allot.core.model.Policy;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.model.ShareBound;
import dev.allot.core.model.ShareRelation;
import dev.allot.core.model.UsagePolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The policy as the deciders check it: reserve, category bounds with the draft's shares, and share relations. */
record PolicyPanel(
        String reserve,
        String reservePercent,
        List<BoundLine> bounds,
        List<RelationLine> relations,
        String change,
        boolean plannerMayKill,
        UsageLine usage,
        String noAsk) {

    /** The usage rule as the form shows it: the threshold and headroom in percent, the action's label. */
    record UsageLine(String text, String idleBelowPercent, String action, String headroomPercent) {
        static UsageLine of(UsagePolicy usage) {
            String text = "grants used below " + Format.percent(usage.idleBelow()) + " are idle; "
                    + (usage.caps()
                            ? "the planner caps them at their use plus " + Format.percent(usage.headroom())
                            : "they are flagged, not capped");
            return new UsageLine(
                    text, number(usage.idleBelow() * 100), usage.action().label(), number(usage.headroom() * 100));
        }
    }

    /**
     * A category's bounds (every category has a line; {@code bounded} says whether the policy bounds it); the
     * {@code ...Percent} fields are the form's values, "-" share without a plan.
     */
    record BoundLine(
            String category,
            boolean bounded,
            String min,
            String max,
            String minPercent,
            String maxPercent,
            String share,
            boolean met) {}

    /**
     * A relation and its verdict in the plan: "met", "not met", "vacuous" (holds only because both sides get no
     * compute, which is not a policy met) or "" without a plan (no verdict to give).
     */
    record RelationLine(String text, String verdict) {
        boolean met() {
            return verdict.equals(Verdict.MET.label());
        }

        /** What the page shows after the relation. */
        String shown() {
            if (verdict.isEmpty()) {
                return "";
            }
            return met()
                    ? "✓ met"
                    : verdict.equals(Verdict.VACUOUS.label()) ? "⚠ vacuous: both sides get no compute" : "✗ not met";
        }
    }

    static PolicyPanel of(Lab lab, Optional<Plan> plan) {
        Policy policy = lab.policy();
        Map<CategoryId, Double> shares = plan.map(p -> shares(lab, p)).orElse(Map.of());
        List<BoundLine> bounds = new ArrayList<>();
        for (var category : lab.categories()) {
            ShareBound bound = policy.shareBounds().stream()
                    .filter(b -> b.category().equals(category.id()))
                    .findFirst()
                    .orElse(null);
            Double share = plan.isPresent() ? shares.getOrDefault(category.id(), 0.0) : null;
            boolean met = bound == null
                    || share == null
                    || share >= bound.minShare() - 1e-6 && share <= bound.maxShare() + 1e-6;
            bounds.add(new BoundLine(
                    category.id().value(),
                    bound != null,
                    bound == null ? "-" : Format.percent(bound.minShare()),
                    bound == null ? "-" : Format.percent(bound.maxShare()),
                    bound == null ? "" : number(bound.minShare() * 100),
                    bound == null ? "" : number(bound.maxShare() * 100),
                    share == null ? "-" : Format.percent(share),
                    met));
        }
        List<RelationLine> relations = new ArrayList<>();
        Optional<CategoryCompute> compute = plan.map(p -> CategoryCompute.of(lab, p.grants()));
        for (ShareRelation relation : policy.relations()) {
            relations.add(new RelationLine(
                    relation.toString(),
                    compute.map(c -> c.verdict(relation).label()).orElse("")));
        }
        String reserve = Format.percent(policy.reserveFraction()) + " of every GPU type"
                + (policy.reserveGpus().isEmpty() ? "" : ", plus " + policy.reserveGpus());
        return new PolicyPanel(
                reserve,
                number(policy.reserveFraction() * 100),
                bounds,
                relations,
                "at most " + Format.percent(policy.maxChangeFraction()) + " change per project per cycle",
                policy.plannerMayKill(),
                UsageLine.of(policy.usage()),
                policy.noAsk().label());
    }

    /** The no-ask rules the form offers, each with what it does. */
    public static List<List<String>> noAskChoices() {
        return List.of(
                List.of(NoAsk.KEEP.label(), "keep: hold their last grant"),
                List.of(NoAsk.FLOOR_ONLY.label(), "floorOnly: shrink as far as continuity allows"),
                List.of(NoAsk.RELEASE.label(), "release: grant nothing (a release)"));
    }

    private static String number(double value) {
        return value == Math.rint(value)
                ? String.valueOf((long) value)
                : String.format(java.util.Locale.ROOT, "%.2f", value);
    }

    /** Each category's share (0..1) of the granted compute, GPUs weighted by their type's speed as the policy is. */
    static Map<CategoryId, Double> shares(Lab lab, Plan plan) {
        Map<GpuTypeId, GpuType> types = lab.gpuTypesById();
        Map<CategoryId, Double> effective = new HashMap<>();
        double total = 0;
        for (ProjectPlan line : plan.projects()) {
            double compute = 0;
            for (Map.Entry<GpuTypeId, Integer> entry : line.grant().gpus().entrySet()) {
                GpuType type = types.get(entry.getKey());
                compute += entry.getValue() * (type == null ? 0 : type.relativeSpeed());
            }
            effective.merge(line.category(), compute, Double::sum);
            total += compute;
        }
        Map<CategoryId, Double> shares = new HashMap<>();
        for (var entry : effective.entrySet()) {
            shares.put(entry.getKey(), total == 0 ? 0 : entry.getValue() / total);
        }
        return shares;
    }
}
