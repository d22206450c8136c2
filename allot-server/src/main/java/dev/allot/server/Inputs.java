package dev.allot.server;

import dev.allot.core.Problem;
import dev.allot.core.guard.GuardThresholds;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.Ask;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.DeciderOverride;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Granularity;
import dev.allot.core.model.JobShape;
import dev.allot.core.model.JobShapes;
import dev.allot.core.model.NoAsk;
import dev.allot.core.model.Pin;
import dev.allot.core.model.Policy;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectStatus;
import dev.allot.core.model.Score;
import dev.allot.core.model.ShareBound;
import dev.allot.core.model.ShareRelation;
import dev.allot.core.model.UsagePolicy;
import dev.allot.core.rules.AskRules;
import dev.allot.core.rules.Fleet;
import dev.allot.core.rules.FleetRules;
import dev.allot.core.rules.JobShapeRules;
import dev.allot.core.rules.Limits;
import dev.allot.core.rules.PolicyRules;
import dev.allot.store.Evidence;
import dev.allot.store.StoredAsk;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Request bodies turned into domain values; every rule of the domain is checked here first, with field paths. */
final class Inputs {
    static final int MAX_GPUS = Limits.MAX_GPUS;
    private static final List<String> STATUSES = List.of("active", "paused", "killed", "done");

    private Inputs() {}

    static Project project(Fields f, ProjectId id) {
        String name = f.text("name", Fields.MAX_NAME, id.value());
        String category = f.slug("category", null);
        String lead = f.slug("lead", null);
        List<String> members = f.texts("members", Fields.MAX_LIST, 64);
        String status = f.choice("status", STATUSES, "active");
        f.done();
        return new Project(
                id,
                name,
                CategoryId.of(category),
                lead,
                members,
                ProjectStatus.valueOf(status.toUpperCase(Locale.ROOT)));
    }

    /**
     * An ask body. {@code labRules} are the rules of the ask against the lab (its job shape against the pools, see
     * {@code Reviews.askProblems}), checked with the body's own so that every problem is reported at once.
     */
    static StoredAsk ask(Fields f, ProjectId project, Function<Ask, List<Problem>> labRules) {
        int floor = f.integer("floorGpus", 0, MAX_GPUS, null);
        int target = f.integer("targetGpus", 0, MAX_GPUS, null);
        int ceiling = f.integer("ceilingGpus", 0, MAX_GPUS, null);
        if (f.ok()) {
            AskRules.order(project.value(), floor, target, ceiling)
                    .forEach(problem -> f.add(problem, problem.path() + "Gpus"));
        }
        Set<GpuTypeId> types = new LinkedHashSet<>();
        f.texts("gpuTypes", 50, 64).forEach(type -> types.add(GpuTypeId.of(type.isBlank() ? "?" : type)));
        Map<GpuTypeId, Double> speeds = numbers(f, "speedFactors", 0.01, 100, GpuTypeId::of);
        String justification = f.text("justification", Fields.MAX_TEXT, "");
        java.util.Optional<JobShape> shape = jobShape(f, project);
        Fields evidence = f.object("evidence", false);
        Evidence read = evidence == null
                ? Evidence.NONE
                : new Evidence(
                        evidence.texts("links", 50, 2_000),
                        numbers(evidence, "evalResults", -1e12, 1e12, name -> name),
                        evidence.list(
                                "scalingCurve",
                                200,
                                point -> new Evidence.ScalingPoint(
                                        point.number("gpus", 0, MAX_GPUS, null),
                                        point.number("metric", -1e12, 1e12, null))));
        // the values hold an ask only while every field read so far is right; otherwise done() refuses the body
        Ask asked = f.ok() ? new Ask(project, floor, target, ceiling, types, speeds, justification, shape) : null;
        if (asked != null) {
            labRules.apply(asked).forEach(problem -> f.add(problem, problem.path()));
        }
        f.done();
        return new StoredAsk(asked, read);
    }

