package dev.allot.server;

import dev.allot.application.Reads;
import dev.allot.application.Usage;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.Ask;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.PriorityWeights;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import dev.allot.store.Json;
import dev.allot.store.StoredPlan;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The whole portfolio of a cycle in one read: every project with its ask, priority, published grant and what it used
 * of last cycle's grant. Rendered
 * once per change: the audit log's high-water mark grows with every write, so it is both the cache key and the
 * ETag.
 */
final class Portfolio {
    /** A rendered portfolio. */
    record View(String etag, String json) {}

    private final Reads reads;
    private final Usage usage;
    private final Map<CycleId, View> cache = new ConcurrentHashMap<>();

    Portfolio(Reads reads, Usage usage) {
        this.reads = reads;
        this.usage = usage;
    }

    View view(CycleId cycle) {
        // budgets burn down by the day: a new day is a new portfolio even without a write
        String etag = "\"p" + reads.changeMark() + "-" + today() + "\"";
        View cached = cache.get(cycle);
        if (cached != null && cached.etag().equals(etag)) {
            return cached;
        }
        View fresh = new View(etag, Json.write(render(cycle)));
        if (cache.size() > 100) {
            cache.clear();
        }
        cache.put(cycle, fresh);
        return fresh;
    }

    private Map<String, Object> render(CycleId cycle) {
        Lab lab = reads.lab(cycle);
        Optional<StoredPlan> published = reads.latestPublished(cycle);
        Map<ProjectId, Double> priorities = PriorityWeights.aggregate(lab.projects(), lab.scores());
        Map<ProjectId, Ask> asks = lab.asksByProject();
        Map<ProjectId, Usage.LastUse> lastUse = Usage.lastCycle(lab);
        Map<dev.allot.core.model.BudgetOwner, List<Map<String, Object>>> budgets = new LinkedHashMap<>();
        usage.budgetStatus(cycle, today())
                .forEach(
                        status -> budgets.computeIfAbsent(status.burn().budget().owner(), key -> new ArrayList<>())
                                .add(budget(status)));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Project project : lab.projects()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", project.id());
            row.put("name", project.name());
            row.put("category", project.category());
            row.put("lead", project.lead());
            row.put("status", project.status());
            row.put("priority", priorities.get(project.id()));
            Ask ask = asks.get(project.id());
            row.put(
                    "ask",
                    ask == null
                            ? null
                            : Map.of(
                                    "floorGpus",
                                    ask.floorGpus(),
                                    "targetGpus",
                                    ask.targetGpus(),
                                    "ceilingGpus",
                                    ask.ceilingGpus()));
            row.put("previous", lab.previousGrant(project.id()).gpus());
            Optional<ProjectPlan> line = published.flatMap(plan -> plan.plan().project(project.id()));
            row.put(
                    "grant",
                    line.map(ProjectPlan::grant).orElse(Allocation.NONE).gpus());
            row.put("decision", line.map(l -> l.decision().label()).orElse(null));
            Usage.LastUse use = lastUse.getOrDefault(project.id(), Usage.LastUse.UNKNOWN);
            row.put("usedFraction", use.usedFraction());
            row.put("idle", use.idle());
            row.put("budgets", budgets.getOrDefault(project.id(), List.of()));
            rows.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cycle", cycle);
        body.put("state", reads.cycle(cycle).value().state());
        body.put("planVersion", published.map(StoredPlan::version).orElse(null));
        body.put("capacityGpus", lab.capacityGpus());
        body.put("projects", rows);
        List<Map<String, Object>> categoryBudgets = new ArrayList<>();
        budgets.forEach((owner, burns) -> {
            if (owner instanceof dev.allot.core.model.CategoryId) {
                burns.forEach(burn -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("category", owner.value());
                    entry.putAll(burn);
                    categoryBudgets.add(entry);
                });
            }
        });
        body.put("categoryBudgets", categoryBudgets);
        return body;
    }

    /** One budget's burn-down: used, remaining, the recent rate and the projected (or actual) exhaustion day. */
    static Map<String, Object> budget(Usage.BudgetStatus status) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("gpuType", status.burn().budget().gpuType());
        fields.put("gpuHours", status.burn().budget().gpuHours());
        fields.put("usedGpuHours", round(status.burn().usedGpuHours()));
        fields.put("remainingGpuHours", round(status.burn().remainingGpuHours()));
        fields.put("gpuHoursPerDay", round(status.burn().gpuHoursPerDay()));
        fields.put(
                "exhaustedOn",
                status.burn().exhaustedOn().map(LocalDate::toString).orElse(null));
        fields.put("spent", status.burn().spent());
        fields.put("runsOut", status.runsOut());
        return fields;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static LocalDate today() {
        return LocalDate.now(java.time.ZoneOffset.UTC);
    }
}
