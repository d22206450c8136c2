package dev.allot.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON schemas of the OpenAPI document: request bodies in full, responses by their main fields. */
final class OpenApiSchemas {
    private OpenApiSchemas() {}

    static Map<String, Object> all() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put(
                "Problem",
                obj(
                        List.of("type", "title", "status", "code", "detail"),
                        Map.of(
                                "type",
                                str(),
                                "title",
                                str(),
                                "status",
                                integer(),
                                "code",
                                str(),
                                "detail",
                                str(),
                                "instance",
                                str(),
                                "problems",
                                arr(obj(
                                        List.of("field", "reason"),
                                        Map.of(
                                                "code", str(), "field", str(), "pointer", str(), "value", str(),
                                                "reason", str(), "hint", str()))))));
        s.put("Health", obj(List.of("status"), Map.of("status", str(), "database", str())));
        s.put("Me", obj(List.of("user", "role"), Map.of("user", str(), "role", role())));
        s.put("GpuType", obj(List.of("id", "relativeSpeed"), Map.of("id", str(), "relativeSpeed", num())));
        s.put("GpuTypes", arr(ref("GpuType")));
        s.put(
                "Pool",
                obj(
                        List.of("name"),
                        Map.of(
                                "name",
                                str(),
                                "cluster",
                                str(),
                                "gpuType",
                                str(),
                                "gpus",
                                integer(),
                                "gpusPerNode",
                                integer())));
        s.put("Pools", arr(ref("Pool")));
        Map<String, Object> event = Map.of(
                "pool",
                str(),
                "kind",
                choice("arrival", "retirement", "outage"),
                "gpus",
                integer(),
                "from",
                date(),
                "until",
                date());
        s.put("CapacityEvents", arr(obj(List.of("pool", "kind", "gpus", "from"), event)));
        s.put("CapacityEventInput", obj(List.of("kind", "gpus", "from"), event));
        Map<String, Object> budget = obj(
                List.of("gpuType", "gpuHours"),
                Map.of(
                        "project",
                        Map.of("type", "string", "description", "the project's budget; absent for a category's"),
                        "category",
                        Map.of(
                                "type",
                                "string",
                                "description",
                                "a category's budget, summed over all its projects; absent for a project's"),
                        "gpuType",
                        str(),
                        "gpuHours",
                        num()));
        s.put("BudgetsInput", obj(List.of("budgets"), Map.of("budgets", arr(budget))));
        s.put("Budgets", obj(List.of("cycle", "budgets"), Map.of("cycle", str(), "budgets", arr(budget))));
        Map<String, Object> blockFields = new LinkedHashMap<>();
        blockFields.put("gpuType", str());
        blockFields.put("gpus", integer());
        blockFields.put("days", integer());
        blockFields.put("earliestStart", date());
        blockFields.put("latestEnd", date());
        List<String> blockRequired = List.of("gpuType", "gpus", "days", "earliestStart", "latestEnd");
        s.put("BlocksInput", obj(List.of("blocks"), Map.of("blocks", arr(obj(blockRequired, blockFields)))));
        Map<String, Object> asked = new LinkedHashMap<>(blockFields);
        asked.put("project", str());
        List<String> askedRequired = new ArrayList<>(blockRequired);
        askedRequired.add("project");
        s.put(
                "Blocks",
                obj(
                        List.of("cycle", "project", "blocks"),
                        Map.of("cycle", str(), "project", str(), "blocks", arr(obj(askedRequired, asked)))));
        Map<String, Object> scheduled = new LinkedHashMap<>(asked);
        scheduled.put("placed", nullable(obj(List.of("start", "end"), Map.of("start", date(), "end", date()))));
        scheduled.put("explanation", str());
        List<String> scheduledRequired = new ArrayList<>(askedRequired);
        scheduledRequired.addAll(List.of("placed", "explanation"));
        s.put(
                "CycleBlocks",
                obj(
                        List.of("cycle", "blocks"),
                        Map.of(
                                "cycle",
                                str(),
                                "planVersion",
                                nullable(integer()),
                                "planKind",
                                nullable(str()),
                                "blocks",
                                arr(obj(scheduledRequired, scheduled)))));
        s.put("Category", obj(List.of("id"), Map.of("id", str(), "description", str())));
        Map<String, Object> solveJob = new LinkedHashMap<>();
        solveJob.put("id", str());
        solveJob.put("cycle", str());
        solveJob.put("state", choice("running", "done", "failed", "cancelled"));
        solveJob.put("phase", choice("preparing", "solving", "saving", "finished"));
        solveJob.put("startedBy", str());
        solveJob.put("startedAt", Map.of("type", "string", "format", "date-time"));
        solveJob.put("elapsedSeconds", num());
        solveJob.put("incumbent", orNull("number", "value of the best plan reported so far; null before the first"));
        solveJob.put("bound", orNull("number", "best proven upper bound reported so far; null before the first"));
        solveJob.put("gap", orNull("number", "(bound - incumbent) / max(1, |incumbent|); null until both are known"));
        solveJob.put("updates", integer());
        solveJob.put("cancelledBy", orNull("string", "who cancelled it; null unless cancelled"));
        solveJob.put("href", str());
        solveJob.put(
                "draft",
                obj(
                        List.of("version", "href"),
                        Map.of("version", integer(), "changedProjects", integer(), "href", str())));
        solveJob.put("valueNotes", arr(str()));
        solveJob.put("problem", ref("Problem"));
        s.put(
                "SolveJob",
                obj(
                        List.of("id", "cycle", "state", "phase", "startedBy", "startedAt", "elapsedSeconds", "href"),
                        solveJob));
        s.put("Categories", arr(ref("Category")));
        Map<String, Object> project = Map.of(
                "id",
                str(),
                "name",
                str(),
                "category",
                str(),
                "lead",
                str(),
                "members",
                arr(str()),
                "status",
                choice("active", "paused", "killed", "done"));
        s.put("ProjectInput", obj(List.of("category", "lead"), project));
        s.put("Project", obj(List.of("id", "name", "category", "lead", "members", "status"), project));
        s.put("Projects", arr(ref("Project")));
        s.put(
                "ProjectHistory",
                obj(
                        List.of("project", "cycles", "statusChanges"),
                        Map.of(
                                "project",
                                str(),
                                "cycles",
                                arr(obj(
                                        List.of("cycle"),
                                        Map.of(
                                                "cycle",
                                                str(),
                                                "start",
                                                str(),
                                                "state",
                                                str(),
                                                "granted",
                                                allocation(),
                                                "decision",
                                                str(),
                                                "rationale",
                                                str(),
                                                "usedGpuHours",
                                                num()))),
                                "statusChanges",
                                arr(obj(List.of("status"), Map.of("status", str(), "at", str(), "by", str()))))));
        Map<String, Object> day = Map.of("project", str(), "gpuType", str(), "day", date(), "gpuHours", num());
        s.put("UsageDays", arr(obj(List.of("project", "gpuType", "day", "gpuHours"), day)));
        s.put(
                "UsageInput",
                obj(List.of("days"), Map.of("days", arr(obj(List.of("project", "gpuType", "day", "gpuHours"), day)))));
        // Days of accounts that are no project of the lab are left out and named, as the command line's usage does.
        s.put(
                "UsageResult",
                obj(
                        List.of("received", "changed", "leftOut", "unknownProjects"),
                        Map.of(
                                "received",
                                integer(),
                                "changed",
                                integer(),
                                "leftOut",
                                integer(),
                                "unknownProjects",
                                arr(str()))));
        s.put(
                "Audit",
                arr(obj(
                        List.of("id", "at", "actor", "action"),
                        Map.of(
                                "id",
                                integer(),
                                "at",
                                str(),
                                "actor",
                                str(),
                                "action",
                                str(),
                                "entity",
                                str(),
                                "entityId",
                                str(),
                                "before",
                                orNull("string", "The value before the change as JSON; null for a creation"),
                                "after",
                                orNull("string", "The value after the change as JSON; null for a deletion")))));
        s.put("TokenInput", obj(List.of("user", "role"), Map.of("user", str(), "role", role(), "label", str())));
        s.put("Token", obj(List.of("token", "user", "role"), Map.of("token", str(), "user", str(), "role", role())));
        s.put(
                "Tokens",
                arr(obj(
                        List.of("id", "user", "role", "label", "createdAt", "liveSessions"),
                        Map.of(
                                "id", str(),
                                "user", str(),
                                "role", role(),
                                "label", str(),
                                "createdAt", str(),
                                "expiresAt", str(),
                                "lastUsedAt", str(),
                                "liveSessions", integer()))));
        s.put(
                "Session",
                obj(
                        List.of("user", "role"),
                        Map.of("user", str(), "role", role(), "expiresAt", str(), "csrfToken", str())));
        s.put(
                "Policy",
                obj(
                        List.of(),
                        Map.ofEntries(
                                Map.entry("reserveFraction", num()),
                                Map.entry("reserveGpus", gpus()),
                                Map.entry(
                                        "shareBounds",
                                        arr(obj(
                                                List.of("category"),
                                                Map.of("category", str(), "minShare", num(), "maxShare", num())))),
                                Map.entry(
                                        "relations",
                                        arr(obj(
                                                List.of("left", "right"),
                                                Map.of("left", str(), "factor", num(), "right", str())))),
                                Map.entry("maxChangeFraction", num()),
                                Map.entry("granularity", choice("node", "gpu")),
                                Map.entry("yieldNoticeDays", integer()),
                                Map.entry("periodDays", integer()),
                                Map.entry("plannerMayKill", Map.of("type", "boolean")),
                                Map.entry("commentsShared", Map.of("type", "boolean")),
                                Map.entry("approvals", integer()),
                                Map.entry(
                                        "guard",
                                        obj(
                                                List.of(),
                                                Map.of(
                                                        "maxKillFraction",
                                                        num(),
                                                        "maxIdleFraction",
                                                        num(),
                                                        "maxShareSwing",
                                                        num(),
                                                        "maxComputeLoss",
                                                        num(),
                                                        "maxReserveFraction",
                                                        num()))),
                                Map.entry(
                                        "value",
                                        Map.of("oneOf", List.of(choice("weights", "evidence"), ref("ValuePolicy")))),
                                Map.entry(
                                        "usage",
                                        obj(
                                                List.of(),
                                                Map.of(
                                                        "idleBelow",
                                                        num(),
                                                        "action",
                                                        choice("warn", "capAtUsedPlusHeadroom"),
                                                        "headroom",
                                                        num()))),
                                Map.entry("noAsk", choice("keep", "floorOnly", "release")),
                                Map.entry("jobShapes", choice("warn", "strict")))));
        Map<String, Object> worths = Map.of("type", "object", "additionalProperties", num());
        EvidenceSchemas.add(s);
        s.put(
                "ValuePolicy",
                obj(
                        List.of(),
                        Map.of(
                                "basis",
                                choice("weights", "evidence"),
                                "cycleHours",
                                num(),
                                "flopPerGpuHour",
                                num(),
                                "worthPerCategory",
                                worths,
                                "worthPerProject",
                                worths)));
        Map<String, Object> cycle = Map.of(
                "id",
                str(),
                "start",
                date(),
                "state",
                choice("open", "review", "draft", "published", "closed"),
                "policy",
                ref("Policy"),
                "askDeadline",
                nullable(date()));
        s.put("Cycle", obj(List.of("id", "start", "state", "policy"), cycle));
        s.put("Cycles", arr(ref("Cycle")));
        s.put(
                "CycleInput",
                obj(
                        List.of("id", "start"),
                        Map.of("id", str(), "start", date(), "policy", ref("Policy"), "askDeadline", date())));
        s.put("AskDeadlineInput", obj(List.of(), Map.of("askDeadline", nullable(date()))));
        s.put("TransitionInput", obj(List.of("to"), Map.of("to", choice("review", "draft", "published", "closed"))));
        Map<String, Object> evidence = obj(
                List.of(),
                Map.of(
                        "links",
                        arr(str()),
                        "evalResults",
                        Map.of("type", "object", "additionalProperties", num()),
                        "scalingCurve",
                        arr(obj(List.of("gpus", "metric"), Map.of("gpus", num(), "metric", num())))));
        s.put(
                "AskInput",
                obj(
                        List.of("floorGpus", "targetGpus", "ceilingGpus"),
                        Map.of(
                                "floorGpus",
                                integer(),
                                "targetGpus",
                                integer(),
                                "ceilingGpus",
                                integer(),
                                "gpuTypes",
                                arr(str()),
                                "speedFactors",
                                Map.of("type", "object", "additionalProperties", num()),
                                "justification",
                                str(),
                                "jobShape",
                                obj(
                                        List.of("largestJobGpus"),
                                        Map.of("largestJobGpus", integer(), "gpuTypes", arr(str()))),
                                "evidence",
                                evidence)));
        s.put(
                "Ask",
                obj(
                        List.of("ask", "evidence"),
                        Map.of(
                                "ask",
                                Map.of("type", "object"),
                                "evidence",
                                evidence,
                                "state",
                                choice("confirmed", "carried"))));
        s.put("Asks", arr(ref("Ask")));
        s.put(
                "AskStatus",
                obj(
                        List.of("project", "lead", "state"),
                        Map.of(
                                "project",
                                str(),
                                "lead",
                                str(),
                                "state",
                                choice("confirmed", "carried", "missing"),
                                "ask",
                                nullable(Map.of("type", "object")),
                                "evidence",
                                nullable(evidence),
                                "version",
                                nullable(integer()))));
        s.put("AskStatuses", arr(ref("AskStatus")));
        s.put("ScoreInput", obj(List.of("score"), Map.of("score", integer(), "comment", str())));
        s.put(
                "Score",
                obj(
                        List.of("project", "reviewer", "score"),
                        Map.of("project", str(), "reviewer", str(), "score", integer(), "comment", str())));
        s.put("Scores", arr(ref("Score")));
        s.put("PinInput", obj(List.of("gpus"), Map.of("gpus", gpus(), "reason", str())));
        s.put("Pin", obj(List.of("project", "gpus"), Map.of("project", str(), "gpus", allocation(), "reason", str())));
        s.put("Pins", arr(ref("Pin")));
        s.put("OverrideInput", obj(List.of("action"), Map.of("action", choice("kill", "fund"), "reason", str())));
        s.put(
                "Override",
                obj(List.of("project", "action"), Map.of("project", str(), "action", str(), "reason", str())));
        s.put("Overrides", arr(ref("Override")));
        s.put(
                "PublishInput",
                obj(
                        List.of(),
                        Map.of(
                                "note",
                                str(),
                                "acknowledgements",
                                Map.of("type", "object", "additionalProperties", str()))));
        Map<String, Object> approval = new LinkedHashMap<>();
        approval.put("decider", str());
        approval.put("draftVersion", integer());
        approval.put("contentHash", str());
        approval.put("approvedAt", str());
        approval.put(
                "voidedAt", orNull("string", "When a change to the draft voided the approval; null while it counts"));
        approval.put("voidReason", orNull("string", "Why it was voided; null while it counts"));
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("cycle", str());
        check.put("draftVersion", integer());
        check.put("contentHash", str());
        check.put("author", str());
        check.put("requiredApprovals", integer());
        check.put("approvers", arr(str()));
        check.put("approvals", arr(obj(List.of("decider"), approval)));
        check.put("voided", arr(obj(List.of("decider"), approval)));
        check.put(
                "warnings",
                arr(obj(
                        List.of("rule", "message"),
                        Map.of("rule", str(), "title", str(), "message", str(), "projects", arr(str())))));
        check.put("invariantViolations", arr(str()));
        check.put("quorumMet", Map.of("type", "boolean"));
        check.put("publishable", Map.of("type", "boolean"));
        s.put("PublishCheck", obj(List.of("cycle", "draftVersion", "contentHash", "warnings"), check));
        Map<String, Object> header = Map.of(
                "cycle",
                str(),
                "kind",
                choice("draft", "published"),
                "version",
                integer(),
                "supersedes",
                orNull("integer", "The id of the plan this one corrects; null for a first version and for drafts"),
                "note",
                str(),
                "createdAt",
                str(),
                "createdBy",
                str());
        s.put("PlanVersions", arr(obj(List.of("cycle", "kind", "version"), header)));
        Map<String, Object> stored = new LinkedHashMap<>(header);
        stored.put(
                "plan",
                Map.of(
                        "type",
                        "object",
                        "description",
                        "the plan: projects with grant, decision and"
                                + " explanation, capacity, shadow prices, solve report"));
        // Only a solve answers with valueNotes: how each project with evidence was valued (policy value: evidence).
        stored.put("valueNotes", arr(str()));
        s.put("StoredPlan", obj(List.of("cycle", "kind", "version", "plan"), stored));
        s.put(
                "PlanDiff",
                obj(
                        List.of("cycle", "projects"),
                        Map.of(
                                "cycle",
                                str(),
                                "previousCycle",
                                orNull("string", "The cycle compared against; null when there is none"),
                                "projects",
                                arr(obj(
                                        List.of("project", "change"),
                                        Map.of(
                                                "project",
                                                str(),
                                                "category",
                                                str(),
                                                "change",
                                                choice("new", "grow", "keep", "shrink", "yield", "kill", "declined"),
                                                "changeGpus",
                                                integer(),
                                                "typeMove",
                                                str()))),
                                "byCategory",
                                Map.of("type", "object"),
                                "byGpuType",
                                Map.of("type", "object"))));
        Map<String, Object> burn = new LinkedHashMap<>();
        burn.put("gpuType", str());
        burn.put("gpuHours", num());
        burn.put("usedGpuHours", num());
        burn.put("remainingGpuHours", num());
        burn.put(
                "gpuHoursPerDay", Map.of("type", "number", "description", "mean GPU-hours a day over the last 7 days"));
        burn.put(
                "exhaustedOn",
                Map.of(
                        "type",
                        List.of("string", "null"),
                        "description",
                        "the day the budget ran out, or at the recent rate will; null when nothing burns"));
        burn.put("spent", Map.of("type", "boolean"));
        burn.put(
                "runsOut",
                Map.of(
                        "type",
                        "boolean",
                        "description",
                        "spent, or runs out before the cycle ends: flagged on the board"));
        s.put("BudgetBurn", obj(List.of("gpuType", "gpuHours", "usedGpuHours", "remainingGpuHours"), burn));
        s.put(
                "CategoryBudgetBurn",
                obj(
                        List.of("category", "gpuType", "gpuHours", "usedGpuHours", "remainingGpuHours"),
                        plus(burn, "category", str())));
        s.put(
                "Portfolio",
                obj(
                        List.of("cycle", "state", "projects"),
                        Map.of(
                                "categoryBudgets",
                                arr(ref("CategoryBudgetBurn")),
                                "cycle",
                                str(),
                                "state",
                                str(),
                                "planVersion",
                                orNull("integer", "The latest published version; null while none is published"),
                                "capacityGpus",
                                gpus(),
                                "projects",
                                arr(obj(
                                        List.of("id"),
                                        plus(
                                                Map.of(
                                                        "id",
                                                        str(),
                                                        "name",
                                                        str(),
                                                        "category",
                                                        str(),
                                                        "priority",
                                                        orNull("number", "null while the project has no score"),
                                                        "ask",
                                                        orNull("object", "null while the project has no ask"),
                                                        "previous",
                                                        gpus(),
                                                        "grant",
                                                        gpus(),
                                                        "decision",
                                                        orNull("string", "null while no plan is published"),
                                                        "usedFraction",
                                                        Map.of(
                                                                "type",
                                                                List.of("number", "null"),
                                                                "description",
                                                                "GPU-hours used over GPU-hours granted last cycle;"
                                                                        + " null when unknown (no grant or no usage recorded)"),
                                                        "idle",
                                                        Map.of(
                                                                "type",
                                                                "boolean",
                                                                "description",
                                                                "usedFraction is below the cycle policy's usage.idleBelow")),
                                                "budgets",
                                                arr(ref("BudgetBurn"))))))));
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("id", integer());
        run.put("cycle", str());
        run.put("planVersion", Map.of("type", List.of("integer", "null")));
        run.put("ranAt", str());
        run.put("ranBy", str());
        run.put("enforcer", choice("kueue", "slurm"));
        run.put("target", str());
        run.put("mode", choice("apply", "drift", "dry-run", "export"));
        run.put("changes", Map.of("type", List.of("integer", "null")));
        run.put("drift", Map.of("type", List.of("integer", "null")));
        run.put("errors", integer());
        run.put("detail", str());
        s.put("EnforcementRun", obj(List.of("id", "cycle", "ranAt", "ranBy", "enforcer", "target", "mode"), run));
        s.put("EnforcementRuns", arr(ref("EnforcementRun")));
        Map<String, Object> input = new LinkedHashMap<>(run);
        List.of("id", "cycle", "ranAt", "ranBy").forEach(input::remove);
        s.put("EnforcementInput", obj(List.of("enforcer", "target", "mode"), input));
        assignments(s);
        s.put("LabImportInput", obj(List.of("content"), Map.of("content", str(), "source", str())));
        s.put(
                "LabImportSummary",
                obj(
                        List.of("cycle", "created", "updated", "deleted", "unchanged"),
                        Map.of(
                                "cycle",
                                str(),
                                "created",
                                integer(),
                                "updated",
                                integer(),
                                "deleted",
                                integer(),
                                "unchanged",
                                integer())));
        return s;
    }

    /** Reviewer assignments: what the API answers and the two bodies that set them. */
    private static void assignments(Map<String, Object> s) {
        s.put(
                "Assignments",
                obj(
                        List.of("cycle", "assignments", "progress"),
                        Map.of(
                                "cycle",
                                str(),
                                "assignments",
                                arr(obj(List.of("project", "reviewer"), Map.of("project", str(), "reviewer", str()))),
                                "progress",
                                arr(obj(
                                        List.of("reviewer", "assigned", "scored"),
                                        Map.of("reviewer", str(), "assigned", integer(), "scored", integer()))))));
        s.put(
                "AssignmentsInput",
                obj(
                        List.of("assignments"),
                        Map.of(
                                "assignments",
                                Map.of(
                                        "type",
                                        "object",
                                        "additionalProperties",
                                        arr(str()),
                                        "description",
                                        "Reviewers (user names with a reviewer token) per project id"))));
        s.put(
                "RoundRobinInput",
                obj(
                        List.of(),
                        Map.of(
                                "reviewers",
                                arr(str()),
                                "perProject",
                                Map.of("type", "integer", "minimum", 1, "default", 1))));
    }

    static Map<String, Object> obj(List<String> required, Map<String, Object> properties) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("properties", properties);
        return schema;
    }

    static Map<String, Object> arr(Object items) {
        return Map.of("type", "array", "items", items);
    }

    static Map<String, Object> ref(String name) {
        return Map.of("$ref", "#/components/schemas/" + name);
    }

    static Map<String, Object> str() {
        return Map.of("type", "string");
    }

    /** {@code schema} or JSON null. */
    private static Map<String, Object> nullable(Map<String, Object> schema) {
        return Map.of("oneOf", List.of(schema, Map.of("type", "null")));
    }

    /** A value of {@code type} or JSON null, saying when it is null. */
    private static Map<String, Object> orNull(String type, String description) {
        return Map.of("type", List.of(type, "null"), "description", description);
    }

    private static Map<String, Object> date() {
        return Map.of("type", "string", "format", "date");
    }

    private static Map<String, Object> integer() {
        return Map.of("type", "integer");
    }

    static Map<String, Object> num() {
        return Map.of("type", "number");
    }

    private static Map<String, Object> gpus() {
        return Map.of("type", "object", "additionalProperties", integer(), "description", "GPUs per GPU type");
    }

    /** An allocation as the domain writes it: {@code {"gpus": {"H100": 16}}}. */
    private static Map<String, Object> allocation() {
        return obj(List.of("gpus"), Map.of("gpus", gpus()));
    }

    static Map<String, Object> choice(String... values) {
        return Map.of("type", "string", "enum", List.of(values));
    }

    private static Map<String, Object> role() {
        return choice("admin", "decider", "reviewer", "lead", "viewer");
    }

    /** {@code base} with one more property (Map.of takes at most ten). */
    private static Map<String, Object> plus(Map<String, Object> base, String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(base);
        more.put(key, value);
        return more;
    }
}
