package dev.allot.app;

import dev.allot.application.Application;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectId;
import dev.allot.core.planner.Planner;
import dev.allot.evidence.DemoEvidence;
import dev.allot.evidence.EvidenceSeries;
import dev.allot.lab.DemoLab;
import dev.allot.server.AllotServer;
import dev.allot.store.Actor;
import dev.allot.store.CycleState;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.web.WebUi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code allot demo}: generates the demo lab, plans its next cycle and prints what a lab leader wants to see; then
 * stores the lab and the draft in a fresh embedded database and serves the web UI until stopped.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Generate a demo lab shaped like a real one (about 300 projects, 520 researchers, four GPU types, three past cycles), draft the next cycle's plan over time and print its summary: 256 new H200 arrive in week five, 128 H100 are down for a weekend's maintenance in week six, and two projects reserve blocks (256 H100 for 14 days, 64 H200 for 7 days); --one-period plans the cycle as one period instead.",
            "Then store the lab in a fresh embedded database and serve the web UI (one demo login per role) until stopped with Ctrl-C; --no-serve stops after the summary."
        })
public final class DemoCommand implements Callable<Integer> {
    @Option(
            names = "--changes",
            defaultValue = "10",
            description = "How many of the largest changes to list (default: ${DEFAULT-VALUE}).")
    int changes;

    @Option(names = "--no-serve", description = "Stop after the summary instead of serving the web UI.")
    boolean noServe;

    @Option(
            names = "--port",
            defaultValue = "7070",
            description = "TCP port of the web UI (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description = "Interface to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
    String host;

    @Option(
            names = "--one-period",
            description = "Plan the demo lab as one period for the whole cycle, without its arrival, maintenance"
                    + " weekend and reserved blocks (faster).")
    boolean onePeriod;

    /** The default since the demo plans its cycle over time; accepted so that older scripts keep working. */
    @Option(names = "--over-time", hidden = true)
    boolean overTime;

    @Mixin
    SolverOptions solver;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (port < 0 || port > 65_535) {
            throw dev.allot.core.AllotException.invalid(
                    "invalid-port", "--port: " + port + " is not a TCP port. Maybe 7070?");
        }
        if (onePeriod && overTime) {
            throw dev.allot.core.AllotException.invalid(
                    "BAD_FLAG", "--one-period and --over-time contradict each other. Maybe drop --over-time?");
        }
        Lab generated = DemoLab.generate(solver.seed());
        Lab lab = onePeriod ? generated : DemoLab.withTimeline(generated);
        System.out.println(describe(lab, solver.seed()));
        Plan plan;
        try (ProgressLine progress = new ProgressLine(System.err, true)) {
            plan = Planner.create(solver.toPlannerOptions()).plan(lab, progress);
        }
        System.out.print(PlanSummary.summary(lab, plan, Math.max(0, changes)));
        System.out.println();
        System.out.println("Next: './allot lab example" + (onePeriod ? "" : " --over-time")
                + " > lab.yaml' writes this lab as a file; './allot plan lab.yaml --format json' gives every grant"
                + " with its explanation.");
        System.out.flush();
        if (noServe) {
            return Cli.OK;
        }
        serve(lab, plan);
        return Cli.OK;
    }

    /**
     * Stores curves generated from the Chinchilla law (see {@link DemoEvidence}) for about 40 % of the projects, so
     * the project pages show fitted curves, flat ones and too few points; returns how many projects got evidence.
     */
    static int storeEvidence(Application application, Lab lab, long seed) {
        Map<ProjectId, EvidenceSeries> evidence = DemoEvidence.generate(lab, seed);
        evidence.forEach((project, series) ->
                application.evidence().store(lab.cycle(), project, List.of(series), Actor.system("demo")));
        return evidence.size();
    }

    /** Stores the lab with its cycle moved to draft and the plan as the draft, then serves the UI until stopped. */
    private void serve(Lab lab, Plan plan) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("allot-demo");
        Store store = Store.open("jdbc:h2:file:" + folder.resolve("allot"), null, null);
        Actor decider = new Actor("dana", Role.DECIDER);
        Application application = Application.over(store);
        application.cycles().importLab(lab, Actor.system("demo"));
        storeEvidence(application, lab, solver.seed());
        application.cycles().transition(lab.cycle(), CycleState.REVIEW, null, decider);
        application.cycles().transition(lab.cycle(), CycleState.DRAFT, null, decider);
        application.drafts().saveSolved(lab.cycle(), plan, decider);
        Map<String, String> logins = new LinkedHashMap<>();
        String lead = lab.projects().isEmpty() ? "lee" : lab.projects().get(0).lead();
        Map<Role, String> people = Map.of(
                Role.DECIDER, "dana", Role.REVIEWER, "rui", Role.LEAD, lead, Role.VIEWER, "vera", Role.ADMIN, "ada");
        for (Role role : Role.values()) {
            String user = people.get(role);
            logins.put(
                    role.label() + " (" + user + ")",
                    application
                            .tokens()
                            .create(user, role, "demo login", Actor.system("demo"))
                            .token());
        }
        // The demo reviewer's home page, the queue, starts with every active project dealt out to them.
        application.assignments().roundRobin(lab.cycle(), List.of(), 1, decider);
        Planner planner = Planner.create(solver.toPlannerOptions());
        // One set of use cases for as long as the server lives, shared by its API and its pages.
        Application served = Application.over(store, planner);
        AllotServer server = AllotServer.create(store, served, WebUi.create(served), AllotServer.Settings.defaults())
                .start(host, port);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.stop();
                            store.close();
                        },
                        "allot-demo-shutdown"));
        System.out.println();
        System.out.printf(
                "Allot web UI: http://%s:%d/ (demo database in %s; Ctrl-C stops)%n",
                "127.0.0.1".equals(host) ? "localhost" : host, server.port(), folder);
        System.out.println("Sign in with one of these demo tokens:");
        logins.forEach((who, token) -> System.out.printf("  %-22s %s%n", who, token));
        System.out.flush();
        server.join();
    }

    static String describe(Lab lab, long seed) {
        Set<String> people = new LinkedHashSet<>();
        lab.projects().forEach(project -> {
            people.addAll(project.members());
            if (!project.lead().isEmpty()) {
                people.add(project.lead());
            }
        });
        int gpus =
                lab.capacityGpus().values().stream().mapToInt(Integer::intValue).sum();
        return String.format(
                "Allot demo: lab %s, planning cycle %s (seed %d)%n  %d projects, %d researchers, %d GPUs"
                        + " of %d types in %d pools, %d past cycles%n",
                lab.name(),
                lab.cycle(),
                seed,
                lab.projects().size(),
                people.size(),
                gpus,
                lab.gpuTypes().size(),
                lab.pools().size(),
                lab.history().size());
    }
}
