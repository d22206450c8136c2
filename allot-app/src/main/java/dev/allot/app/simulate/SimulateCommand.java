package dev.allot.app.simulate;

import dev.allot.app.Cli;
import dev.allot.app.PlanInput;
import dev.allot.app.server.StoreConnection;
import dev.allot.core.AllotException;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.sim.Backfill;
import dev.allot.sim.SharingPolicy;
import dev.allot.sim.SimOptions;
import dev.allot.sim.SimOutcome;
import dev.allot.sim.Simulator;
import dev.allot.sim.policy.SharingPolicies;
import dev.allot.sim.report.HtmlReport;
import dev.allot.sim.report.JsonReport;
import dev.allot.sim.report.SummaryTable;
import dev.allot.sim.report.TimelineTable;
import dev.allot.sim.trace.SyntheticTrace;
import dev.allot.sim.trace.Trace;
import dev.allot.store.StoredPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code allot simulate}: replays a job trace against a plan under one or more sharing policies, prints a summary
 * table and writes a JSON and an HTML report.
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Replay a job trace against a plan before publishing it: utilisation, queueing, entitlement met, borrowing and preemptions per project, category and GPU type, under one or more sharing policies (strict, lending, fairshare, lending-relations). A plan over time changes grants at its period boundaries, applies the lab's capacity events and runs its reserved blocks, and the report says whether each block started on time. Writes simulation.json and simulation.html (a verdict per policy first); see docs/simulation.md."
        })
public final class SimulateCommand implements Callable<Integer> {
    /**
     * Warnings printed before the run: the first ones (the headline and the first projects), then a count; a plan that
     * cannot start the jobs of 200 projects would otherwise push the summary off the screen.
     */
    static final int CONSOLE_WARNINGS = 10;

    @Mixin
    PlanInput input;

    @Option(
            names = "--cycle",
            paramLabel = "ID",
            description =
                    "Simulate a stored cycle: its lab and the plan shown for it (the latest published one, unless its draft"
                            + " changed since; else a new plan).")
    String cycle;

    /** Where --cycle is read from: --db, else $ALLOT_DB_URL, else the embedded database. */
    @Mixin
    StoreConnection store;

    @Option(
            names = "--trace",
            paramLabel = "PATH",
            description = "A folder of Gavel/Philly *.trace files, or a CSV trace (see docs/simulation.md).")
    Path trace;

    @Option(
            names = "--columns",
            paramLabel = "MAP",
            description =
                    "For CSV traces: canonical column = the trace's header name, e.g."
                            + " submit=submit_time,gpus=num_gpu,duration=runtime,group=user,id=job_name (see docs/simulation.md).")
    String columns;

    @Option(
            names = "--throughputs",
            paramLabel = "FILE",
            description = "Gavel throughputs JSON (default: simulation_throughputs.json beside the trace folder).")
    Path throughputs;

    @Option(
            names = "--synthetic-jobs",
            paramLabel = "N",
            description = "Instead of --trace, generate N synthetic jobs (seeded by --seed).")
    Integer syntheticJobs;

    @Option(
            names = "--policy",
            paramLabel = "NAME",
            defaultValue = "lending",
            description = "Sharing policy: strict, lending, fairshare or lending-relations (lending that keeps"
                    + " the category relations) (default: ${DEFAULT-VALUE}).")
    String policy;

    @Option(
            names = "--compare",
            paramLabel = "NAMES",
            arity = "0..1",
            fallbackValue = "strict,lending,fairshare,lending-relations",
            description = "Run several policies side by side, comma-separated (alone: all of them).")
    String compare;

    @Option(
            names = "--group-map",
            paramLabel = "MAP",
            description = "Pairs group=project, comma-separated, or a file of such lines (default: automatic).")
    String groupMap;

    @Option(
            names = "--gpu-map",
            paramLabel = "MAP",
            description = "Lab type = trace type pairs, e.g. H100=v100,A100=p100 (default: by relative speed).")
    String gpuMap;

