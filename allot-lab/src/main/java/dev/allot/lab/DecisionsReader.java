package dev.allot.lab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.DeciderOverride;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Granularity;
import dev.allot.core.model.PastCycle;
import dev.allot.core.model.Pin;
import dev.allot.core.model.ProjectId;
import dev.allot.core.rules.Fleet;
import dev.allot.core.rules.FleetRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the deciders' {@code pins} and {@code overrides} and the {@code history} of past cycles. */
final class DecisionsReader {
    private final Problems problems;
    private final References references;
    private final Granularity granularity;
    private final Map<String, String> pinned = new LinkedHashMap<>();
    private final Map<String, Integer> pinnedGpus = new LinkedHashMap<>();
    private final List<Pin> pins = new ArrayList<>();
    private final List<DeciderOverride> overrides = new ArrayList<>();
    private final List<PastCycle> history = new ArrayList<>();
    private String previousCycle;

    DecisionsReader(Problems problems, References references, Granularity granularity) {
        this.problems = problems;
        this.references = references;
        this.granularity = granularity;
    }

    List<Pin> pins() {
        return pins;
    }

    List<DeciderOverride> overrides() {
        return overrides;
    }

    List<PastCycle> history() {
        return history;
    }

    void readPins(List<JsonNode> items, String path) {
        YamlObject.each(items, path, problems, List.of("project", "gpus", "reason"), item -> {
            int before = problems.size();
            String project = item.text("project", true);
            if (project != null
                    && references.project(project, item.path("project"))
                    && pinned.putIfAbsent(project, item.path()) != null) {
                problems.add(
                        item.path("project"),
                        project,
                        "project is pinned twice (also at " + pinned.get(project) + ")",
                        "Maybe merge the two pins?");
            }
            String owner = project == null ? "?" : project;
            Allocation gpus = item.read("gpus", true, (node, at, found) -> allocation(node, at, owner, true));
            String reason = item.text("reason", false);
            if (problems.size() == before) {
                pins.add(new Pin(ProjectId.of(project), gpus, reason));
            }
        });
        pinnedGpus.forEach((type, total) -> {
            int capacity = references.capacity(GpuTypeId.of(type));
            if (total > capacity && references.capacityKnown(type)) {
                problems.add(
                        path,
                        String.valueOf(total),
                        "pins hold more " + type + " GPUs than the lab has (" + capacity + ")",
                        "Maybe lower some pins?");
            }
        });
    }

    void readOverrides(List<JsonNode> items, String path) {
        Map<String, String> overridden = new LinkedHashMap<>();
        YamlObject.each(items, path, problems, List.of("project", "action", "reason"), item -> {
            int before = problems.size();
            String project = item.text("project", true);
            if (project != null && references.project(project, item.path("project"))) {
                if (pinned.containsKey(project)) {
                    problems.add(
                            item.path("project"),
                            project,
                            "project is both pinned (at " + pinned.get(project) + ") and overridden",
                            "Maybe keep only one of them?");
                } else if (overridden.putIfAbsent(project, item.path()) != null) {
                    problems.add(
                            item.path("project"),
                            project,
                            "project is overridden twice (also at " + overridden.get(project) + ")",
                            "Maybe keep only one override?");
                }
            }
            DeciderOverride.Action action = item.has("action")
                    ? item.choice("action", DeciderOverride.Action.class, null, PolicyReader::label)
                    : item.read("action", true, (node, at, found) -> null);
            if (action == DeciderOverride.Action.FUND
                    && project != null
                    && references.projects.contains(project)
                    && !references.fundable.contains(project)) {
                problems.add(
                        item.path("action"),
                        "fund",
                        "project " + project + " cannot be funded: it is not " + "active or has no ask",
                        "Maybe give it an ask and status active, or drop the override?");
            }
            String reason = item.text("reason", false);
            if (problems.size() == before) {
                overrides.add(new DeciderOverride(ProjectId.of(project), action, reason));
            }
        });
    }

    void readHistory(List<JsonNode> items, String path, String currentCycle) {
        YamlObject.each(items, path, problems, List.of("cycle", "grants", "used"), item -> {
            int before = problems.size();
            String cycle = item.text("cycle", true);
            if (cycle != null && currentCycle != null && cycle.compareTo(currentCycle) >= 0) {
                problems.add(
                        item.path("cycle"),
                        cycle,
                        "past cycle is not before the current cycle " + currentCycle,
                        "Maybe remove it from history?");
            } else if (cycle != null && previousCycle != null && cycle.compareTo(previousCycle) <= 0) {
                problems.add(
                        item.path("cycle"),
                        cycle,
                        "past cycle does not come after " + previousCycle,
                        "Maybe list history oldest first?");
            }
            previousCycle = cycle == null ? previousCycle : cycle;
            Map<ProjectId, Allocation> grants = new LinkedHashMap<>();
            item.map("grants", (node, at, found) -> allocation(node, at, null, false))
                    .forEach((project, gpus) -> {
                        if (references.project(project, item.path("grants") + "." + project)) {
                            grants.put(ProjectId.of(project), gpus);
                        }
                    });
            Map<ProjectId, Double> used = new LinkedHashMap<>();
            item.map("used", DecisionsReader::fraction).forEach((project, fraction) -> {
                if (references.project(project, item.path("used") + "." + project)) {
                    used.put(ProjectId.of(project), fraction);
                }
            });
            if (problems.size() == before) {
                history.add(new PastCycle(CycleId.of(cycle), grants, used));
            }
        });
    }

    /** GPUs per type such as {@code {H100: 64}}; checks types, counts, and for pins capacity and whole nodes. */
    private Allocation allocation(JsonNode node, String path, String project, boolean pin) {
        if (!node.isObject()) {
            problems.add(path, node, "expected GPUs per type such as {H100: 64}", "");
            return null;
        }
        int before = problems.size();
        Map<GpuTypeId, Integer> gpus = new LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> {
            String at = path + "." + entry.getKey();
            Integer count = Scalars.count(entry.getValue(), at, problems);
            if (count != null && references.gpuType(entry.getKey(), at)) {
                if (pin) {
                    checkPin(at, project, entry.getKey(), count);
                }
                gpus.put(GpuTypeId.of(entry.getKey()), count);
            }
        });
        return problems.size() == before ? new Allocation(gpus) : null;
    }

    private void checkPin(String path, String project, String type, int count) {
        pinnedGpus.merge(type, count, Integer::sum);
        // A type whose pools are wrong has no known capacity; checking a pin against it would mislead.
        int capacity = references.capacityKnown(type) ? references.capacity(GpuTypeId.of(type)) : Integer.MAX_VALUE;
        Fleet fleet = new Fleet(Map.of(type, capacity), Map.of(type, references.nodeGpus(type)));
        FleetRules.pin(project, type, count, fleet, granularity).forEach(problem -> problems.add(problem, path));
    }

    private static Double fraction(JsonNode node, String path, Problems problems) {
        Double value = Scalars.number(node, path, problems);
        if (value != null && value < 0) {
            problems.add(path, node, "used fraction must not be negative", "");
            return null;
        }
        return value;
    }
}
