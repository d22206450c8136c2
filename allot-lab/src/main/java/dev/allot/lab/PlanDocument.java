package dev.allot.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.allot.core.AllotException;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.Binding;
import dev.allot.core.model.Budget;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Decision;
import dev.allot.core.model.Explanation;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Plan;
import dev.allot.core.model.PlanPeriod;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.model.SolveReport;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The stable plan document ({@value #FORMAT}, described in docs/plan-format.md) that other tools read: JSON or
 * YAML with the same fields, and a flat CSV with one row per project.
 */
public final class PlanDocument {
    public static final String FORMAT = "allot.plan/v1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private PlanDocument() {}

    public static String json(Plan plan) {
        return write(JSON, plan);
    }

    public static String yaml(Plan plan) {
        return write(YAML, plan);
    }

    private static String write(ObjectMapper mapper, Plan plan) {
        try {
            return mapper.writeValueAsString(tree(plan));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plan could not be written", e);
        }
    }

    /** The document as a Jackson tree (for embedding in API responses). */
    public static ObjectNode tree(Plan plan) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("cycle", plan.cycle().value());
        SolveReport solve = plan.solve();
        ObjectNode report = root.putObject("solve");
        report.put("status", solve.status().name().toLowerCase(Locale.ROOT));
        report.put("objective", round(solve.objective()));
        report.put("bestBound", round(solve.bestBound()));
        report.put("gap", solve.gap());
        report.put("solveMillis", solve.solveTime().toMillis());
        report.put("solver", solve.solver());
        report.put("seed", solve.seed());
        root.set("capacityGpus", counts(plan.capacityGpus()));
        root.set("allocatableGpus", counts(plan.allocatableGpus()));
        root.set("grantedGpus", counts(plan.grantedGpus()));
        root.set("marginalValuePerGpu", numbers(plan.marginalValuePerGpu()));
        ArrayNode projects = root.putArray("projects");
        plan.projects().forEach(line -> projects.add(project(line)));
        if (plan.hasPeriods()) {
            ArrayNode periods = root.putArray("periods");
            plan.periods().forEach(period -> periods.add(period(period)));
        }
        if (!plan.blocks().isEmpty()) {
            ArrayNode blocks = root.putArray("blocks");
            plan.blocks()
                    .forEach(block -> blocks.addObject()
                            .put("project", block.project().value())
                            .put("gpuType", block.gpuType().value())
                            .put("gpus", block.gpus())
                            .put("start", block.start().toString())
                            .put("end", block.end().toString()));
        }
        if (!plan.budgets().isEmpty()) {
            ArrayNode budgets = root.putArray("budgets");
            plan.budgets()
                    .forEach(budget -> budgets.addObject()
                            .put(budget.owner().kind(), budget.owner().value())
                            .put("gpuType", budget.gpuType().value())
                            .put("gpuHours", budget.gpuHours()));
        }
        return root;
    }

    private static ObjectNode period(PlanPeriod period) {
        ObjectNode node = JSON.createObjectNode();
        node.put("from", period.from().toString());
        node.put("until", period.until().toString());
        node.set("capacityGpus", counts(period.capacityGpus()));
        node.set("allocatableGpus", counts(period.allocatableGpus()));
        ObjectNode grants = node.putObject("grants");
        period.grants().forEach((project, grant) -> grants.set(project.value(), counts(grant.gpus())));
        return node;
    }

    private static List<dev.allot.core.model.PlacedBlock> readBlocks(JsonNode blocks) {
        List<dev.allot.core.model.PlacedBlock> read = new ArrayList<>();
        for (JsonNode node : blocks) {
            read.add(new dev.allot.core.model.PlacedBlock(
                    ProjectId.of(node.path("project").asText()),
                    GpuTypeId.of(node.path("gpuType").asText()),
                    node.path("gpus").asInt(),
                    LocalDate.parse(node.path("start").asText()),
                    LocalDate.parse(node.path("end").asText())));
        }
        return read;
    }

    private static List<PlanPeriod> readPeriods(JsonNode periods) {
        List<PlanPeriod> read = new ArrayList<>();
        for (JsonNode node : periods) {
            Map<ProjectId, Allocation> grants = new LinkedHashMap<>();
            node.path("grants")
                    .fields()
                    .forEachRemaining(entry ->
                            grants.put(ProjectId.of(entry.getKey()), new Allocation(readCounts(entry.getValue()))));
            read.add(new PlanPeriod(
                    LocalDate.parse(node.path("from").asText()),
                    LocalDate.parse(node.path("until").asText()),
                    readCounts(node.path("capacityGpus")),
                    readCounts(node.path("allocatableGpus")),
                    grants));
        }
        return read;
    }

    private static List<Budget> readBudgets(JsonNode budgets) {
        List<Budget> read = new ArrayList<>();
        for (JsonNode node : budgets) {
            read.add(new Budget(
                    dev.allot.core.model.BudgetOwner.of(
                            node.path("project").asText(null),
                            node.path("category").asText(null)),
                    GpuTypeId.of(node.path("gpuType").asText()),
                    node.path("gpuHours").asDouble()));
        }
        return read;
    }

    private static ObjectNode project(ProjectPlan line) {
        ObjectNode node = JSON.createObjectNode();
        node.put("project", line.project().value());
        node.put("category", line.category().value());
        node.put("priority", round(line.priority()));
        node.put("decision", line.decision().label());
        node.set("previous", counts(line.previous().gpus()));
        node.set("grant", counts(line.grant().gpus()));
        node.put("grantGpus", line.grant().totalGpus());
        node.put("changeGpus", line.changeGpus());
        node.put("effectiveGpus", round(line.effectiveGpus()));
        node.put("value", round(line.value()));
        if (line.yieldBy().isPresent()) {
            node.put("yieldBy", line.yieldBy().get().toString());
        } else {
            node.putNull("yieldBy");
        }
        Explanation explanation = line.explanation();
        ObjectNode why = node.putObject("explanation");
        why.put("summary", explanation.summary());
        ArrayNode binding = why.putArray("binding");
        explanation
                .binding()
                .forEach(b -> binding.addObject().put("code", b.code()).put("text", b.text()));
        why.set("marginalValuePerGpu", numbers(explanation.marginalValuePerGpu()));
        ArrayNode changes = why.putArray("whatWouldChange");
        explanation.whatWouldChange().forEach(changes::add);
        return node;
    }

    /** Reads a plan document written by {@link #json} or {@link #yaml}. */
    public static Plan read(String text, String sourceName) {
        try {
            JsonNode root = (text.stripLeading().startsWith("{") ? JSON : YAML).readTree(text);
            if (root == null || !FORMAT.equals(root.path("format").asText())) {
                throw invalid(
                        sourceName,
                        "format",
                        root == null ? "" : root.path("format").asText(),
                        "is not an Allot plan document (expected format: " + FORMAT + ")");
            }
            JsonNode solve = root.path("solve");
            SolveReport report = new SolveReport(
                    SolveReport.Status.valueOf(
                            solve.path("status").asText("feasible").toUpperCase(Locale.ROOT)),
                    solve.path("objective").asDouble(),
                    solve.path("bestBound").asDouble(),
                    solve.path("gap").asDouble(),
                    Duration.ofMillis(solve.path("solveMillis").asLong()),
                    solve.path("solver").asText("unknown"),
                    solve.path("seed").asLong());
            List<ProjectPlan> lines = new ArrayList<>();
            for (JsonNode node : root.path("projects")) {
                lines.add(readProject(node));
            }
            return Plan.builder()
                    .cycle(CycleId.of(root.path("cycle").asText()))
                    .projects(lines)
                    .capacityGpus(readCounts(root.path("capacityGpus")))
                    .allocatableGpus(readCounts(root.path("allocatableGpus")))
                    .marginalValuePerGpu(readNumbers(root.path("marginalValuePerGpu")))
                    .solve(report)
                    .periods(readPeriods(root.path("periods")))
                    .blocks(readBlocks(root.path("blocks")))
                    .budgets(readBudgets(root.path("budgets")))
                    .build();
        } catch (JsonProcessingException e) {
            throw invalid(sourceName, "(document)", "", "is not valid JSON/YAML: " + e.getOriginalMessage());
        } catch (IllegalArgumentException | NullPointerException | java.time.DateTimeException e) {
            throw invalid(sourceName, "(document)", "", "has a missing or malformed field: " + e.getMessage());
        }
    }

    private static ProjectPlan readProject(JsonNode node) {
        JsonNode why = node.path("explanation");
        List<Binding> binding = new ArrayList<>();
        why.path("binding")
                .forEach(b -> binding.add(
                        new Binding(b.path("code").asText(), b.path("text").asText())));
        List<String> changes = new ArrayList<>();
        why.path("whatWouldChange").forEach(c -> changes.add(c.asText()));
        Map<GpuTypeId, Integer> grant = readCounts(node.path("grant"));
        return new ProjectPlan(
                ProjectId.of(node.path("project").asText()),
                CategoryId.of(node.path("category").asText()),
                node.path("priority").asDouble(),
                new Allocation(readCounts(node.path("previous"))),
                new Allocation(grant),
                Decision.valueOf(node.path("decision").asText().toUpperCase(Locale.ROOT)),
                node.path("effectiveGpus").asDouble(),
                node.path("value").asDouble(),
                node.path("yieldBy").isTextual()
                        ? Optional.of(LocalDate.parse(node.path("yieldBy").asText()))
                        : Optional.empty(),
                new Explanation(
                        why.path("summary").asText(), binding, readNumbers(why.path("marginalValuePerGpu")), changes));
    }

    /** One row per project: decision, totals and one column per GPU type. */
    public static String csv(Plan plan) {
        List<GpuTypeId> types = new ArrayList<>(plan.capacityGpus().keySet());
        StringBuilder out =
                new StringBuilder("project,category,priority,decision,previous_gpus,grant_gpus,change_gpus");
        types.forEach(type -> out.append(',').append(csvField(type.value())));
        out.append(",effective_gpus,yield_by,summary\n");
        for (ProjectPlan line : plan.projects()) {
            out.append(csvField(line.project().value()))
                    .append(',')
                    .append(csvField(line.category().value()))
                    .append(',')
                    .append(String.format(Locale.ROOT, "%.2f", line.priority()))
                    .append(',')
                    .append(line.decision().label())
                    .append(',')
                    .append(line.previous().totalGpus())
                    .append(',')
                    .append(line.grant().totalGpus())
                    .append(',')
                    .append(line.changeGpus());
            types.forEach(type -> out.append(',').append(line.grant().gpus(type)));
            out.append(',')
                    .append(String.format(Locale.ROOT, "%.2f", line.effectiveGpus()))
                    .append(',')
                    .append(line.yieldBy().map(LocalDate::toString).orElse(""))
                    .append(',')
                    .append(csvField(line.explanation().summary()))
                    .append('\n');
        }
        return out.toString();
    }

    static String csvField(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    private static ObjectNode counts(Map<GpuTypeId, Integer> counts) {
        ObjectNode node = JSON.createObjectNode();
        counts.forEach((type, count) -> node.put(type.value(), count));
        return node;
    }

    private static ObjectNode numbers(Map<GpuTypeId, Double> numbers) {
        ObjectNode node = JSON.createObjectNode();
        numbers.forEach((type, value) -> node.put(type.value(), round(value)));
        return node;
    }

    private static Map<GpuTypeId, Integer> readCounts(JsonNode node) {
        Map<GpuTypeId, Integer> counts = new LinkedHashMap<>();
        node.properties()
                .forEach(entry -> counts.put(
                        GpuTypeId.of(entry.getKey()), entry.getValue().asInt()));
        return counts;
    }

    private static Map<GpuTypeId, Double> readNumbers(JsonNode node) {
        Map<GpuTypeId, Double> numbers = new LinkedHashMap<>();
        node.properties()
                .forEach(entry -> numbers.put(
                        GpuTypeId.of(entry.getKey()), entry.getValue().asDouble()));
        return numbers;
    }

    private static AllotException invalid(String source, String path, String value, String reason) {
        dev.allot.core.Problem problem = dev.allot.core.Problem.of(path, value, reason);
        return new AllotException(
                AllotException.Kind.INVALID_INPUT,
                "PLAN_INVALID",
                source + ": " + problem.describe(),
                List.of(problem),
                null);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
