package dev.allot.lab;

import static dev.allot.lab.YamlText.flow;
import static dev.allot.lab.YamlText.list;
import static dev.allot.lab.YamlText.number;
import static dev.allot.lab.YamlText.scalar;

import dev.allot.core.guard.GuardThresholds;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.Ask;
import dev.allot.core.model.CapacityEvent;
import dev.allot.core.model.Category;
import dev.allot.core.model.DeciderOverride;
import dev.allot.core.model.GpuType;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.JobShapes;
import dev.allot.core.model.Lab;
import dev.allot.core.model.PastCycle;
import dev.allot.core.model.Pin;
import dev.allot.core.model.Policy;
import dev.allot.core.model.Pool;
import dev.allot.core.model.Project;
import dev.allot.core.model.Score;
import dev.allot.core.model.ShareBound;
import dev.allot.core.model.UsagePolicy;
import dev.allot.core.model.ValuePolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes a lab in the lab-file format, every policy key spelt out so the file reads back to the same lab. */
final class LabWriter {
    private final StringBuilder out = new StringBuilder();

    String write(Lab lab) {
        line(0, "name: " + scalar(lab.name()));
        line(0, "cycle: " + scalar(lab.cycle().value()));
        line(0, "cycleStart: " + lab.cycleStart());
        line(0, "gpuTypes:");
        lab.gpuTypes().forEach(this::gpuType);
        line(0, "pools:");
        lab.pools().forEach(pool -> pool(pool, lab.capacityEvents()));
        line(0, "categories:");
        lab.categories().forEach(this::category);
        policy(lab.policy());
        projects(lab);
        if (!lab.pins().isEmpty()) {
            line(0, "pins:");
            lab.pins().forEach(this::pin);
        }
        if (!lab.overrides().isEmpty()) {
            line(0, "overrides:");
            lab.overrides().forEach(this::override);
        }
        if (!lab.history().isEmpty()) {
            line(0, "history:");
            lab.history().forEach(this::pastCycle);
        }
        if (!lab.budgets().isEmpty()) {
            line(0, "budgets:");
            lab.budgets().forEach(budget -> {
                Map<String, String> fields =
                        entries(budget.owner().kind(), scalar(budget.owner().value()));
                fields.put("gpuType", scalar(budget.gpuType().value()));
                fields.put("gpuHours", number(budget.gpuHours()));
                item(flow(fields));
            });
        }
        return out.toString();
    }

    private void gpuType(GpuType type) {
        item(flow(entries("name", scalar(type.id().value()), "speed", number(type.relativeSpeed()))));
    }

    private void pool(Pool pool, List<CapacityEvent> events) {
        Map<String, String> fields = entries("name", scalar(pool.name()), "cluster", scalar(pool.cluster()));
        fields.put("gpuType", scalar(pool.gpuType().value()));
        fields.put("gpus", String.valueOf(pool.gpus()));
        fields.put("gpusPerNode", String.valueOf(pool.gpusPerNode()));
        if (!pool.nodeLabels().isEmpty()) {
            Map<String, String> labels = new java.util.LinkedHashMap<>();
            pool.nodeLabels().forEach((key, value) -> labels.put(scalar(key), scalar(value)));
            fields.put("nodeLabels", flow(labels));
        }
        List<String> own = events.stream()
                .filter(event -> event.pool().equals(pool.name()))
                .map(LabWriter::event)
                .toList();
        if (!own.isEmpty()) {
            fields.put("events", "[" + String.join(", ", own) + "]");
        }
        item(flow(fields));
    }