    @Option(
            names = "--arrival-scale",
            paramLabel = "X",
            defaultValue = "1",
            description = "Divide arrival times by X to raise the load (default: ${DEFAULT-VALUE}).")
    double arrivalScale;

    @Option(
            names = "--backfill",
            paramLabel = "MODE",
            defaultValue = "easy",
            description = "Queue discipline: none (FIFO per project), easy (reservation for the first blocked job,"
                    + " as Slurm) or full (whatever fits starts) (default: ${DEFAULT-VALUE}).")
    String backfill;

    @Option(
            names = "--preemption-cost",
            paramLabel = "SECONDS",
            defaultValue = "300",
            description = "Running time a preempted job loses (since its last checkpoint, plus restart)"
                    + " (default: ${DEFAULT-VALUE}).")
    double preemptionCost;

    @Option(
            names = "--horizon-days",
            paramLabel = "DAYS",
            description = "Stop at this simulated day (default: run until every job that can run has run).")
    Double horizonDays;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "sim-report",
            description = "Folder for simulation.json and simulation.html (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--quiet", description = "No progress line.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        long seed = spec.findOption("--seed").getValue();
        List<SharingPolicy> policies = policies();
        SimOptions options = options(seed);
        Trace jobs = trace(seed);
        Loaded loaded = loadPlan();
        System.out.printf(
                Locale.ROOT,
                "Simulating %s (%,d jobs, %d groups) on lab %s, cycle %s, seed %d%n",
                jobs.source(),
                jobs.jobs().size(),
                jobs.groups().size(),
                loaded.lab().name(),
                loaded.plan().cycle(),
                seed);
        List<SimOutcome> outcomes;
        List<String> planWarnings = new ArrayList<>();
        try (SimProgressLine progress = new SimProgressLine(System.err, !quiet)) {
            outcomes = Simulator.create(options)
                    .compare(loaded.lab(), loaded.plan(), jobs, policies, progress, warning -> {
                        planWarnings.add(warning);
                        if (planWarnings.size() <= CONSOLE_WARNINGS) {
                            System.out.println("Warning: " + warning);
                        }
                    });
        } catch (AllotException e) {
            throw naming(e);
        }
        if (planWarnings.size() > CONSOLE_WARNINGS) {
            System.out.printf(
                    Locale.ROOT,
                    "Warning: ... and %,d more (every warning is in simulation.json and simulation.html)%n",
                    planWarnings.size() - CONSOLE_WARNINGS);
        }
        System.out.println("Trace groups ran as projects:");
        outcomes.get(0)
                .groupMapping()
                .forEach((group, projects) -> System.out.println("  " + group + " -> " + projects));
        System.out.print(SummaryTable.render(outcomes));
        System.out.print(TimelineTable.render(outcomes));
        Cli.write(out.resolve("simulation.json"), JsonReport.write(outcomes, planWarnings));
        Cli.write(out.resolve("simulation.html"), HtmlReport.render(outcomes, planWarnings));
        System.out.println("Wrote " + out.resolve("simulation.json") + " and " + out.resolve("simulation.html"));
        System.out.flush();
        return Cli.OK;
    }

    private record Loaded(Lab lab, Plan plan) {}

    private Loaded loadPlan() {
        int sources = (input.given() ? 1 : 0) + (cycle != null ? 1 : 0);
        if (sources != 1) {
            throw AllotException.invalid(
                    "BAD_FLAG",
                    sources == 0
                            ? "No lab given: pass --lab FILE, --demo or --cycle ID. Maybe 'allot simulate --demo --trace jobs.csv'?"
                            : "Flags --cycle and --lab/--demo both given (value: --cycle " + cycle
                                    + "). Maybe drop one?");
        }
        if (cycle == null) {
            PlanInput.Loaded loaded = input.load();
            return new Loaded(loaded.lab(), loaded.plan());
        }
        CycleId id = CycleId.of(cycle);
        return store.withApplication(application -> {
            Lab lab = application.reads().lab(id);
            Plan plan = application
                    .reads()
                    .shownPlan(id)
                    .map(StoredPlan::plan)
                    .orElseGet(
                            () -> Planner.create(PlannerOptions.defaults().withClock(java.time.InstantSource.system()))
                                    .plan(lab));
            return new Loaded(lab, plan);
        });
    }

    private Trace trace(long seed) {
        if ((trace == null) == (syntheticJobs == null)) {
            throw AllotException.invalid(
                    "BAD_FLAG",
                    "Give exactly one of --trace PATH and --synthetic-jobs N (value: "
                            + (trace == null ? "neither" : "both")
                            + "). Maybe --trace ../shared/data/gavel-philly/seed=0?");
        }
        if (syntheticJobs != null) {
            if (syntheticJobs < 1 || syntheticJobs > 50_000_000) {
                throw flag("--synthetic-jobs", syntheticJobs, "must be between 1 and 50000000", "");
            }
            return SyntheticTrace.generate(seed, syntheticJobs, 60, 30, 3 * 3600);
        }
        return TraceFiles.read(trace, throughputs, MappingFlags.parse("--columns", columns));
    }

    private List<SharingPolicy> policies() {
        String names = compare != null ? compare : policy;
        String flag = compare != null ? "--compare" : "--policy";
        List<SharingPolicy> list = new ArrayList<>();
        for (String name : names.split(",")) {
            if (!SharingPolicies.names().contains(name.strip())) {
                throw flag(
                        flag,
                        name.strip(),
                        "is not a sharing policy",
                        "Maybe one of " + String.join(", ", SharingPolicies.names()) + "?");
            }
            list.add(SharingPolicies.byName(name.strip()));
        }
        return list;
    }

    private SimOptions options(long seed) {
        if (!(arrivalScale > 0) || arrivalScale > 1e6) {
            throw flag(
                    "--arrival-scale", arrivalScale, "must be > 0 and at most 1000000", "Maybe 2 to double the load?");
        }
        if (horizonDays != null && !(horizonDays > 0)) {
            throw flag("--horizon-days", horizonDays, "must be > 0", "");
        }
        if (!(preemptionCost >= 0) || preemptionCost > 86_400) {
            throw flag("--preemption-cost", preemptionCost, "must be between 0 and 86400 seconds", "Maybe 300?");
        }
        Backfill discipline = Backfill.byFlagName(backfill.strip().toLowerCase(Locale.ROOT));
        if (discipline == null) {
            throw flag("--backfill", backfill, "is not a queue discipline", "Maybe none, easy or full?");
        }
        return SimOptions.defaults()
                .withSeed(seed)
                .withBackfill(discipline)
                .withPreemptionCostSeconds(preemptionCost)
                .withGroupToProject(MappingFlags.parse("--group-map", groupMap))
                .withLabTypeToTraceType(MappingFlags.parse("--gpu-map", gpuMap))
                .withArrivalScale(arrivalScale)
                .withHorizonSeconds(horizonDays == null ? Double.POSITIVE_INFINITY : horizonDays * 86_400);
    }

    /** Mapping errors of the simulator, prefixed with the flag that carried the mapping. */
    private static AllotException naming(AllotException e) {
        String flag = switch (e.code()) {
            case "sim.group-map" -> "--group-map";
            case "sim.gpu-map" -> "--gpu-map";
            default -> "";
        };
        return flag.isEmpty()
                ? e
                : new AllotException(e.kind(), e.code(), "Flag " + flag + ": " + e.getMessage(), e.problems(), e);
    }

    /** A one-line flag error: the flag, its value, why it is wrong and maybe how to fix it. */
    static AllotException flag(String name, Object value, String reason, String hint) {
        return AllotException.invalid(
                "BAD_FLAG", "Flag " + name + " " + value + " " + reason + "." + (hint.isEmpty() ? "" : " " + hint));
    }
}
