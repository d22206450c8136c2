package dev.allot.lab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.allot.core.Problem;
import dev.allot.core.model.Budget;
import dev.allot.core.model.BudgetOwner;
import dev.allot.core.model.CapacityEvent;
import dev.allot.core.model.Category;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.GpuType;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Policy;
import dev.allot.core.model.Pool;
import dev.allot.core.rules.BudgetRules;
import dev.allot.core.rules.CapacityRules;
import dev.allot.core.rules.Fleet;
import dev.allot.core.rules.FleetRules;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads a lab file's tree section by section, in file order, checking everything and recording every problem; only
 * a file without problems becomes a {@link Lab}.
 */
final class LabReader {
    static final List<String> KEYS = List.of(
            "name",
            "cycle",
            "cycleStart",
            "gpuTypes",
            "pools",
            "categories",
            "policy",
            "projects",
            "pins",
            "overrides",
            "history",
            "budgets",
            "evidence");

    private final Problems problems;
    private final References references;
    private final List<CapacityEvent> events = new ArrayList<>();
    private LocalDate cycleStart;
    private List<LabEvidence> evidence = List.of();

    LabReader(Problems problems) {
        this.problems = problems;
        this.references = new References(problems);
    }

    /** The lab, or {@code null} when any problem was recorded. */
    Lab read(JsonNode root) {
        YamlObject file = YamlObject.of(root, "", problems, KEYS);
        if (file == null) {
            return null;
        }
        String name = file.text("name", true);
        String cycle = file.text("cycle", true);
        cycleStart = file.read("cycleStart", true, LabReader::date);
        List<GpuType> gpuTypes = gpuTypes(file.list("gpuTypes", true), file.path("gpuTypes"));
        List<Pool> pools = pools(file.list("pools", true), file.path("pools"));
        List<Category> categories = categories(file.list("categories", true), file.path("categories"));
        PolicyReader policyReader = new PolicyReader(problems, references);
        Policy policy = policyReader.read(file.value("policy"), file.path("policy"));
        ProjectsReader portfolio = new ProjectsReader(problems, references);
        portfolio.read(file.list("projects", true), file.path("projects"), cycleStart);
        policyReader.checkValueProjects();
        DecisionsReader decisions = new DecisionsReader(problems, references, policyReader.granularity());
        decisions.readPins(file.list("pins", false), file.path("pins"));
        decisions.readOverrides(file.list("overrides", false), file.path("overrides"));
        decisions.readHistory(file.list("history", false), file.path("history"), cycle);
        List<Budget> budgets = budgets(file.list("budgets", false), file.path("budgets"));
        evidence = new EvidenceReader(problems, references).read(file.list("evidence", false), file.path("evidence"));
        if (!problems.isEmpty()) {
            return null;
        }
        return Lab.builder()
                .name(name)
                .cycle(CycleId.of(cycle))
                .cycleStart(cycleStart)
                .gpuTypes(gpuTypes)
                .pools(pools)
                .categories(categories)
                .projects(portfolio.projects())
                .asks(portfolio.asks())
                .scores(portfolio.scores())
                .policy(policy)
                .pins(decisions.pins())
                .overrides(decisions.overrides())
                .history(decisions.history())
                .capacityEvents(events)
                .budgets(budgets)
                .blocks(portfolio.blocks())
                .build();
    }

    /** The evidence section of the file last read (empty without one). */
    List<LabEvidence> evidence() {
        return evidence;
    }