    /** {@code jobShape: {largestJobGpus, gpuTypes}} of an ask body, if given; its range is {@link JobShapeRules}'. */
    private static java.util.Optional<JobShape> jobShape(Fields f, ProjectId project) {
        Fields shape = f.object("jobShape", false);
        if (shape == null) {
            return java.util.Optional.empty();
        }
        int largest = shape.integer("largestJobGpus", Integer.MIN_VALUE, Integer.MAX_VALUE, null);
        List<Problem> wrong = JobShapeRules.largestJobGpus(project.value(), largest);
        wrong.forEach(problem -> shape.add(problem, "largestJobGpus"));
        Set<GpuTypeId> types = new LinkedHashSet<>();
        shape.texts("gpuTypes", 50, 64).forEach(type -> types.add(GpuTypeId.of(type.isBlank() ? "?" : type)));
        return f.ok() ? java.util.Optional.of(new JobShape(largest, types)) : java.util.Optional.empty();
    }

    static Score score(Fields f, ProjectId project, String reviewer) {
        int score = f.integer("score", 1, 10, null);
        String comment = f.text("comment", Fields.MAX_TEXT, "");
        f.done();
        return new Score(project, reviewer, score, comment);
    }

    /** A pin: each GPU type one the lab has, within its capacity, in whole nodes when the policy grants them. */
    static Pin pin(Fields f, ProjectId project, Fleet fleet, Granularity granularity) {
        Fields gpus = f.object("gpus", true);
        Map<GpuTypeId, Integer> counts = gpus == null ? Map.of() : integers(gpus);
        counts.forEach((type, count) -> FleetRules.pin(project.value(), type.value(), count, fleet, granularity)
                .forEach(problem -> gpus.add(problem, type.value())));
        String reason = f.text("reason", Fields.MAX_TEXT, "");
        f.done();
        return new Pin(project, new Allocation(counts), reason);
    }

    static DeciderOverride override(Fields f, ProjectId project) {
        String action = f.choice("action", List.of("kill", "fund"), null);
        String reason = f.text("reason", Fields.MAX_TEXT, "");
        f.done();
        return new DeciderOverride(project, DeciderOverride.Action.valueOf(action.toUpperCase(Locale.ROOT)), reason);
    }

    /**
     * The policy {@code base} edited by the body: a field the body names replaces the base's value, a field it leaves
     * out keeps it (so a client that does not know a newer field cannot reset it).
     */
    static Policy policy(Fields f, Policy base) {
        Policy.Builder policy = base.edit();
        if (f.has("reserveFraction")) {
            policy.reserveFraction(f.number("reserveFraction", 0, 0.99, null));
        }
        if (f.has("reserveGpus")) {
            Fields reserveGpus = f.object("reserveGpus", false);
            policy.reserveGpus(reserveGpus == null ? Map.of() : integers(reserveGpus));
        }
        if (f.has("shareBounds")) {
            List<ShareBound> bounds = present(f.list("shareBounds", 50, Inputs::shareBound));
            PolicyRules.shareMinimums(bounds).forEach(problem -> f.add(problem, "shareBounds"));
            policy.shareBounds(bounds);
        }
        if (f.has("relations")) {
            policy.relations(present(f.list("relations", 50, Inputs::relation)));
        }
        if (f.has("maxChangeFraction")) {
            policy.maxChangeFraction(f.number("maxChangeFraction", 0, 100, null));
        }
        if (f.has("granularity")) {
            String granularity = f.choice("granularity", List.of("node", "gpu"), null);
            policy.granularity(Granularity.valueOf(granularity.toUpperCase(Locale.ROOT)));
        }
        if (f.has("yieldNoticeDays")) {
            policy.yieldNoticeDays(f.integer("yieldNoticeDays", 0, 365, null));
        }
        if (f.has("plannerMayKill")) {
            policy.plannerMayKill(f.flag("plannerMayKill"));
        }
        if (f.has("commentsShared")) {
            policy.commentsShared(f.flag("commentsShared"));
        }
        if (f.has("periodDays")) {
            policy.periodDays(f.integer("periodDays", 1, 366, null));
        }
        if (f.has("approvals")) {
            policy.approvals(f.integer("approvals", 0, 100, null));
        }
        if (f.has("guard")) {
            Fields guard = f.object("guard", false);
            policy.guard(guard == null ? GuardThresholds.DEFAULTS : guard(guard, base.guard()));
        }
        if (f.has("value")) {
            policy.value(ValueInputs.value(f, base.value()));
        }
        if (f.has("usage")) {
            Fields usage = f.object("usage", false);
            policy.usage(usage == null ? base.usage() : usage(usage, base.usage()));
        }
        if (f.has("jobShapes")) {
            String setting = f.text("jobShapes", 32, null);
            PolicyRules.jobShapes(setting).forEach(problem -> f.add(problem, "jobShapes"));
            JobShapes.parse(setting).ifPresent(policy::jobShapes);
        }
        if (f.has("noAsk")) {
            String rule = f.text("noAsk", 32, null);
            List<Problem> problems = PolicyRules.noAsk(rule);
            problems.forEach(problem -> f.add(problem, "noAsk"));
            NoAsk.parse(rule).ifPresent(policy::noAsk);
        }
        f.done();
        return policy.build();
    }

