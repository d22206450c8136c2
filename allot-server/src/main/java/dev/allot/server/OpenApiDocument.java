package dev.allot.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.1 description of the REST API, written by hand next to {@link ApiRoutes}; a test checks that every
 * registered route appears here, so the two cannot drift apart silently.
 */
final class OpenApiDocument {
    private final Map<String, Map<String, Object>> paths = new LinkedHashMap<>();

    private OpenApiDocument() {}

    static Map<String, Object> build() {
        OpenApiDocument doc = new OpenApiDocument();
        doc.op("get", "/health", "Liveness and database check", null, "Health", false);
        doc.probe("/healthz", "Liveness: the process answers (no database check)");
        doc.probe("/readyz", "Readiness: 200 while the database answers, 503 when it does not");
        doc.op("get", "/metrics", "Prometheus metrics (text exposition format)", null, null, false);
        doc.op("get", "/openapi.json", "This document", null, null, false);
        doc.op("get", "/schemas/plan-v1.json", "The JSON Schema of the allot.plan/v1 document", null, null, false);
        doc.op("get", "/api/me", "Who the token belongs to", null, "Me", true);
        doc.op("get", "/api/gpu-types", "GPU types with relative speeds", null, "GpuTypes", true);
        doc.op("get", "/api/pools", "Pools: GPUs of one type in one cluster", null, "Pools", true);
        doc.op("get", "/api/categories", "Project categories", null, "Categories", true);
        doc.op("get", "/api/projects", "All projects", null, "Projects", true);
        doc.op("post", "/api/projects", "Create a project (admin)", "ProjectInput", "Project", true);
        doc.op("get", "/api/projects/{project}", "One project; ETag for If-Match", null, "Project", true);
        doc.op(
                "put",
                "/api/projects/{project}",
                "Replace a project (admin; If-Match)",
                "ProjectInput",
                "Project",
                true);
        doc.op(
                "get",
                "/api/projects/{project}/history",
                "Asked, granted, used and decisions across cycles",
                null,
                "ProjectHistory",
                true);
        doc.op("get", "/api/projects/{project}/usage", "GPU-hours per day (query: from, to)", null, "UsageDays", true);
        doc.op(
                "get",
                "/api/projects/{project}/evidence",
                "Evidence series of a cycle (query: cycle; default the latest) with fits, intervals, set-aside points"
                        + " and the fitted curve's 95 % band",
                null,
                "EvidenceView",
                true);
        doc.op(
                "post",
                "/api/projects/{project}/evidence",
                "Import an evidence file (CSV or lm-eval JSON) into a cycle; a bad file is a 422 listing every"
                        + " problem and stores nothing",
                "EvidenceInput",
                "EvidenceImported",
                true);
        doc.op("post", "/api/usage", "Record usage days (admin)", "UsageInput", "UsageResult", true, 200);
        doc.op("get", "/api/audit", "Audit log, newest first (admin; query: entity, id, limit)", null, "Audit", true);
        doc.op(
                "post",
                "/api/tokens",
                "Create an API token (admin); the secret is shown once",
                "TokenInput",
                "Token",
                true);
        doc.op(
                "get",
                "/api/tokens",
                "API tokens without secrets: expiry, last use, live sessions (admin)",
                null,
                "Tokens",
                true);
        doc.op("delete", "/api/tokens/{id}", "Revoke an API token and its sessions (admin)", null, null, true);
        doc.op("post", "/api/sessions", "Start a UI session (sets the allot_session cookie)", null, "Session", true);
        doc.op("get", "/api/cycles", "Cycles, newest first", null, "Cycles", true);
        doc.op("post", "/api/cycles", "Create a cycle in state open (admin)", "CycleInput", "Cycle", true);
        doc.op("get", "/api/cycles/{cycle}", "One cycle; ETag for If-Match", null, "Cycle", true);
        doc.op(
                "post",
                "/api/cycles/{cycle}/transitions",
                "Move to the next state (If-Match on the cycle)",
                "TransitionInput",
                "Cycle",
                true,
                200);
        doc.op(
                "put",
                "/api/cycles/{cycle}/policy",
                "Replace the policy (If-Match on the cycle)",
                "Policy",
                "Cycle",
                true);
        doc.op(
                "get",
                "/api/cycles/{cycle}/asks",
                "The cycle's asks with state (confirmed, carried) and lead; ?state=missing|carried|confirmed lists"
                        + " the projects in that state, missing ones included",
                null,
                "AskStatuses",
                true);
        doc.query(
                "get",
                "/api/cycles/{cycle}/asks",
                "state",
                "Only asks in this state; missing: active projects without an ask",
                OpenApiSchemas.choice("missing", "carried", "confirmed"));
        doc.op(
                "post",
                "/api/cycles/{cycle}/asks/{project}/confirm",
                "Confirm a carried-over ask as it stands (its lead or an admin; If-Match on the ask)",
                null,
                "Ask",
                true,
                200);
        doc.op(
                "put",
                "/api/cycles/{cycle}/ask-deadline",
                "Set or clear the date by which leads write or confirm their asks (If-Match on the cycle)",
                "AskDeadlineInput",
                "Cycle",
                true);
        doc.op("get", "/api/cycles/{cycle}/asks/{project}", "One ask with evidence; ETag", null, "Ask", true);
        doc.op(
                "put",
                "/api/cycles/{cycle}/asks/{project}",
                "Write an ask (its lead or an admin; If-Match)",
                "AskInput",
                "Ask",
                true);
        doc.op("get", "/api/cycles/{cycle}/scores", "Reviewer scores", null, "Scores", true);
        doc.op(
                "put",
                "/api/cycles/{cycle}/scores/{project}",
                "Score a project (reviewer)",
                "ScoreInput",
                "Score",
                true);
        doc.op("get", "/api/cycles/{cycle}/pins", "Pinned grants", null, "Pins", true);
        doc.op("put", "/api/cycles/{cycle}/pins/{project}", "Pin a grant (decider)", "PinInput", "Pin", true);
        doc.op("delete", "/api/cycles/{cycle}/pins/{project}", "Remove a pin (decider)", null, null, true);
        doc.op("get", "/api/cycles/{cycle}/overrides", "Decider overrides", null, "Overrides", true);
        doc.op(
                "put",
                "/api/cycles/{cycle}/overrides/{project}",
                "Kill or fund a project (decider)",
                "OverrideInput",
                "Override",
                true);
        doc.op("delete", "/api/cycles/{cycle}/overrides/{project}", "Remove an override (decider)", null, null, true);
        doc.op(
                "post",
                "/api/cycles/{cycle}/draft",
                "Solve and save the draft plan (decider; If-Match on the draft)",
                null,
                "StoredPlan",
                true);
        doc.op("get", "/api/cycles/{cycle}/draft", "The draft plan; ETag is its version", null, "StoredPlan", true);
        doc.op(
                "get",
                "/api/cycles/{cycle}/diff",
                "Draft (or latest published) against the previous cycle's plan",
                null,
                "PlanDiff",
                true);
        doc.op(
                "post",
                "/api/cycles/{cycle}/publish",
                "Publish the draft as a new immutable version (decider; If-Match on the draft): needs the policy's"
                        + " approvals of this exact draft and a reason for every guard-rail warning",
                "PublishInput",
                "StoredPlan",
                true);
        doc.op(
                "post",
                "/api/cycles/{cycle}/approvals",
                "Approve the current draft (decider; If-Match on the draft); any change to the draft voids it",
                null,
                "PublishCheck",
                true);
        doc.op(
                "delete",
                "/api/cycles/{cycle}/approvals",
                "Withdraw your approval of the draft (decider)",
                null,
                "PublishCheck",
                true);
        doc.op(
                "get",
                "/api/cycles/{cycle}/publish-check",
                "Guard-rail warnings, approvals (counting and voided) and invariant violations of the draft",
                null,
                "PublishCheck",
                true);
        doc.op(
                "get",
                "/api/cycles/{cycle}/plan",
                "The plan you may see (published, or the draft for deciders and admins) as the allot.plan/v1"
                        + " document (application/vnd.allot.plan.v1+json; YAML on Accept: application/yaml);"
                        + " schema at /schemas/plan-v1.json",
                null,
                null,
                true);
        doc.op("get", "/api/cycles/{cycle}/plans", "Published versions", null, "PlanVersions", true);
        doc.op("get", "/api/cycles/{cycle}/plans/{version}", "One published version", null, "StoredPlan", true);
        doc.op(
                "get",
                "/api/cycles/{cycle}/portfolio",
                "Every project with ask, priority and published grant;" + " ETag / If-None-Match",
                null,
                "Portfolio",
                true);
        doc.op(
                "get",
                "/api/cycles/{cycle}/enforcement",
                "Enforcement runs of the cycle (Slurm and Kueue applies, drift checks, exports), newest first",
                null,
                "EnforcementRuns",
                true);
        doc.op(
                "post",
                "/api/cycles/{cycle}/enforcement",
                "Record an enforcement run (admin or decider); who and when are the server's",
                "EnforcementInput",
                "EnforcementRun",
                true);
        doc.op(
                "get",
                "/api/cycles/{cycle}/enforcement/plan",
                "The plan enforcers apply: the latest published version as the allot.plan/v1 document ({cycle} may"
                        + " be 'current', the newest cycle with a published plan; headers Allot-Cycle and"
                        + " Allot-Plan-Version); a draft is refused",
                null,
                null,
                true);
        doc.op(
                "get",
                "/api/cycles/{cycle}/lab",
                "The cycle's lab as a lab file (application/yaml; admin or decider): what enforcers check a plan"
                        + " against",
                null,
                null,
                true);
        doc.op("get", "/api/pools/{pool}/events", "A pool's capacity events, by date", null, "CapacityEvents", true);
        doc.op(
                "post",
                "/api/pools/{pool}/events",
                "Add an arrival, retirement or outage window to a pool (admin); answers its events",
                "CapacityEventInput",
                "CapacityEvents",
                true);
        doc.op(
                "delete",
                "/api/pools/{pool}/events/{index}",
                "Remove the pool's event number index (0-based, by date; admin); answers its events",
                null,
                "CapacityEvents",
                true);
        doc.op(
                "get",
                "/api/cycles/{cycle}/assignments",
                "Which reviewer scores which project, with each reviewer's progress (a reviewer sees their own)",
                null,
                "Assignments",
                true);
        doc.op(
                "put",
                "/api/cycles/{cycle}/assignments",
                "Replace the cycle's reviewer assignments (decider or admin); every problem is named at once",
                "AssignmentsInput",
                "Assignments",
                true);
        doc.op(
                "post",
                "/api/cycles/{cycle}/assignments/round-robin",
                "Deal the active projects out to the reviewers round-robin within each category (decider or admin);"
                        + " replaces earlier assignments",
                "RoundRobinInput",
                "Assignments",
                true,
                200);
        doc.op(
                "get",
                "/api/cycles/{cycle}/scores/{project}",
                "Your own score of a project (reviewer); ETag for If-Match",
                null,
                "Score",
                true);
        doc.op("get", "/api/cycles/{cycle}/pins/{project}", "One pin; ETag for If-Match", null, "Pin", true);
        doc.op(
                "get",
                "/api/cycles/{cycle}/overrides/{project}",
                "One override; ETag for If-Match",
                null,
                "Override",
                true);
        doc.op(
                "post",
                "/api/lab",
                "Import a lab file (admin; body: its YAML as content): fleet, projects, the cycle's policy and review,"
                        + " in one transaction; a bad file is a 422 listing every problem and stores nothing",
                "LabImportInput",
                "LabImportSummary",
                true,
                200);
        doc.op(
                "get",
                "/api/cycles/{cycle}/budgets",
                "The cycle's GPU-hour budgets per project or category and GPU type",
                null,
                "Budgets",
                true);
        doc.op(
                "put",
                "/api/cycles/{cycle}/budgets",
                "Replace the cycle's GPU-hour budgets with the body's list (admin or decider; a budget left out is"
                        + " removed; every problem at once, at budgets[i].project|category|gpuType|gpuHours); voids the"
                        + " draft's approvals when they change",
                "BudgetsInput",
                "Budgets",
                true);
        doc.op(
                "get",
                "/api/cycles/{cycle}/blocks",
                "The cycle's reserved blocks, each with where the plan the caller may see placed it (placed: null"
                        + " when it did not) and the plan's sentence about it",
                null,
                "CycleBlocks",
                true);
        doc.op(
                "get",
                "/api/cycles/{cycle}/asks/{project}/blocks",
                "A project's reserved blocks in the cycle, part of its ask; ETag for If-Match",
                null,
                "Blocks",
                true);
        doc.op(
                "put",
                "/api/cycles/{cycle}/asks/{project}/blocks",
                "Replace a project's reserved blocks with the body's list while the cycle is open (its lead or an"
                        + " admin; If-Match; a block left out is removed; every problem at once, at"
                        + " blocks[i].gpuType|gpus|days|earliestStart|latestEnd)",
                "BlocksInput",
                "Blocks",
                true);
        doc.op(
                "post",
                "/api/cycles/{cycle}/solves",
                "Start solving the draft in the background (decider; If-Match on the draft): 202 with the job's"
                        + " Location; 409 solve-running naming the job when a solve of the cycle runs",
                null,
                "SolveJob",
                true,
                202);
        doc.op(
                "get",
                "/api/cycles/{cycle}/solves/{job}",
                "A solve job: state (running, done, failed, cancelled), phase, elapsed, incumbent, bound, gap; the"
                        + " draft's link when done, the problem when failed (admin or decider; Retry-After while"
                        + " running)",
                null,
                "SolveJob",
                true);
        doc.op(
                "post",
                "/api/cycles/{cycle}/solves/{job}/cancel",
                "Cancel a running solve job; it stores nothing (decider); 409 solve-finished when it finished first",
                null,
                "SolveJob",
                true,
                200);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("openapi", "3.1.0");
        root.put(
                "info",
                Map.of(
                        "title",
                        "Allot API",
                        "version",
                        "0.1.0",
                        "description",
                        "Decides and enforces who gets the GPUs in a research lab."));
        root.put("paths", doc.paths);
        root.put(
                "components",
                Map.of(
                        "securitySchemes",
                        Map.of("bearer", Map.of("type", "http", "scheme", "bearer")),
                        "schemas",
                        OpenApiSchemas.all()));
        return root;
    }

