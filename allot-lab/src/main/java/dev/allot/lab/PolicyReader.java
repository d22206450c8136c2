package dev.allot.lab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.allot.core.Problem;
import dev.allot.core.guard.GuardThresholds;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Granularity;
import dev.allot.core.model.JobShapes;
import dev.allot.core.model.NoAsk;
import dev.allot.core.model.Policy;
import dev.allot.core.model.ShareBound;
import dev.allot.core.model.ShareRelation;
import dev.allot.core.model.UsagePolicy;
import dev.allot.core.model.ValuePolicy;
import dev.allot.core.rules.PolicyRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the {@code policy} section; every key is optional and defaults to {@link Policy#defaults()}. */
final class PolicyReader {
    static final List<String> KEYS = List.of(
            "reserve",
            "reserveGpus",
            "shares",
            "relations",
            "maxChangePerCycle",
            "granularity",
            "yieldNoticeDays",
            "plannerMayKill",
            "approvals",
            "guard",
            "value",
            "usage",
            "noAsk",
            "periodDays",
            "commentsShared",
            "jobShapes");
    private static final List<String> GUARD_KEYS =
            List.of("maxKillFraction", "maxIdleFraction", "maxShareSwing", "maxComputeLoss", "maxReserveFraction");
    private static final List<String> USAGE_KEYS = List.of("idleBelow", "action", "headroom");

    private final Problems problems;
    private final References references;
    private final ValuePolicyReader valueReader;
    private Granularity granularity = Policy.defaults().granularity();

    PolicyReader(Problems problems, References references) {
        this.problems = problems;
        this.references = references;
        this.valueReader = new ValuePolicyReader(problems, references);
    }

    /** Checks the projects the value policy names, once the projects are read. */
    void checkValueProjects() {
        valueReader.checkProjects();
    }

    /** The granularity as read, even when other parts of the policy were wrong (pins are checked against it). */
    Granularity granularity() {
        return granularity;
    }

    Policy read(JsonNode node, String path) {
        Policy defaults = Policy.defaults();
        if (node == null) {
            checkDefaultRelations(defaults.relations(), YamlObject.join(path, "relations"));
            return defaults;
        }
        YamlObject policy = YamlObject.of(node, path, problems, KEYS);
        if (policy == null) {
            return null;
        }
        Double reserve =
                policy.has("reserve") ? policy.read("reserve", false, Scalars::percent) : defaults.reserveFraction();
        if (reserve != null && !PolicyRules.reserve(reserve).isEmpty()) {
            PolicyRules.reserve(reserve).forEach(problem -> problems.add(problem.at(policy.path("reserve")), ""));
            reserve = null;
        }
        Map<GpuTypeId, Integer> reserveGpus = reserveGpus(policy);
        List<ShareBound> shares = shares(policy);
        List<ShareRelation> relations = policy.has("relations") ? relations(policy) : defaults.relations();
        if (!policy.has("relations")) {
            checkDefaultRelations(relations, policy.path("relations"));
        }
        Double maxChange = policy.has("maxChangePerCycle")
                ? policy.read("maxChangePerCycle", false, Scalars::percent)
                : defaults.maxChangeFraction();
        Granularity read = policy.choice("granularity", Granularity.class, defaults.granularity(), PolicyReader::label);
        granularity = read == null ? granularity : read;
        Integer notice = policy.has("yieldNoticeDays")
                ? policy.count("yieldNoticeDays", false)
                : Integer.valueOf(defaults.yieldNoticeDays());
        Boolean mayKill = policy.has("plannerMayKill")
                ? policy.read("plannerMayKill", false, Scalars::flag)
                : Boolean.valueOf(defaults.plannerMayKill());
        Boolean commentsShared = policy.has("commentsShared")
                ? policy.read("commentsShared", false, Scalars::flag)
                : Boolean.valueOf(defaults.commentsShared());
        Integer approvals = policy.has("approvals") ? approvals(policy) : Integer.valueOf(defaults.approvals());
        Integer periodDays = policy.has("periodDays") ? periodDays(policy) : Integer.valueOf(defaults.periodDays());
        GuardThresholds guard = policy.has("guard") ? guard(policy) : defaults.guard();
        ValuePolicy value =
                policy.has("value") ? valueReader.read(policy.value("value"), policy.path("value")) : defaults.value();
        UsagePolicy usage = policy.has("usage") ? usage(policy) : defaults.usage();
        NoAsk noAsk = policy.has("noAsk") ? noAsk(policy) : defaults.noAsk();
        JobShapes jobShapes = policy.has("jobShapes") ? jobShapes(policy) : defaults.jobShapes();
        if (reserve == null
                || usage == null
                || noAsk == null
                || jobShapes == null
                || approvals == null
                || guard == null
                || value == null
                || reserveGpus == null
                || shares == null
                || relations == null
                || maxChange == null
                || read == null
                || notice == null
                || periodDays == null
                || commentsShared == null
                || mayKill == null) {
            return null;
        }
        return defaults.edit()
                .reserveFraction(reserve)
                .reserveGpus(reserveGpus)
                .shareBounds(shares)
                .relations(relations)
                .maxChangeFraction(maxChange)
                .granularity(read)
                .yieldNoticeDays(notice)
                .plannerMayKill(mayKill)
                .approvals(approvals)
                .guard(guard)
                .value(value)
                .usage(usage)
                .noAsk(noAsk)
                .periodDays(periodDays)
                .commentsShared(commentsShared)
                .jobShapes(jobShapes)
                .build();
    }

    private Integer periodDays(YamlObject policy) {
        Integer days = policy.count("periodDays", false);
        if (days != null && !PolicyRules.periodDays(days).isEmpty()) {
            PolicyRules.periodDays(days).forEach(problem -> problems.add(problem.at(policy.path("periodDays")), ""));
            return null;
        }
        return days;
    }

    private NoAsk noAsk(YamlObject policy) {
        String rule = policy.text("noAsk", false);
        if (rule == null) {
            return null;
        }
        PolicyRules.noAsk(rule).forEach(problem -> problems.add(problem.at(policy.path("noAsk")), ""));
        return NoAsk.parse(rule).orElse(null);
    }

    private JobShapes jobShapes(YamlObject policy) {
        String setting = policy.text("jobShapes", false);
        if (setting == null) {
            return null;
        }
        PolicyRules.jobShapes(setting).forEach(problem -> problems.add(problem.at(policy.path("jobShapes")), ""));
        return JobShapes.parse(setting).orElse(null);
    }

    private Integer approvals(YamlObject policy) {
        Integer count = policy.count("approvals", false);
        if (count != null && !PolicyRules.approvals(count).isEmpty()) {
            PolicyRules.approvals(count).forEach(problem -> problems.add(problem.at(policy.path("approvals")), ""));
            return null;
        }
        return count;
    }

    /** The guard-rail thresholds; a missing key keeps its default. */
    private GuardThresholds guard(YamlObject policy) {
        YamlObject guard = YamlObject.of(policy.value("guard"), policy.path("guard"), problems, GUARD_KEYS);
        if (guard == null) {
            return null;
        }
        GuardThresholds defaults = GuardThresholds.DEFAULTS;
        Double kill = threshold(guard, "maxKillFraction", defaults.maxKillFraction());
        Double idle = threshold(guard, "maxIdleFraction", defaults.maxIdleFraction());
        Double swing = threshold(guard, "maxShareSwing", defaults.maxShareSwing());
        Double loss = threshold(guard, "maxComputeLoss", defaults.maxComputeLoss());
        Double reserve = threshold(guard, "maxReserveFraction", defaults.maxReserveFraction());
        if (kill == null || idle == null || swing == null || loss == null || reserve == null) {
            return null;
        }
        return new GuardThresholds(kill, idle, swing, loss, reserve);
    }

    /** The usage rule; a missing key keeps its default, and every problem of the rule is reported at once. */
    private UsagePolicy usage(YamlObject policy) {
        YamlObject usage = YamlObject.of(policy.value("usage"), policy.path("usage"), problems, USAGE_KEYS);
        if (usage == null) {
            return null;
        }
        UsagePolicy defaults = UsagePolicy.DEFAULTS;
        int before = problems.size();
        Double idleBelow = usage.has("idleBelow")
                ? usage.read("idleBelow", false, Scalars::anyPercent)
                : Double.valueOf(defaults.idleBelow());
        String action = usage.has("action")
                ? usage.text("action", false)
                : defaults.action().label();
        Double headroom = usage.has("headroom")
                ? usage.read("headroom", false, Scalars::anyPercent)
                : Double.valueOf(defaults.headroom());
        PolicyRules.usage(idleBelow, action, headroom).forEach(problem -> problems.add(problem, usage.path()));
        if (problems.size() > before || idleBelow == null || action == null || headroom == null) {
            return null;
        }
        return new UsagePolicy(idleBelow, UsagePolicy.Action.parse(action).orElseThrow(), headroom);
    }

    private static Double threshold(YamlObject guard, String key, double fallback) {
        return guard.has(key) ? guard.read(key, false, Scalars::percent) : Double.valueOf(fallback);
    }

    static String label(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    private Map<GpuTypeId, Integer> reserveGpus(YamlObject policy) {
        int before = problems.size();
        Map<GpuTypeId, Integer> reserve = new LinkedHashMap<>();
        policy.map("reserveGpus", Scalars::count).forEach((type, gpus) -> {
            String path = policy.path("reserveGpus") + "." + type;
            if (references.gpuType(type, path)) {
                int capacity = references.capacity(GpuTypeId.of(type));
                if (references.capacityKnown(type)) {
                    PolicyRules.reserveGpus(type, gpus, capacity)
                            .forEach(problem -> problems.add(problem.at(path), ""));
                }
                reserve.put(GpuTypeId.of(type), gpus);
            }
        });
        return problems.size() == before ? reserve : null;
    }

    private List<ShareBound> shares(YamlObject policy) {
        int before = problems.size();
        List<ShareBound> bounds = new ArrayList<>();
        policy.map("shares", (node, path, found) -> YamlObject.of(node, path, found, List.of("min", "max")))
                .forEach((category, bound) -> {
                    boolean known = references.category(category, bound.path());
                    Double min = bound.has("min") ? bound.read("min", false, Scalars::percent) : Double.valueOf(0);
                    Double max = bound.has("max") ? bound.read("max", false, Scalars::percent) : Double.valueOf(1);
                    List<Problem> order =
                            min == null || max == null ? List.of() : PolicyRules.shareBound(category, min, max);
                    if (!order.isEmpty()) {
                        order.forEach(problem -> problems.add(problem, bound.path()));
                    } else if (known && min != null && max != null) {
                        bounds.add(new ShareBound(CategoryId.of(category), min, max));
                    }
                });
        PolicyRules.shareMinimums(bounds).forEach(problem -> problems.add(problem, policy.path("shares")));
        return problems.size() == before ? bounds : null;
    }

    private List<ShareRelation> relations(YamlObject policy) {
        int before = problems.size();
        List<ShareRelation> relations = new ArrayList<>();
        List<JsonNode> items = policy.list("relations", false);
        for (int i = 0; i < items.size(); i++) {
            String path = policy.path("relations") + "[" + i + "]";
            String text = Scalars.text(items.get(i), path, problems);
            if (text == null) {
                continue;
            }
            List<Problem> syntax = PolicyRules.relation(text);
            syntax.forEach(problem -> problems.add(problem.at(path), ""));
            ShareRelation relation = ShareRelation.parse(text).orElse(null);
            if (relation == null) {
                continue;
            }
            boolean left = references.category(relation.left().value(), path);
            boolean right = references.category(relation.right().value(), path);
            if (left && right) {
                relations.add(relation);
            }
        }
        return problems.size() == before ? relations : null;
    }

    /** The default relation names categories a lab may not have; say so rather than ignore it silently. */
    private void checkDefaultRelations(List<ShareRelation> relations, String path) {
        for (ShareRelation relation : relations) {
            for (CategoryId category : List.of(relation.left(), relation.right())) {
                if (!references.categories.contains(category.value()) && !references.categories.isEmpty()) {
                    problems.add(
                            path,
                            relation.toString(),
                            "the default relation names the undeclared category " + category,
                            "Maybe declare it, or write relations: [] for none?");
                }
            }
        }
    }
}
