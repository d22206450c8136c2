package dev.allot.application;

import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import dev.allot.core.ErrorCode;
import dev.allot.core.Problem;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.planner.PlanInvariants;
import dev.allot.core.rules.PlanRules;
import dev.allot.lab.PlanDocument;
import dev.allot.lab.PlanSchema;
import dev.allot.store.Actor;
import dev.allot.store.Cycle;
import dev.allot.store.CycleState;
import dev.allot.store.EnforcementRun;
import dev.allot.store.Store;
import dev.allot.store.StoredPlan;
import dev.allot.store.Versioned;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Enforcement's use cases: which plan the Slurm and Kueue enforcers apply for a cycle (its latest published version,
 * never a draft), what a plan must pass before any cluster is touched, and the record of every run per cycle. The
 * command line (reading the store or the API) and the API share these rules.
 */
public final class Enforcements {
    /** The cycle reference that names the newest cycle with a published plan. */
    public static final String CURRENT = "current";

    /** Enforcers whose runs are recorded. */
    public static final Set<String> ENFORCERS = Set.of("slurm", "kueue");

    /** How a run used the plan: changed the cluster, compared it, showed what would change, or wrote files. */
    public static final Set<String> MODES = Set.of("apply", "drift", "dry-run", "export");

    static final int MAX_TARGET = 200;
    static final int MAX_DETAIL = 2000;

    private final Store store;

    Enforcements(Store store) {
        this.store = store;
    }

    /** The enforcement use cases alone, for adapters that only read and record runs. */
    public static Enforcements of(Store store) {
        return new Enforcements(store);
    }

    /**
     * The published plan of one cycle as an enforcer takes it: the lab it belongs to, the version, the plan, and the
     * plan as the allot.plan/v1 document.
     */
    public record Enforceable(CycleId cycle, int version, Lab lab, Plan plan) {
        /** The plan as the one outward document (JSON), as the API serves it. */
        public String document() {
            return PlanDocument.json(plan);
        }
    }

    /**
     * The latest published plan of {@code reference} (a cycle id, or {@link #CURRENT} for the newest cycle that has
     * one), checked with {@link #problems}: refuses an unknown cycle, a cycle with no published plan (a draft), and a
     * published plan that no longer holds for the cycle's lab, naming each violation.
     */
    public Enforceable published(String reference) {
        Versioned<Cycle> cycle = resolve(reference);
        CycleId id = cycle.value().id();
        StoredPlan plan = store.plans().latestPublished(id).orElseThrow(() -> notPublished(cycle.value()));
        Lab lab = store.lab().export(id);
        Enforceable enforceable = new Enforceable(id, plan.version(), lab, plan.plan());
        List<Problem> problems = problems(lab, plan.plan(), enforceable.document());
        if (!problems.isEmpty()) {
            throw refused("published plan " + plan.version() + " of cycle " + id, lab, problems);
        }
        return enforceable;
    }

    private Versioned<Cycle> resolve(String reference) {
        if (reference == null || reference.isBlank()) {
            throw AllotException.invalid(
                    "invalid-id", "cycle: '' is not a valid id. Maybe current, or a cycle id such as 2027-01?");
        }
        if (!CURRENT.equals(reference)) {
            return store.cycles().get(CycleId.of(reference));
        }
        List<Versioned<Cycle>> cycles = store.cycles().list();
        return cycles.stream()
                .filter(cycle -> cycle.value().state() == CycleState.PUBLISHED)
                .filter(cycle ->
                        store.plans().latestPublished(cycle.value().id()).isPresent())
                .findFirst()
                .orElseThrow(() -> new AllotException(
                        Kind.NOT_FOUND,
                        "no-published-cycle",
                        "No cycle has a published plan"
                                + cycles.stream()
                                        .findFirst()
                                        .map(newest -> " (the newest, "
                                                + newest.value().id() + ", is "
                                                + newest.value().state().label() + ")")
                                        .orElse(" (the store holds no cycle)")
                                + "; enforcement applies published plans only. Maybe publish one first?"));
    }

    private static AllotException notPublished(Cycle cycle) {
        String state = cycle.state() == CycleState.DRAFT
                ? "a draft"
                : cycle.state() == CycleState.PUBLISHED || cycle.state() == CycleState.CLOSED
                        ? cycle.state().label() + " without a published plan"
                        : cycle.state().label();
        return AllotException.invalid(
                "plan-not-published",
                "cycle " + cycle.id() + " is " + state + "; enforcement applies published plans only");
    }