    /** The usage rule: a key the body leaves out keeps {@code base}'s value; every problem of the rule at once. */
    private static UsagePolicy usage(Fields usage, UsagePolicy base) {
        Double idleBelow = usage.has("idleBelow") ? usage.number("idleBelow", -1e9, 1e9, null) : null;
        String action = usage.has("action") ? usage.text("action", 64, null) : null;
        Double headroom = usage.has("headroom") ? usage.number("headroom", -1e9, 1e9, null) : null;
        List<Problem> problems = PolicyRules.usage(idleBelow, action, headroom);
        problems.forEach(problem -> usage.add(problem, problem.path()));
        if (!problems.isEmpty() || !usage.ok()) {
            return base;
        }
        return new UsagePolicy(
                idleBelow == null ? base.idleBelow() : idleBelow,
                action == null
                        ? base.action()
                        : UsagePolicy.Action.parse(action).orElseThrow(),
                headroom == null ? base.headroom() : headroom);
    }

    /** Guard thresholds: a key the body leaves out keeps {@code base}'s value. */
    private static GuardThresholds guard(Fields guard, GuardThresholds base) {
        return new GuardThresholds(
                guard.number("maxKillFraction", 0, 1, base.maxKillFraction()),
                guard.number("maxIdleFraction", 0, 1, base.maxIdleFraction()),
                guard.number("maxShareSwing", 0, 1, base.maxShareSwing()),
                guard.number("maxComputeLoss", 0, 1, base.maxComputeLoss()),
                guard.number("maxReserveFraction", 0, 1, base.maxReserveFraction()));
    }

    private static ShareBound shareBound(Fields bound) {
        String category = bound.slug("category", null);
        double min = bound.number("minShare", 0, 1, 0.0);
        double max = bound.number("maxShare", 0, 1, 1.0);
        List<Problem> order = PolicyRules.shareBound(category, min, max);
        if (!order.isEmpty()) {
            order.forEach(problem -> bound.add(problem, "minShare"));
            return null;
        }
        return category.isEmpty() ? null : new ShareBound(CategoryId.of(category), min, max);
    }

    private static ShareRelation relation(Fields relation) {
        String left = relation.slug("left", null);
        double factor = relation.number("factor", 0, 100, 1.0);
        String right = relation.slug("right", null);
        return left.isEmpty() || right.isEmpty()
                ? null
                : new ShareRelation(CategoryId.of(left), factor, CategoryId.of(right));
    }

    private static <T> List<T> present(List<T> items) {
        return items.stream().filter(item -> item != null).toList();
    }

    /** Fields of a map such as {@code {"H100": 8}}: whole GPU counts per type. */
    private static Map<GpuTypeId, Integer> integers(Fields map) {
        Map<GpuTypeId, Integer> counts = new LinkedHashMap<>();
        List<String> names = map.names();
        if (names.size() > 50) {
            map.problem("", names.size() + " types", "names more than 50 GPU types", "");
            return counts;
        }
        for (String type : names) {
            int gpus = map.integer(type, 0, MAX_GPUS, null);
            if (!type.isBlank() && type.length() <= 64) {
                counts.put(GpuTypeId.of(type), gpus);
            } else {
                map.problem(type, type, "is not a GPU type name", "Maybe H100?");
            }
        }
        return counts;
    }

    private static <K> Map<K, Double> numbers(Fields f, String field, double min, double max, Function<String, K> key) {
        Fields map = f.object(field, false);
        Map<K, Double> values = new LinkedHashMap<>();
        if (map == null) {
            return values;
        }
        List<String> names = map.names();
        if (names.size() > 100) {
            f.problem(field, names.size() + " entries", "has more than 100 entries", "");
            return values;
        }
        for (String name : names) {
            double value = map.number(name, min, max, null);
            if (name.isBlank() || name.length() > 64) {
                map.problem(name, name, "is not a valid name (1-64 characters)", "");
            } else {
                values.put(key.apply(name), value);
            }
        }
        return values;
    }
}
