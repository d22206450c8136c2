package dev.allot.core;

import dev.allot.core.AllotException.Kind;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every error code Allot reports, in one registry: the stable code string tools match on, the {@link Kind}, the
 * HTTP status the API answers with, a message template (placeholders in braces; the message itself names the actual
 * values) and a hint. {@code docs/errors.md} is generated from it ({@code ErrorCatalogTest} checks both that the
 * document matches and that every code thrown anywhere is registered).
 *
 * <p>Codes keep the three spellings the documentation already promises (kebab-case for the API, UPPER_CASE for the
 * lab file and the solver, dotted for the enforcers and the simulator); new codes use kebab-case.
 */
public enum ErrorCode {
    MALFORMED_JSON(
            "malformed-json",
            Kind.INVALID_INPUT,
            400,
            "The request body is not a JSON object: {reason}.",
            "Maybe check quotes, commas and brackets?"),
    VALIDATION_FAILED(
            "validation-failed",
            Kind.INVALID_INPUT,
            422,
            "{field}: {reason} (and n more); every problem is listed.",
            "Maybe fix each listed field and send again?"),
    INVALID_PATH(
            "invalid-path",
            Kind.INVALID_INPUT,
            400,
            "{name} '{value}' in the URL is not a valid id.",
            "Maybe check the URL?"),
    INVALID_QUERY(
            "invalid-query",
            Kind.INVALID_INPUT,
            400,
            "Query parameter {name} '{value}' is not valid.",
            "Maybe see /openapi.json for its range?"),
    INVALID_IF_MATCH(
            "invalid-if-match",
            Kind.INVALID_INPUT,
            400,
            "If-Match '{value}' is not an ETag this API wrote.",
            "Maybe copy the ETag of the last read?"),
    INVALID_VALUE(
            "invalid-value",
            Kind.INVALID_INPUT,
            422,
            "A value of the request breaks a rule of the domain: {reason}.",
            "Maybe check the request against /openapi.json?"),
    BAD_REQUEST(
            "bad-request",
            Kind.INVALID_INPUT,
            400,
            "The HTTP request could not be read.",
            "Maybe check the request line and headers?"),
    INVALID_FIELD(
            "invalid-field",
            Kind.INVALID_INPUT,
            422,
            "{field}: '{value}' is {reason}.",
            "Maybe the value the form suggests?"),
    INVALID_ID(
            "invalid-id",
            Kind.INVALID_INPUT,
            400,
            "{field}: '{value}' is not a valid id.",
            "Maybe pick one from the list?"),
    INVALID_POLICY(
            "invalid-policy",
            Kind.INVALID_INPUT,
            422,
            "{field}: '{value}' {reason}.",
            "Maybe 5 for the reserve, or leave a bound empty?"),
    ROUTE_NOT_FOUND(
            "route-not-found",
            Kind.NOT_FOUND,
            404,
            "No route {method} {path}.",
            "Maybe see /openapi.json for the routes?"),
    METHOD_NOT_ALLOWED(
            "method-not-allowed",
            Kind.INVALID_INPUT,
            405,
            "The route does not take method {method}.",
            "Maybe see /openapi.json for its methods?"),
    BODY_TOO_LARGE(
            "body-too-large", Kind.INVALID_INPUT, 413, "The request body is too large.", "Maybe send less at once?"),
    INTERNAL(
            "internal",
            Kind.INTERNAL,
            500,
            "The server failed unexpectedly; the error is logged and nothing was half-written.",
            "Maybe try again, and report it if it repeats?"),
    UNAUTHENTICATED(
            "unauthenticated",
            Kind.FORBIDDEN,
            401,
            "No valid token or session.",
            "Maybe sign in, or send Authorization: Bearer <token>?"),
    UNKNOWN_TOKEN(
            "unknown-token",
            Kind.FORBIDDEN,
            403,
            "The token is unknown, revoked or expired.",
            "Maybe ask an admin for a new token?"),
    CSRF_TOKEN_INVALID(
            "csrf-token-invalid",
            Kind.FORBIDDEN,
            403,
            "The form was not sent from this site's page.",
            "Maybe reload the page and send it again?"),
    ROLE_FORBIDDEN(
            "role-forbidden", Kind.FORBIDDEN, 403, "Role {role} may not {action}.", "Maybe ask a decider or an admin?"),
    ROLE_MAY_NOT_TRANSITION(
            "role-may-not-transition",
            Kind.FORBIDDEN,
            403,
            "Role {role} may not move cycle {cycle} to {state}.",
            "Maybe ask a decider?"),
    ROLE_MAY_NOT_PUBLISH(
            "role-may-not-publish",
            Kind.FORBIDDEN,
            403,
            "Role {role} may not publish; deciders alone publish.",
            "Maybe ask a decider?"),
    NOT_YOUR_PROJECT(
            "not-your-project",
            Kind.FORBIDDEN,
            403,
            "User {user} does not lead project {project} (its lead is {lead}).",
            "Maybe ask {lead} to edit it?"),
    INVALID_USER(
            "invalid-user",
            Kind.INVALID_INPUT,
            422,
            "User name '{user}' is not valid.",
            "Maybe letters, digits and . _ @ - only?"),
    UNKNOWN_ROLE(
            "unknown-role",
            Kind.INVALID_INPUT,
            422,
            "'{role}' is not a role.",
            "Maybe admin, decider, reviewer, lead or viewer?"),
    CYCLE_NOT_FOUND("cycle-not-found", Kind.NOT_FOUND, 404, "Cycle {cycle} does not exist.", "Maybe list the cycles?"),
    CYCLE_EXISTS("cycle-exists", Kind.CONFLICT, 409, "Cycle {cycle} exists already.", "Maybe pick another id?"),
    CYCLE_STATE(
            "cycle-state",
            Kind.CONFLICT,
            409,
            "Cycle {cycle} is {state}; this is allowed in {allowed}.",
            "Maybe move the cycle first?"),
    TRANSITION_NOT_ALLOWED(
            "transition-not-allowed",
            Kind.CONFLICT,
            409,
            "Cycle {cycle} cannot move from {from} to {to}.",
            "Maybe move it one step forward?"),
    NO_CYCLE(
            "no-cycle",
            Kind.NOT_FOUND,
            404,
            "The lab has no review cycle yet.",
            "Maybe import a lab with 'allot lab import lab.yaml'?"),
    NO_CYCLES("no-cycles", Kind.NOT_FOUND, 404, "The store holds no cycle.", "Maybe import a lab first?"),
    STALE_VERSION(
            "stale-version",
            Kind.CONFLICT,
            412,
            "{what} changed since version {version} was read; nothing was written.",
            "Maybe reload it and try again?"),
    IF_MATCH_REQUIRED(
            "if-match-required",
            Kind.CONFLICT,
            428,
            "This server requires If-Match on {method} {path}; nothing was written.",
            "Maybe read it first and send its ETag as If-Match, or If-Match: * to change whatever is current?"),
    PRECONDITION_FAILED(
            "precondition-failed",
            Kind.CONFLICT,
            412,
            "The If-Match precondition does not hold.",
            "Maybe reload and try again?"),
    CONSTRAINT_VIOLATED(
            "constraint-violated",
            Kind.CONFLICT,
            409,
            "The change conflicts with stored data: {reason}.",
            "Maybe reload and try again?"),
    PROJECT_NOT_FOUND(
            "project-not-found",
            Kind.NOT_FOUND,
            404,
            "Project {project} does not exist.",
            "Maybe check the slug, or list projects?"),
    PROJECT_EXISTS(
            "project-exists", Kind.CONFLICT, 409, "Project {project} exists already.", "Maybe update it instead?"),
    UNKNOWN_CATEGORY(
            "unknown-category",
            Kind.INVALID_INPUT,
            422,
            "Category {category} is not one of the lab's.",
            "Maybe one of the listed categories?"),
    ASK_NOT_FOUND(
            "ask-not-found",
            Kind.NOT_FOUND,
            404,
            "Project {project} has no ask in cycle {cycle}.",
            "Maybe PUT one first?"),
    PIN_NOT_FOUND(
            "pin-not-found",
            Kind.NOT_FOUND,
            404,
            "Project {project} has no pin in cycle {cycle}.",
            "Maybe it was already removed?"),
    OVERRIDE_NOT_FOUND(
            "override-not-found",
            Kind.NOT_FOUND,
            404,
            "Project {project} has no override in cycle {cycle}.",
            "Maybe it was already removed?"),
    NO_DRAFT("no-draft", Kind.CONFLICT, 409, "Cycle {cycle} has no draft plan.", "Maybe solve a draft first?"),
    DRAFT_ALREADY_PUBLISHED(
            "draft-already-published",
            Kind.CONFLICT,
            409,
            "The draft of cycle {cycle} is already published as version {version}.",
            "Maybe change the draft (re-solve, pin) to publish a correction?"),
    NO_PLAN("no-plan", Kind.NOT_FOUND, 404, "Cycle {cycle} has no plan.", "Maybe solve and publish one?"),
    ROLE_MAY_NOT_APPROVE(
            "role-may-not-approve", Kind.FORBIDDEN, 403, "Role {role} may not approve drafts.", "Maybe ask a decider?"),
    APPROVALS_MISSING(
            "approvals-missing",
            Kind.CONFLICT,
            409,
            "The draft of cycle {cycle} has {count} of the {required} approvals by distinct deciders it needs.",
            "Maybe ask another decider to approve it?"),
    GUARD_UNACKNOWLEDGED(
            "guard-unacknowledged",
            Kind.INVALID_INPUT,
            422,
            "{count} guard rule(s) of cycle {cycle} have no reason for their warnings.",
            "Maybe acknowledge each rule with a reason?"),
    PLAN_INVARIANT(
            "plan-invariant",
            Kind.CONFLICT,
            409,
            "The draft of cycle {cycle} breaks plan invariants: {violations}.",
            "Maybe re-solve the draft?"),
    PLAN_NOT_FOUND_VERSION(
            "plan-not-found",
            Kind.NOT_FOUND,
            404,
            "Cycle {cycle} has no published plan version {version}.",
            "Maybe list the versions?"),
    PLAN_CYCLE_MISMATCH(
            "plan-cycle-mismatch",
            Kind.INVALID_INPUT,
            422,
            "The plan is for cycle {planCycle} but was saved to cycle {cycle}.",
            "Maybe solve the right cycle?"),
    DATABASE_UNAVAILABLE(
            "database-unavailable",
            Kind.INTERNAL,
            500,
            "The database at {url} cannot be reached: {reason}.",
            "Maybe check the URL, user and password?"),
    DATABASE_ERROR(
            "database-error",
            Kind.INTERNAL,
            500,
            "The database failed: {reason}; nothing was half-written.",
            "Maybe try again?"),
    UNSUPPORTED_DATABASE(
            "unsupported-database",
            Kind.INVALID_INPUT,
            422,
            "'{url}' is not an H2 or PostgreSQL JDBC URL.",
            "Maybe jdbc:h2:file:./allot or jdbc:postgresql://host/db?"),
    JSON_WRITE("json-write", Kind.INTERNAL, 500, "Could not write {type} as JSON: {reason}.", "Maybe report it?"),
    JSON_READ(
            "json-read", Kind.INTERNAL, 500, "Stored {type} cannot be read back: {reason}.", "Maybe restore a backup?"),
    POLICY_INFEASIBLE(
            "POLICY_INFEASIBLE",
            Kind.INFEASIBLE,
            422,
            "The policy cannot be met: {conflicting rules}.",
            "Maybe relax one of the named rules?"),
    PLAN_NOT_FOUND(
            "PLAN_NOT_FOUND",
            Kind.INFEASIBLE,
            422,
            "The solver found no plan within its limits.",
            "Maybe allow more time or a larger gap?"),
    ASK_FLOOR_ABOVE_CEILING(
            "ask-floor-above-ceiling",
            Kind.INVALID_INPUT,
            422,
            "Ask floor ({floor} GPUs) of project {project} exceeds its ceiling ({ceiling}).",
            "Maybe swap floor and ceiling?"),
    ASK_FLOOR_ABOVE_TARGET(
            "ask-floor-above-target",
            Kind.INVALID_INPUT,
            422,
            "Ask floor ({floor} GPUs) of project {project} exceeds its target ({target}).",
            "Maybe lower the floor to the target?"),
    ASK_TARGET_ABOVE_CEILING(
            "ask-target-above-ceiling",
            Kind.INVALID_INPUT,
            422,
            "Ask target ({target} GPUs) of project {project} exceeds its ceiling ({ceiling}).",
            "Maybe raise the ceiling to the target?"),
    GPU_COUNT_OUT_OF_RANGE(
            "gpu-count-out-of-range",
            Kind.INVALID_INPUT,
            422,
            "{field} must be a whole number from 0 to 1000000.",
            "Maybe fewer GPUs?"),
    KUEUE_BEFORE_CYCLE(
            "kueue.before-cycle",
            Kind.INVALID_INPUT,
            400,
            "Date --at {date} is before cycle {cycle} starts; until then the previous plan applies.",
            "Maybe --at the cycle's start?"),
    KUEUE_CLUSTERS(
            "kueue.clusters",
            Kind.INVALID_INPUT,
            400,
            "Lab {lab} has pools in several clusters, and each runs its own Kueue.",
            "Maybe pass --cluster NAME, or --out DIR to export every cluster?"),
    KUEUE_CONFIRM_DELETIONS(
            "kueue.confirm-deletions",
            Kind.INVALID_INPUT,
            400,
            "The apply would delete {count} object(s) and no terminal is there to confirm it.",
            "Maybe review kueue diff, then pass --yes?"),
    KUEUE_TOO_MANY_DELETIONS(
            "kueue.too-many-deletions",
            Kind.INVALID_INPUT,
            400,
            "The apply would delete {count} objects, above --max-deletions {limit}.",
            "Maybe check the plan is the right one, or raise --max-deletions?"),
    KUEUE_CRD_BROKEN(
            "kueue.crd-broken",
            Kind.INTERNAL,
            500,
            "A Kueue CRD in the Allot jar is not valid JSON: {reason}.",
            "Maybe rebuild Allot?"),
    SLURM_APPLY_UNCONFIRMED(
            "slurm.apply.unconfirmed",
            Kind.INVALID_INPUT,
            400,
            "slurm apply changes the cluster and no terminal is there to confirm it.",
            "Maybe review slurm diff, then pass --yes?"),
    SLURM_UNAVAILABLE(
            "slurm.unavailable",
            Kind.UNAVAILABLE,
            503,
            "'{command}' failed: {reason}.",
            "Maybe slurmdbd or slurmctld is down; check systemctl status?"),
    PLAN_MISMATCH(
            "plan-mismatch",
            Kind.INVALID_INPUT,
            422,
            "Plan {source} does not fit lab {lab} (cycle {cycle}): {count} problem(s); nothing was changed.",
            "Maybe use the plan published for this lab's cycle?"),
    PROJECT_ID_SYNTAX(
            "project-id-syntax",
            Kind.INVALID_INPUT,
            422,
            "'{id}' is not a valid project id (a Kubernetes namespace name).",
            "Maybe the suggested id?"),
    RESERVE_OUT_OF_RANGE(
            "reserve-out-of-range",
            Kind.INVALID_INPUT,
            422,
            "The reserve {reserve} holds back all capacity or is negative.",
            "Maybe 5%?"),
    SHARE_MIN_ABOVE_MAX(
            "share-min-above-max",
            Kind.INVALID_INPUT,
            422,
            "Share minimum of {category} is above its maximum.",
            "Maybe swap min and max?"),
    SHARE_MINIMUMS_ABOVE_100(
            "share-minimums-above-100",
            Kind.INVALID_INPUT,
            422,
            "Share minimums add up to more than 100 %.",
            "Maybe lower some minimums?"),
    VALUE_SETTING_OUT_OF_RANGE(
            "value-setting-out-of-range",
            Kind.INVALID_INPUT,
            422,
            "The value setting {field} = {value} is out of range.",
            "Maybe 720 cycle hours, or a worth of 0 or more?"),
    USAGE_SETTING_OUT_OF_RANGE(
            "usage-setting-out-of-range",
            Kind.INVALID_INPUT,
            422,
            "The usage rule's {field} = {value} is out of range.",
            "Maybe idleBelow 50% and headroom 25%?"),
    USAGE_ACTION_UNKNOWN(
            "usage-action-unknown",
            Kind.INVALID_INPUT,
            422,
            "'{action}' is not a usage action.",
            "Maybe warn or capAtUsedPlusHeadroom?"),
    UNKNOWN_GPU_TYPE(
            "unknown-gpu-type",
            Kind.INVALID_INPUT,
            422,
            "'{type}' is not a GPU type of the lab.",
            "Maybe one of the known types?"),
    PIN_ABOVE_CAPACITY(
            "pin-above-capacity",
            Kind.INVALID_INPUT,
            422,
            "Pin of project {project} exceeds the capacity of {type}.",
            "Maybe at most the capacity?"),
    PIN_NOT_WHOLE_NODES(
            "pin-not-whole-nodes",
            Kind.INVALID_INPUT,
            422,
            "Pin of project {project} is not a whole number of {type} nodes.",
            "Maybe the nearest whole nodes?"),
    POOL_NODE_SIZE("pool-node-size", Kind.INVALID_INPUT, 422, "gpusPerNode must be at least 1.", "Maybe 8?"),
    POOL_NOT_WHOLE_NODES(
            "pool-not-whole-nodes",
            Kind.INVALID_INPUT,
            422,
            "A pool's GPUs are not a whole number of its nodes.",
            "Maybe the nearest whole nodes?"),
    LAB_CANNOT_BE_PLANNED(
            "LAB_CANNOT_BE_PLANNED",
            Kind.INVALID_INPUT,
            422,
            "Lab {lab} cannot be planned: {problems}.",
            "Maybe lower the reserve or the floors?"),
    PEER_FAILED(
            "PEER_FAILED",
            Kind.UNAVAILABLE,
            503,
            "The peer could not be run with {python}: {reason}.",
            "Maybe set --python to a Python with cvxpy (see the script's header)?"),
    EVIDENCE_INVALID(
            "EVIDENCE_INVALID",
            Kind.INVALID_INPUT,
            422,
            "Evidence file {file}: n problems (each with its line and column, or JSON field).",
            "Maybe see the formats in docs/evidence.md?"),
    EVIDENCE_FORMAT(
            "EVIDENCE_FORMAT",
            Kind.INVALID_INPUT,
            422,
            "Evidence format '{format}' is not known.",
            "Maybe csv or lm-eval?"),
    EVIDENCE_COMPUTE_MISSING(
            "EVIDENCE_COMPUTE_MISSING",
            Kind.INVALID_INPUT,
            422,
            "Evidence file {file} (lm-eval) does not say how much compute trained the model.",
            "Maybe pass --compute with --compute-unit gpu-hours or flop?"),
    EVIDENCE_METRIC_UNKNOWN(
            "EVIDENCE_METRIC_UNKNOWN",
            Kind.INVALID_INPUT,
            422,
            "Metric '{metric}' is not in {file}.",
            "Maybe one of the metrics the file has?"),
    EVIDENCE_FOLDER(
            "EVIDENCE_FOLDER",
            Kind.INVALID_INPUT,
            422,
            "--evidence {folder} is not a folder of PROJECT.csv files of the lab's projects.",
            "Maybe rename a file to its project's id?"),
    VALUE_CYCLE_HOURS(
            "VALUE_CYCLE_HOURS",
            Kind.INVALID_INPUT,
            422,
            "The cycle length ({hours} hours) must be positive.",
            "Maybe 720 for 30 days?"),
    VALUE_FLOP_PER_GPU_HOUR(
            "VALUE_FLOP_PER_GPU_HOUR",
            Kind.INVALID_INPUT,
            422,
            "FLOP per GPU-hour ({flop}) must be > 0 for a curve in FLOP.",
            "Maybe 1.44e18 for an H100 at 40 %?"),
    LAB_INVALID(
            "LAB_INVALID",
            Kind.INVALID_INPUT,
            422,
            "{file}: n problems (each with its YAML path).",
            "Maybe start from the example in docs/lab-file.md?"),
    PLAN_INVALID(
            "PLAN_INVALID",
            Kind.INVALID_INPUT,
            422,
            "{file} is not an allot.plan/v1 document: {reason}.",
            "Maybe write it with 'allot plan --out'?"),
    BAD_FLAG("BAD_FLAG", Kind.INVALID_INPUT, 422, "{flag}: {reason}.", "Maybe see --help?"),
    FILE_NOT_FOUND("FILE_NOT_FOUND", Kind.NOT_FOUND, 404, "{what} {path} does not exist.", "Maybe check the path?"),
    FILE_UNREADABLE(
            "FILE_UNREADABLE",
            Kind.INVALID_INPUT,
            422,
            "{what} {path} cannot be read: {reason}.",
            "Maybe check its permissions?"),
    FILE_UNWRITABLE(
            "FILE_UNWRITABLE",
            Kind.INVALID_INPUT,
            422,
            "{path} cannot be written: {reason}.",
            "Maybe check the folder and its permissions?"),
    FILE_NOT_TEXT(
            "FILE_NOT_TEXT",
            Kind.INVALID_INPUT,
            422,
            "{what} {path} is not UTF-8 text.",
            "Maybe pass the text file, not an archive?"),
    INVALID_PORT("invalid-port", Kind.INVALID_INPUT, 422, "Port {port} is not from 0 to 65535.", "Maybe 8080?"),
    UNKNOWN_STATE(
            "unknown-state",
            Kind.INVALID_INPUT,
            422,
            "STATE: '{state}' is not a cycle state.",
            "Maybe review, draft, published or closed?"),
    INVALID_CYCLE("invalid-cycle", Kind.INVALID_INPUT, 422, "CYCLE: '{cycle}' is not a cycle id.", "Maybe 2027-02?"),
    SIM_POOL_TYPE(
            "sim.pool-type",
            Kind.INVALID_INPUT,
            422,
            "Pool {pool} has GPU type {type} the plan does not know.",
            "Maybe check the lab file?"),
    SIM_GROUP_MAP(
            "sim.group-map",
            Kind.INVALID_INPUT,
            422,
            "The group map line '{line}' is not 'group,project'.",
            "Maybe one mapping per line?"),
    SIM_GPU_MAP(
            "sim.gpu-map",
            Kind.INVALID_INPUT,
            422,
            "The GPU map line '{line}' is not 'trace-type,lab-type'.",
            "Maybe one mapping per line?"),
    SIM_NO_FUNDED_PROJECT(
            "sim.no-funded-project",
            Kind.INVALID_INPUT,
            422,
            "The plan funds no project, so there is nothing to simulate.",
            "Maybe solve a plan with grants first?"),
    SIM_NO_GPUS("sim.no-gpus", Kind.INVALID_INPUT, 422, "The cluster has no GPUs.", "Maybe check the pools?"),
    SIM_EMPTY_TRACE(
            "sim.empty-trace",
            Kind.INVALID_INPUT,
            422,
            "The trace has no job.",
            "Maybe check the file and its time window?"),
    SIM_UNKNOWN_GPU_TYPE(
            "sim.unknown-gpu-type",
            Kind.INVALID_INPUT,
            422,
            "Trace GPU type {type} is not in the lab.",
            "Maybe map it with --gpu-map?"),
    SIM_UNKNOWN_POLICY(
            "sim.unknown-policy",
            Kind.INVALID_INPUT,
            422,
            "'{policy}' is not a sharing policy.",
            "Maybe strict, lending or fairshare?"),
    SIM_INVARIANT_CAPACITY(
            "sim.invariant.capacity",
            Kind.INTERNAL,
            500,
            "The simulator ran more GPUs than the cluster has.",
            "Maybe report it with the seed?"),
    SIM_INVARIANT_RECLAIM(
            "sim.invariant.reclaim",
            Kind.INTERNAL,
            500,
            "The simulator did not give a project back its guarantee.",
            "Maybe report it with the seed?"),
    SIM_INVARIANT_ACCOUNTING(
            "sim.invariant.accounting",
            Kind.INTERNAL,
            500,
            "The simulator's GPU-hours do not add up.",
            "Maybe report it with the seed?"),
    SIM_INVARIANT_POLICY(
            "sim.invariant.policy",
            Kind.INTERNAL,
            500,
            "The sharing policy broke its own rule.",
            "Maybe report it with the seed?"),
    TRACE_INVALID("trace.invalid", Kind.INVALID_INPUT, 422, "{file}:{line}: {reason}.", "Maybe check that row?"),
    TRACE_EMPTY("trace.empty", Kind.INVALID_INPUT, 422, "{file} has no rows.", "Maybe check the file?"),
    TRACE_COLUMN(
            "trace.column", Kind.INVALID_INPUT, 422, "{file} lacks column {column}.", "Maybe check the header row?"),
    TRACE_THROUGHPUTS(
            "trace.throughputs",
            Kind.INVALID_INPUT,
            422,
            "The throughput table is not valid: {reason}.",
            "Maybe check its rows?"),
    SLURM_USER_INVALID(
            "slurm.user.invalid",
            Kind.INVALID_INPUT,
            422,
            "'{user}' is not a valid Slurm user name.",
            "Maybe a lower-case login name?"),
    SLURM_CONFIG_INVALID(
            "slurm.config.invalid",
            Kind.INVALID_INPUT,
            422,
            "The Slurm settings are not valid: {reason}.",
            "Maybe see docs/slurm.md?"),
    SLURM_CLUSTER_UNKNOWN(
            "slurm.cluster.unknown",
            Kind.INVALID_INPUT,
            422,
            "Slurm knows no cluster {cluster}.",
            "Maybe one of the clusters sacctmgr lists?"),
    SLURM_TRES_UNTRACKED(
            "slurm.tres.untracked",
            Kind.INVALID_INPUT,
            422,
            "Slurm does not track TRES {tres}.",
            "Maybe add it to AccountingStorageTRES?"),
    SLURM_ACCOUNT_COLLISION(
            "slurm.account.collision",
            Kind.INVALID_INPUT,
            422,
            "Projects {a} and {b} map to the same Slurm account.",
            "Maybe rename one of them?"),
    SLURM_IO("slurm.io", Kind.INTERNAL, 500, "Running {tool} failed: {reason}.", "Maybe check the Slurm tools?"),
    SLURM_TIMEOUT("slurm.timeout", Kind.UNAVAILABLE, 503, "{tool} did not answer in time.", "Maybe check slurmdbd?"),
    SLURM_TOOL_MISSING(
            "slurm.tool.missing",
            Kind.UNAVAILABLE,
            503,
            "{tool} is not installed or not on the PATH.",
            "Maybe install the Slurm client tools?"),
    SLURM_INTERRUPTED(
            "slurm.interrupted", Kind.INTERNAL, 500, "Waiting for {tool} was interrupted.", "Maybe run it again?"),
    SLURM_COMMAND_FAILED(
            "slurm.command.failed", Kind.INTERNAL, 500, "{tool} failed: {stderr}.", "Maybe run it by hand to see why?"),
    SLURM_SACCTMGR_OUTPUT(
            "slurm.sacctmgr.output",
            Kind.INTERNAL,
            500,
            "sacctmgr printed output Allot cannot read.",
            "Maybe check the Slurm version?"),
    SLURM_SACCT_OUTPUT(
            "slurm.sacct.output",
            Kind.INTERNAL,
            500,
            "sacct printed output Allot cannot read.",
            "Maybe check the Slurm version?"),
    SLURM_SSHARE_OUTPUT(
            "slurm.sshare.output",
            Kind.INTERNAL,
            500,
            "sshare printed output Allot cannot read.",
            "Maybe check the Slurm version?"),
    USAGE_IO(
            "usage.io",
            Kind.INTERNAL,
            500,
            "The usage could not be read: {reason}.",
            "Maybe check the file or the scheduler?"),
    USAGE_CSV(
            "usage.csv",
            Kind.INVALID_INPUT,
            422,
            "{file} is not a usage CSV: {reason}.",
            "Maybe see docs/slurm.md for its columns?"),
    USAGE_CSV_INVALID(
            "usage.csv.invalid", Kind.INVALID_INPUT, 422, "{file}:{line}: {reason}.", "Maybe check that row?"),
    KUEUE_CONFIG(
            "kueue.config",
            Kind.INVALID_INPUT,
            422,
            "The Kueue settings are not valid: {reason}.",
            "Maybe see docs/kueue.md?"),
    KUEUE_TOO_MANY_FLAVORS(
            "kueue.too-many-flavors",
            Kind.INVALID_INPUT,
            422,
            "A ClusterQueue would need more than 16 flavors.",
            "Maybe group GPU types?"),
    KUEUE_STOP_POLICY(
            "kueue.stop-policy",
            Kind.INVALID_INPUT,
            422,
            "'{policy}' is not a Kueue stop policy.",
            "Maybe None, Hold or HoldAndDrain?"),
    KUEUE_API_VERSION(
            "kueue.api-version",
            Kind.INVALID_INPUT,
            422,
            "Kueue API version {version} is not supported.",
            "Maybe v1beta1?"),
    KUEUE_NAME(
            "kueue.name",
            Kind.INVALID_INPUT,
            422,
            "'{name}' is not a valid Kubernetes name.",
            "Maybe lower-case letters, digits and '-'?"),
    KUEUE_NAME_CLASH(
            "kueue.name-clash",
            Kind.INVALID_INPUT,
            422,
            "Projects {a} and {b} would share the name {name}.",
            "Maybe rename one of them?"),
    KUEUE_SCHEMA(
            "kueue.schema",
            Kind.INVALID_INPUT,
            422,
            "The exported objects do not match the Kueue CRDs: {reason}.",
            "Maybe check the Kueue version?"),
    KUEUE_UNREACHABLE(
            "kueue.unreachable",
            Kind.UNAVAILABLE,
            503,
            "The Kubernetes API at {url} cannot be reached.",
            "Maybe check the kubeconfig?"),
    KUEUE_CLUSTER(
            "kueue.cluster",
            Kind.INTERNAL,
            500,
            "The Kubernetes API refused the change: {reason}.",
            "Maybe check the permissions of the service account?"),
    KUEUE_CRD_MISSING(
            "kueue.crd-missing", Kind.INTERNAL, 500, "The Kueue CRDs are not installed.", "Maybe install Kueue first?"),
    BACKUP_NEEDS_FILE(
            "backup-needs-file",
            Kind.INVALID_INPUT,
            400,
            "A backup needs a file to write.",
            "Maybe allot store backup FILE?"),
    BACKUP_EXISTS(
            "backup-exists",
            Kind.CONFLICT,
            409,
            "Backup file {file} exists already; a backup never overwrites one.",
            "Maybe choose a new file name?"),
    BACKUP_NOT_FOUND(
            "backup-not-found", Kind.NOT_FOUND, 404, "Backup file {file} does not exist.", "Maybe check the path?"),
    BACKUP_UNREADABLE(
            "backup-unreadable",
            Kind.INVALID_INPUT,
            422,
            "Backup file {file} is not an Allot backup: {reason}.",
            "Maybe it was written by another tool?"),
    BACKUP_USE_PG_DUMP(
            "backup-use-pg-dump",
            Kind.INVALID_INPUT,
            400,
            "Backups of a PostgreSQL store are taken by PostgreSQL's own tools.",
            "Maybe pg_dump and pg_restore?"),
    STORE_NOT_EMPTY(
            "store-not-empty",
            Kind.CONFLICT,
            409,
            "The store already holds data; a restore fills only an empty store.",
            "Maybe restore into a new --db?"),
    CONTROL_CHARACTER(
            "control-character",
            Kind.INVALID_INPUT,
            422,
            "{field} holds a control character (U+{code}).",
            "Maybe remove it; only tab and newline are allowed in text?"),
    CROSS_ORIGIN_REFUSED(
            "cross-origin-refused",
            Kind.FORBIDDEN,
            403,
            "A write carrying the session cookie came from origin {origin}, not this server.",
            "Maybe call the API with a bearer token?"),
    INVALID_EXPIRY(
            "invalid-expiry",
            Kind.INVALID_INPUT,
            400,
            "--expires-in-days {value} must be 0 (never) or a positive number of days.",
            "Maybe 90?"),
    REVOKE_WHAT(
            "revoke-what",
            Kind.INVALID_INPUT,
            400,
            "Name the token to revoke: its id, the token itself or --user.",
            "Maybe allot token list?"),
    TOKEN_NOT_FOUND(
            "token-not-found",
            Kind.NOT_FOUND,
            404,
            "No API token has id {id}.",
            "Maybe it was revoked already; GET /api/tokens lists the live ones?"),
    SIM_CATEGORIES(
            "sim.categories",
            Kind.INVALID_INPUT,
            400,
            "--categories {value} is not a list of categories.",
            "Maybe --categories exploratory,product?"),
    TRACE_CSV(
            "trace.csv",
            Kind.INVALID_INPUT,
            422,
            "Trace {file} has problems: {problems}.",
            "Maybe map its columns with --columns?"),
    INVALID_ROLE_MAP(
            "invalid-role-map",
            Kind.INVALID_INPUT,
            422,
            "--oidc-role-map '{rule}' is not a rule KIND:VALUE=ROLE or default=ROLE|none: {reason}.",
            "Maybe group:gpu-deciders=decider?"),
    OIDC_SETTINGS(
            "oidc-settings",
            Kind.INVALID_INPUT,
            422,
            "{option} '{value}' cannot configure single sign-on: {reason}.",
            "Maybe --oidc-issuer https://idp.example/realms/lab --oidc-client-id allot --oidc-client-secret-file FILE?"),
    OIDC_UNAVAILABLE(
            "oidc-unavailable",
            Kind.UNAVAILABLE,
            503,
            "The identity provider at {issuer} did not answer: {reason}.",
            "Maybe check that its discovery document is reachable from the server?"),
    SIGN_IN_REFUSED(
            "sign-in-refused",
            Kind.FORBIDDEN,
            403,
            "Single sign-on did not complete: {reason}.",
            "Maybe start again from the sign-in page?"),
    NO_ROLE(
            "no-role",
            Kind.FORBIDDEN,
            403,
            "The identity provider signed {user} in, but no --oidc-role-map rule gives them a role.",
            "Maybe ask an administrator to add a rule for one of their groups?"),
    PLAN_NOT_PUBLISHED(
            "plan-not-published",
            Kind.INVALID_INPUT,
            400,
            "cycle {cycle} is a draft; enforcement applies published plans only",
            "Maybe publish the draft first, or enforce another cycle?"),
    NO_PUBLISHED_CYCLE(
            "no-published-cycle",
            Kind.NOT_FOUND,
            404,
            "No cycle has a published plan; enforcement applies published plans only.",
            "Maybe publish one first, or name the cycle with --cycle ID?"),
    STORE_IN_USE(
            "store-in-use",
            Kind.UNAVAILABLE,
            503,
            "The store at {url} is in use by another process that does not share it.",
            "Maybe restart that server with this version, or go through it with --server URL --token-file FILE?"),
    SERVER_UNREACHABLE(
            "server-unreachable",
            Kind.UNAVAILABLE,
            503,
            "The Allot server at {url} did not answer: {reason}.",
            "Maybe check --server, or that 'allot serve' runs?"),
    SERVER_REFUSED(
            "server-refused",
            Kind.INVALID_INPUT,
            422,
            "The Allot server at {url} answered {status}: {detail}.",
            "Maybe check --token-file and the token's role?"),
    NO_ASK_RULE(
            "no-ask-rule",
            Kind.INVALID_INPUT,
            422,
            "The policy's noAsk {value} is not a rule for projects without an ask.",
            "Maybe keep, floorOnly or release?"),
    ASK_STATE(
            "ask-state",
            Kind.INVALID_INPUT,
            422,
            "The ask state {value} is not one of missing, carried, confirmed.",
            "Maybe ?state=missing?"),
    ASK_NOT_CARRIED_OVER(
            "ask-not-carried-over",
            Kind.CONFLICT,
            409,
            "The ask of project {project} in cycle {cycle} is not carried over, so there is nothing to confirm.",
            "Maybe edit it with PUT instead?"),
    CAPACITY_EVENT_KIND(
            "capacity-event-kind",
            Kind.INVALID_INPUT,
            422,
            "A capacity event's kind must be arrival, retirement or outage.",
            "Maybe outage for a maintenance window?"),
    CAPACITY_EVENT_NOT_WHOLE_NODES(
            "capacity-event-not-whole-nodes",
            Kind.INVALID_INPUT,
            422,
            "A capacity event adds or removes GPUs that are not whole nodes of its pool.",
            "Maybe the nearest whole nodes?"),
    CAPACITY_EVENT_DATES(
            "capacity-event-dates",
            Kind.INVALID_INPUT,
            422,
            "A capacity event's dates are out of order or outside the cycle.",
            "Maybe an outage's until after its from, and dates on or after the cycle start?"),
    CAPACITY_EVENT_BELOW_ZERO(
            "capacity-event-below-zero",
            Kind.INVALID_INPUT,
            422,
            "Capacity events take pool {pool} below zero GPUs.",
            "Maybe remove at most the GPUs the pool holds?"),
    CAPACITY_EVENT_NOT_FOUND(
            "capacity-event-not-found",
            Kind.NOT_FOUND,
            404,
            "Pool {pool} has no capacity event {index}.",
            "Maybe list its events first?"),
    POOL_NOT_FOUND(
            "pool-not-found", Kind.NOT_FOUND, 404, "Pool {pool} does not exist.", "Maybe GET /api/pools lists them?"),
    SCORE_NOT_FOUND(
            "score-not-found",
            Kind.NOT_FOUND,
            404,
            "Project {project} has no score by {reviewer} in cycle {cycle}.",
            "Maybe PUT one first?"),
    LAB_IMPORT_FORBIDDEN(
            "role-may-not-import",
            Kind.FORBIDDEN,
            403,
            "Role {role} may not import a lab file: an import rewrites the fleet, the projects and the cycle's review.",
            "Maybe ask an admin?"),
    LAB_IMPORT_PUBLISHED_CYCLE(
            "lab-import-published-cycle",
            Kind.CONFLICT,
            409,
            "Cycle {cycle} is published; an import would rewrite the review its plan was decided on.",
            "Maybe create the next cycle and import into it (set cycle: in the file)?"),
    BLOCK_NOT_WHOLE_NODES(
            "block-not-whole-nodes",
            Kind.INVALID_INPUT,
            422,
            "A reserved block asks for GPUs that are not whole nodes of its type.",
            "Maybe the nearest whole nodes?"),
    BLOCK_WINDOW(
            "block-window",
            Kind.INVALID_INPUT,
            422,
            "A reserved block's days do not fit its window, or the window lies outside the cycle.",
            "Maybe a latestEnd at least its days after its earliestStart, within the cycle?"),
    BUDGET_UNKNOWN_PROJECT(
            "budget-unknown-project",
            Kind.INVALID_INPUT,
            422,
            "A GPU-hour budget names project {project}, which the lab does not have.",
            "Maybe the closest project id?"),
    BUDGET_DUPLICATE(
            "budget-duplicate",
            Kind.INVALID_INPUT,
            422,
            "Project {project} has two GPU-hour budgets of one GPU type.",
            "Maybe add them up into one?"),
    BUDGET_HOURS(
            "budget-hours",
            Kind.INVALID_INPUT,
            422,
            "A GPU-hour budget is not a number of GPU-hours from 0 to 1,000,000,000.",
            "Maybe 0, or remove the budget?"),
    BUDGET_UNKNOWN_CATEGORY(
            "budget-unknown-category",
            Kind.INVALID_INPUT,
            422,
            "A GPU-hour budget names category {category}, which the lab does not have.",
            "Maybe the closest category id?"),
    BUDGET_OWNER(
            "budget-owner",
            Kind.INVALID_INPUT,
            422,
            "A GPU-hour budget names both a project and a category; it is of one or the other.",
            "Maybe two budgets, one of the project and one of the category?"),
    SLURM_SCONTROL_OUTPUT(
            "slurm.scontrol.output",
            Kind.INTERNAL,
            500,
            "scontrol printed output Allot cannot read.",
            "Maybe check the Slurm version?"),
    SOLVE_CANCELLED(
            "solve-cancelled",
            Kind.CONFLICT,
            409,
            "The solve was cancelled before it finished; nothing was stored.",
            "Maybe start it again?"),
    SOLVE_RUNNING(
            "solve-running",
            Kind.CONFLICT,
            409,
            "A solve of cycle {cycle} is already running (job {job}, started by {user}).",
            "Maybe wait for it, or cancel it?"),
    SOLVE_JOB_NOT_FOUND(
            "solve-job-not-found",
            Kind.NOT_FOUND,
            404,
            "Cycle {cycle} has no solve job {job} (finished jobs are kept for a while, and not across restarts).",
            "Maybe start a new solve?"),
    SOLVE_FINISHED(
            "solve-finished",
            Kind.CONFLICT,
            409,
            "Solve job {job} has already finished ({state}); there is nothing to cancel.",
            "Maybe read the job for its outcome?"),
    SIM_PLAN_TIMELINE(
            "sim.plan-timeline",
            Kind.INVALID_INPUT,
            422,
            "The plan's periods, capacity events or blocks do not fit the cycle, the lab or the trace: {field} {value}.",
            "Maybe simulate a trace of this cycle, or move the event or block into the cycle?"),
    RELATION_SYNTAX(
            "relation-syntax",
            Kind.INVALID_INPUT,
            422,
            "'{relation}' is not a category relation of the form 'a >= b' or 'a >= factor * b'.",
            "Maybe 'exploratory >= product' or 'exploratory >= 1.5 * product'?"),
    RESERVE_ABOVE_CAPACITY(
            "reserve-above-capacity",
            Kind.INVALID_INPUT,
            422,
            "The per-type reserve of {type} holds back more GPUs than the lab has of it.",
            "Maybe at most the type's capacity?"),
    POLICY_UNKNOWN_REFERENCE(
            "policy-unknown-reference",
            Kind.INVALID_INPUT,
            422,
            "The policy names {what} '{name}', which the lab does not have.",
            "Maybe the closest known name?"),
    UNKNOWN_PROJECT(
            "unknown-project",
            Kind.INVALID_INPUT,
            422,
            "{field}: '{value}' is not a project of the lab.",
            "Maybe one of the closest ids named in the message?"),
    ENGINE_STATUS_UNREADABLE(
            "engine-status-unreadable",
            Kind.INFEASIBLE,
            422,
            "The {engine} engine stopped with a result status ({status}) that OR-Tools cannot report, so it returned"
                    + " no plan.",
            "Maybe allow more time (--time-limit), a larger gap (--gap), or the default engine scip?"),
    JOB_SHAPE_GPUS_OUT_OF_RANGE(
            "job-shape-gpus-out-of-range",
            Kind.INVALID_INPUT,
            422,
            "The largest job of project {project} must be a whole number of GPUs from 1 to 1000000.",
            "Maybe the GPUs of its largest training run?"),
    JOB_SHAPE_TYPE_NOT_ASKED(
            "job-shape-type-not-asked",
            Kind.INVALID_INPUT,
            422,
            "Project {project}'s jobs run on {type}, which its ask does not accept.",
            "Maybe add {type} to the ask's GPU types?"),
    JOB_SHAPE_ABOVE_POOL(
            "job-shape-above-pool",
            Kind.INVALID_INPUT,
            422,
            "The largest job of project {project} ({gpus} GPUs) exceeds every {type} GPU of the lab ({capacity}).",
            "Maybe drop {type} from the job's types, or split the job?"),
    JOB_SHAPES_UNKNOWN(
            "job-shapes-unknown",
            Kind.INVALID_INPUT,
            422,
            "'{value}' is not a job-shapes setting.",
            "Maybe warn or strict?");

    private static final Map<String, ErrorCode> BY_CODE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ErrorCode::code, Function.identity()));

    private final String code;
    private final Kind kind;
    private final int httpStatus;
    private final String messageTemplate;
    private final String hint;

    ErrorCode(String code, Kind kind, int httpStatus, String messageTemplate, String hint) {
        this.code = code;
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.messageTemplate = messageTemplate;
        this.hint = hint;
    }

    /** The registered code spelt {@code code}, if any. */
    public static Optional<ErrorCode> of(String code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    public String code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String messageTemplate() {
        return messageTemplate;
    }

    public String hint() {
        return hint;
    }
}