    /**
     * Every reason an enforcer must refuse {@code plan} for {@code lab}: the document departs from the allot.plan/v1
     * schema ({@code document} may be null when there is no document text), the plan does not belong to the lab
     * ({@link PlanRules#fit}), or it breaks a rule of the lab ({@link PlanInvariants}, the oracle the tests use).
     */
    public static List<Problem> problems(Lab lab, Plan plan, String document) {
        List<Problem> problems = new ArrayList<>();
        if (document != null) {
            problems.addAll(PlanSchema.validateDocument(document));
        }
        List<Problem> fit = PlanRules.fit(lab, plan);
        problems.addAll(fit);
        if (fit.isEmpty()) {
            PlanInvariants.check(lab, plan)
                    .forEach(violation -> problems.add(new Problem(
                            "plan", violation, "breaks a rule of the lab", "Maybe solve and publish the plan again?")));
        }
        return problems;
    }

    /** The one refusal of a plan that fails {@link #problems}: exit 2 / HTTP 422, every problem listed. */
    public static AllotException refused(String source, Lab lab, List<Problem> problems) {
        return new AllotException(
                Kind.INVALID_INPUT,
                ErrorCode.PLAN_MISMATCH.code(),
                "Plan " + source + " does not fit lab " + lab.name() + " (cycle " + lab.cycle() + "): "
                        + problems.size() + " problem(s); nothing was changed.",
                problems,
                null);
    }

    /** Records one run (checked field by field, every problem at once); who and when come from here. */
    public EnforcementRun record(EnforcementRun run, Actor actor) {
        List<Problem> problems = new ArrayList<>();
        if (!ENFORCERS.contains(run.enforcer())) {
            problems.add(new Problem("enforcer", run.enforcer(), "is not an enforcer", "Maybe slurm or kueue?"));
        }
        if (!MODES.contains(run.mode())) {
            problems.add(new Problem("mode", run.mode(), "is not a mode", "Maybe apply, drift, dry-run or export?"));
        }
        if (run.target().isBlank() || run.target().length() > MAX_TARGET || hasControl(run.target())) {
            problems.add(new Problem(
                    "target",
                    shorten(run.target()),
                    "must be 1 to " + MAX_TARGET + " printable characters",
                    "Maybe the Slurm cluster name or the Kubernetes context?"));
        }
        count("changes", run.changes(), problems);
        count("drift", run.drift(), problems);
        count("errors", run.errors(), problems);
        if (run.detail().length() > MAX_DETAIL) {
            problems.add(new Problem(
                    "detail",
                    shorten(run.detail()),
                    "is longer than " + MAX_DETAIL + " characters",
                    "Maybe the first error only?"));
        }
        if (run.planVersion() != null
                && store.plans().published(run.cycle(), run.planVersion()).isEmpty()) {
            problems.add(new Problem(
                    "planVersion",
                    String.valueOf(run.planVersion()),
                    "is not a published version of cycle " + run.cycle(),
                    "Maybe leave it out, or list them with GET /api/cycles/" + run.cycle() + "/plans?"));
        }
        if (!problems.isEmpty()) {
            throw new AllotException(
                    Kind.INVALID_INPUT,
                    "validation-failed",
                    "Enforcement run for cycle " + run.cycle() + " has " + problems.size()
                            + " problem(s); nothing was recorded.",
                    problems,
                    null);
        }
        return store.enforcement().record(run, actor);
    }

    /** The runs recorded for {@code cycle}, newest first. */
    public List<EnforcementRun> list(CycleId cycle) {
        return store.enforcement().list(cycle);
    }

    /** The newest run that applied or exported {@code cycle}'s plan, and the newest drift check of its target after it. */
    public Optional<Latest> latest(CycleId cycle) {
        List<EnforcementRun> runs = list(cycle);
        return runs.stream()
                .filter(run -> run.mode().equals("apply") || run.mode().equals("export"))
                .findFirst()
                .map(applied -> new Latest(
                        applied,
                        runs.stream()
                                .filter(run -> run.mode().equals("drift")
                                        && run.enforcer().equals(applied.enforcer())
                                        && run.target().equals(applied.target())
                                        && run.id() > applied.id())
                                .findFirst()));
    }

    /** The last apply (or export) of a cycle's plan and the newest drift check of the same target since. */
    public record Latest(EnforcementRun applied, Optional<EnforcementRun> driftSince) {}

    private static void count(String field, Integer value, List<Problem> problems) {
        if (value != null && value < 0) {
            problems.add(new Problem(field, String.valueOf(value), "is negative", "Maybe 0?"));
        }
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