    private static String event(CapacityEvent event) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("kind", event.kind().label());
        fields.put("gpus", String.valueOf(event.gpus()));
        fields.put("from", event.from().toString());
        event.until().ifPresent(until -> fields.put("until", until.toString()));
        return flow(fields);
    }

    private void category(Category category) {
        Map<String, String> fields = entries("id", scalar(category.id().value()));
        optional(fields, "description", category.description());
        item(flow(fields));
    }

    private void policy(Policy policy) {
        line(0, "policy:");
        line(1, "reserve: " + Percent.format(policy.reserveFraction()));
        line(1, "reserveGpus: " + flow(counts(policy.reserveGpus())));
        if (policy.shareBounds().isEmpty()) {
            line(1, "shares: {}");
        } else {
            line(1, "shares:");
            policy.shareBounds().forEach(this::share);
        }
        if (policy.relations().isEmpty()) {
            line(1, "relations: []");
        } else {
            line(1, "relations:");
            policy.relations().forEach(relation -> line(2, "- " + relation));
        }
        line(1, "maxChangePerCycle: " + Percent.format(policy.maxChangeFraction()));
        line(1, "granularity: " + PolicyReader.label(policy.granularity()));
        line(1, "yieldNoticeDays: " + policy.yieldNoticeDays());
        line(1, "plannerMayKill: " + policy.plannerMayKill());
        if (policy.approvals() != Policy.APPROVALS_BY_DECIDERS) {
            line(1, "approvals: " + policy.approvals());
        }
        if (policy.periodDays() != Policy.DEFAULT_PERIOD_DAYS) {
            line(1, "periodDays: " + policy.periodDays());
        }
        if (policy.commentsShared()) {
            line(1, "commentsShared: true");
        }
        if (policy.jobShapes() != JobShapes.WARN) {
            line(1, "jobShapes: " + policy.jobShapes().label());
        }
        GuardThresholds guard = policy.guard();
        line(1, "guard:");
        line(2, "maxKillFraction: " + Percent.format(guard.maxKillFraction()));
        line(2, "maxIdleFraction: " + Percent.format(guard.maxIdleFraction()));
        line(2, "maxShareSwing: " + Percent.format(guard.maxShareSwing()));
        line(2, "maxComputeLoss: " + Percent.format(guard.maxComputeLoss()));
        line(2, "maxReserveFraction: " + Percent.format(guard.maxReserveFraction()));
        if (!policy.value().equals(ValuePolicy.weights())) {
            value(policy.value());
        }
        if (!policy.usage().equals(UsagePolicy.DEFAULTS)) {
            UsagePolicy usage = policy.usage();
            line(1, "usage:");
            line(2, "idleBelow: " + Percent.format(usage.idleBelow()));
            line(2, "action: " + usage.action().label());
            line(2, "headroom: " + Percent.format(usage.headroom()));
        }
        line(1, "noAsk: " + policy.noAsk().label());
    }

    private void value(ValuePolicy value) {
        line(1, "value:");
        line(2, "basis: " + PolicyReader.label(value.basis()));
        line(2, "cycleHours: " + number(value.cycleHours()));
        line(2, "flopPerGpuHour: " + number(value.flopPerGpuHour()));
        Map<String, String> categories = new LinkedHashMap<>();
        value.worthPerCategory().forEach((category, worth) -> categories.put(category.value(), number(worth)));
        line(2, "worthPerCategory: " + flow(categories));
        Map<String, String> projects = new LinkedHashMap<>();
        value.worthPerProject().forEach((project, worth) -> projects.put(project.value(), number(worth)));
        line(2, "worthPerProject: " + flow(projects));
    }

    private void share(ShareBound bound) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (bound.minShare() != 0) {
            fields.put("min", Percent.format(bound.minShare()));
        }
        if (bound.maxShare() != 1) {
            fields.put("max", Percent.format(bound.maxShare()));
        }
        line(2, scalar(bound.category().value()) + ": " + flow(fields));
    }

    private void projects(Lab lab) {
        if (lab.projects().isEmpty()) {
            line(0, "projects: []");
            return;
        }
        line(0, "projects:");
        Map<?, Ask> asks = lab.asksByProject();
        Map<?, List<Score>> scores = lab.scores().stream().collect(Collectors.groupingBy(Score::project));
        for (Project project : lab.projects()) {
            line(1, "- id: " + scalar(project.id().value()));
            line(2, "name: " + scalar(project.name()));
            line(2, "category: " + scalar(project.category().value()));
            if (!project.lead().isEmpty()) {
                line(2, "lead: " + scalar(project.lead()));
            }
            line(2, "members: " + list(project.members()));
            line(2, "status: " + PolicyReader.label(project.status()));
            Ask ask = asks.get(project.id());
            if (ask != null) {
                ask(ask);
            }
            List<dev.allot.core.model.Block> blocks = lab.blocks().stream()
                    .filter(block -> block.project().equals(project.id()))
                    .toList();
            if (!blocks.isEmpty()) {
                line(2, "blocks:");
                blocks.forEach(block -> {
                    Map<String, String> fields =
                            entries("gpuType", scalar(block.gpuType().value()));
                    fields.put("gpus", String.valueOf(block.gpus()));
                    fields.put("days", String.valueOf(block.days()));
                    fields.put("earliestStart", block.earliestStart().toString());
                    fields.put("latestEnd", block.latestEnd().toString());
                    line(2, "  - " + flow(fields));
                });
            }
            List<Score> projectScores = scores.getOrDefault(project.id(), List.of());
            if (!projectScores.isEmpty()) {
                line(2, "scores:");
                projectScores.forEach(this::score);
            }
        }
    }

    private void ask(Ask ask) {
        line(2, "ask:");
        line(3, "floor: " + ask.floorGpus());
        line(3, "target: " + ask.targetGpus());
        line(3, "ceiling: " + ask.ceilingGpus());
        line(
                3,
                "gpuTypes: "
                        + list(ask.gpuTypes().stream()
                                .sorted()
                                .map(GpuTypeId::value)
                                .toList()));
        if (!ask.speedFactors().isEmpty()) {
            Map<String, String> factors = new LinkedHashMap<>();
            ask.speedFactors().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(entry -> factors.put(entry.getKey().value(), number(entry.getValue())));
            line(3, "speedFactors: " + flow(factors));
        }
        ask.jobShape().ifPresent(shape -> {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("largestJobGpus", String.valueOf(shape.largestJobGpus()));
            if (!shape.gpuTypes().isEmpty()) {
                fields.put(
                        "gpuTypes",
                        list(shape.gpuTypes().stream().map(GpuTypeId::value).toList()));
            }
            line(3, "jobShape: " + flow(fields));
        });
        if (!ask.justification().isEmpty()) {
            line(3, "justification: " + scalar(ask.justification()));
        }
    }

    private void score(Score score) {
        Map<String, String> fields =
                entries("reviewer", scalar(score.reviewer()), "score", String.valueOf(score.score()));
        optional(fields, "comment", score.comment());
        line(2, "  - " + flow(fields));
    }

    private void pin(Pin pin) {
        Map<String, String> fields = entries(
                "project",
                scalar(pin.project().value()),
                "gpus",
                flow(counts(pin.gpus().gpus())));
        optional(fields, "reason", pin.reason());
        item(flow(fields));
    }

    private void override(DeciderOverride override) {
        Map<String, String> fields =
                entries("project", scalar(override.project().value()), "action", PolicyReader.label(override.action()));
        optional(fields, "reason", override.reason());
        item(flow(fields));
    }

    private void pastCycle(PastCycle past) {
        line(1, "- cycle: " + scalar(past.cycle().value()));
        line(2, past.grants().isEmpty() ? "grants: {}" : "grants:");
        past.grants().forEach((project, gpus) -> line(3, scalar(project.value()) + ": " + allocation(gpus)));
        line(2, past.usedFraction().isEmpty() ? "used: {}" : "used:");
        past.usedFraction().forEach((project, used) -> line(3, scalar(project.value()) + ": " + number(used)));
    }

    private static String allocation(Allocation gpus) {
        return flow(counts(gpus.gpus()));
    }

    private static Map<String, String> counts(Map<GpuTypeId, Integer> gpus) {
        Map<String, String> fields = new LinkedHashMap<>();
        gpus.forEach((type, count) -> fields.put(type.value(), String.valueOf(count)));
        return fields;
    }

    private static Map<String, String> entries(String... keysAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return fields;
    }

    private static void optional(Map<String, String> fields, String key, String text) {
        if (!text.isEmpty()) {
            fields.put(key, scalar(text));
        }
    }

    private void item(String flow) {
        line(1, "- " + flow);
    }

    private void line(int depth, String text) {
        out.append("  ".repeat(depth)).append(text).append('\n');
    }
}