    /** A public probe answering the Health object, with 503 (the same object) when it is not up. */
    @SuppressWarnings("unchecked")
    private void probe(String path, String summary) {
        op("get", path, summary, null, "Health", false);
        Map<String, Object> operation = (Map<String, Object>) paths.get(path).get("get");
        ((Map<String, Object>) operation.get("responses"))
                .put(
                        "503",
                        Map.of(
                                "description",
                                "Not ready",
                                "content",
                                Map.of("application/json", Map.of("schema", ref("Health")))));
    }

    /** An operation answering 204 to a DELETE, 201 to a POST (it creates) and 200 otherwise; see the next. */
    private void op(String method, String path, String summary, String request, String response, boolean secured) {
        op(
                method,
                path,
                summary,
                request,
                response,
                secured,
                method.equals("delete") ? 204 : method.equals("post") ? 201 : 200);
    }

    /** An operation whose success is {@code ok}: declared here with the route, never guessed from its path. */
    private void op(
            String method, String path, String summary, String request, String response, boolean secured, int ok) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("summary", summary);
        List<Map<String, Object>> parameters =
                path.chars().filter(c -> c == '{').count() == 0
                        ? List.of()
                        : java.util.Arrays.stream(path.split("/"))
                                .filter(part -> part.startsWith("{"))
                                .map(part -> Map.<String, Object>of(
                                        "name",
                                        part.substring(1, part.length() - 1),
                                        "in",
                                        "path",
                                        "required",
                                        true,
                                        "schema",
                                        Map.of("type", "string")))
                                .toList();
        if (!parameters.isEmpty()) {
            operation.put("parameters", parameters);
        }
        if (request != null) {
            operation.put(
                    "requestBody",
                    Map.of("required", true, "content", Map.of("application/json", Map.of("schema", ref(request)))));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put(
                String.valueOf(ok),
                response == null
                        ? Map.of("description", "Done")
                        : Map.of(
                                "description",
                                "OK",
                                "content",
                                Map.of("application/json", Map.of("schema", ref(response)))));
        Map<String, Object> problem = Map.of(
                "description",
                "RFC 9457 problem",
                "content",
                Map.of(ProblemResponses.CONTENT_TYPE, Map.of("schema", ref("Problem"))));
        List<String> errors = new java.util.ArrayList<>(
                secured ? List.of("400", "401", "403", "404", "409", "412", "422", "503") : List.of("500"));
        if (secured && !method.equals("get")) {
            errors.add("413"); // a body over the limit, whatever the operation
            errors.add("428"); // no If-Match, on a server run with --require-if-match
        }
        for (String status : errors) {
            responses.put(status, problem);
        }
        operation.put("responses", responses);
        if (secured) {
            operation.put("security", List.of(Map.of("bearer", List.of())));
        }
        paths.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, operation);
    }

    /** Adds an optional query parameter to an operation already written by {@link #op}. */
    @SuppressWarnings("unchecked")
    private void query(String method, String path, String name, String description, Map<String, Object> schema) {
        Map<String, Object> operation = (Map<String, Object>) paths.get(path).get(method);
        List<Map<String, Object>> parameters =
                new java.util.ArrayList<>((List<Map<String, Object>>) operation.getOrDefault("parameters", List.of()));
        parameters.add(
                Map.of("name", name, "in", "query", "required", false, "description", description, "schema", schema));
        operation.put("parameters", parameters);
    }

    private static Map<String, Object> ref(String schema) {
        return Map.of("$ref", "#/components/schemas/" + schema);
    }
}