    static LocalDate date(JsonNode node, String path, Problems problems) {
        String text = Scalars.text(node, path, problems);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(path, text, "is not a valid date", "Maybe write it as YYYY-MM-DD, e.g. 2027-01-04?");
            return null;
        }
    }

    private List<GpuType> gpuTypes(List<JsonNode> items, String path) {
        List<GpuType> types = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        YamlObject.each(items, path, problems, List.of("name", "speed"), item -> {
            String name = item.text("name", true);
            Double speed = item.read("speed", true, Scalars::positiveNumber);
            if (name != null && unique(seen, name, item.path("name"), "GPU type")) {
                references.declareGpuType(name);
                if (speed != null) {
                    types.add(new GpuType(GpuTypeId.of(name), speed));
                }
            }
        });
        return types;
    }

    private List<Pool> pools(List<JsonNode> items, String path) {
        List<Pool> pools = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> keys = List.of("name", "cluster", "gpuType", "gpus", "gpusPerNode", "nodeLabels", "events");
        YamlObject.each(items, path, problems, keys, item -> {
            String name = item.text("name", true);
            String cluster = item.text("cluster", true);
            String type = item.text("gpuType", true);
            Integer gpus = item.count("gpus", true);
            Integer perNode = item.count("gpusPerNode", true);
            Map<String, String> nodeLabels = item.map("nodeLabels", Scalars::text);
            boolean known = type != null && references.gpuType(type, item.path("gpuType"));
            boolean unique = name != null && unique(seen, name, item.path("name"), "pool");
            List<Problem> wrong = FleetRules.pool(gpus == null ? 0 : gpus, perNode == null ? 1 : perNode);
            wrong.forEach(problem -> problems.add(problem, item.path()));
            if (wrong.stream().anyMatch(problem -> problem.path().equals("gpusPerNode"))) {
                perNode = null;
            } else if (!wrong.isEmpty()) {
                gpus = null;
            }
            if (known && unique && cluster != null && gpus != null && perNode != null) {
                references.addPool(type, gpus, perNode);
                pools.add(new Pool(name, cluster, GpuTypeId.of(type), gpus, perNode, nodeLabels));
                events(item, name, gpus, perNode);
            } else if (known) {
                references.capacityUnknown(type);
            }
        });
        return pools;
    }

    /** The pool's {@code events}: each checked alone, then all together against the pool's GPUs. */
    private void events(YamlObject pool, String name, int gpus, int perNode) {
        List<CapacityEvent> own = new ArrayList<>();
        List<String> keys = List.of("kind", "gpus", "from", "until");
        YamlObject.each(pool.list("events", false), pool.path("events"), problems, keys, item -> {
            String label = item.text("kind", true);
            Integer count = item.count("gpus", true);
            LocalDate from = item.read("from", true, LabReader::date);
            LocalDate until = item.read("until", false, LabReader::date);
            if (label == null || count == null || from == null) {
                return;
            }
            List<Problem> wrong = new ArrayList<>(CapacityRules.kind(label));
            if (wrong.isEmpty() && cycleStart != null) {
                CapacityEvent.Kind kind = CapacityEvent.Kind.of(label).orElseThrow();
                wrong.addAll(CapacityRules.event(kind, count, from, Optional.ofNullable(until), perNode, cycleStart));
                if (wrong.isEmpty()) {
                    own.add(new CapacityEvent(name, kind, count, from, Optional.ofNullable(until)));
                }
            }
            wrong.forEach(problem -> problems.add(problem, item.path()));
        });
        CapacityRules.pool(name, gpus, own).forEach(problem -> problems.add(problem, pool.path("events")));
        events.addAll(own);
    }

    /**
     * {@code budgets}: GPU-hours of one type per project or category for the cycle. The file's syntax is checked here;
     * what a budget may be is {@link BudgetRules}'s, as for budgets given through the API. A field already reported
     * (missing, not text, not a number) gets no second problem from the rules.
     */
    private List<Budget> budgets(List<JsonNode> items, String path) {
        Fleet fleet = new Fleet(references.capacityGpus, references.gpusPerNode);
        BudgetRules.Checker rules = new BudgetRules.Checker(references.projects, references.categories, fleet);
        List<Budget> budgets = new ArrayList<>();
        YamlObject.each(items, path, problems, List.of("project", "category", "gpuType", "gpuHours"), item -> {
            Set<String> reported = new HashSet<>();
            String project = readField(item, "project", reported, () -> item.text("project", false));
            String category = readField(item, "category", reported, () -> item.text("category", false));
            String type = readField(item, "gpuType", reported, () -> item.text("gpuType", true));
            Double hours = readField(item, "gpuHours", reported, () -> item.read("gpuHours", true, Scalars::number));
            BudgetRules.Entry entry =
                    new BudgetRules.Entry(project, category, type == null ? "" : type, hours == null ? 0 : hours);
            List<Problem> wrong = rules.check(entry).stream()
                    .filter(problem -> !reported.contains(problem.path()))
                    .toList();
            wrong.forEach(problem -> problems.add(problem, item.path()));
            if (wrong.isEmpty() && reported.isEmpty()) {
                BudgetOwner owner = BudgetOwner.of(project, category);
                budgets.add(new Budget(owner, GpuTypeId.of(type), hours));
            }
        });
        return budgets;
    }

    /** Reads one field, noting it in {@code reported} when reading it recorded a problem. */
    private <T> T readField(YamlObject item, String field, Set<String> reported, Supplier<T> read) {
        int before = problems.size();
        T value = read.get();
        if (problems.size() > before) {
            reported.add(field);
        }
        return value;
    }

    private List<Category> categories(List<JsonNode> items, String path) {
        List<Category> categories = new ArrayList<>();
        YamlObject.each(items, path, problems, List.of("id", "description"), item -> {
            String id = item.read("id", true, (node, at, found) -> Scalars.slug(node, at, found, "category"));
            String description = item.text("description", false);
            if (id != null && unique(references.categories, id, item.path("id"), "category")) {
                categories.add(new Category(CategoryId.of(id), description));
            }
        });
        return categories;
    }

    /** Adds {@code id} to {@code seen}, or records a duplicate. */
    static boolean unique(Set<String> seen, String id, String path, String what, Problems problems) {
        if (seen.add(id)) {
            return true;
        }
        problems.add(path, id, "duplicate " + what + " id", "Maybe rename the second one?");
        return false;
    }

    private boolean unique(Set<String> seen, String id, String path, String what) {
        return unique(seen, id, path, what, problems);
    }
}
