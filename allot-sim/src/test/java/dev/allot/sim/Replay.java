package dev.allot.sim;

import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.sim.policy.SharingPolicies;
import dev.allot.sim.trace.Trace;
import java.util.LinkedHashMap;
import java.util.Map;

/** One finished run with exact per-job times, looked up by the trace's job id. */
final class Replay {
    private final Engine engine;
    private final Map<Long, Integer> indexOfId = new LinkedHashMap<>();
    final SimOutcome outcome;

    private Replay(Engine engine, Trace trace) {
        this.engine = engine;
        for (int j = 0; j < engine.work.jobCount; j++) {
            indexOfId.put(engine.work.jobId[j], j);
        }
        this.outcome = Simulator.outcome(engine, trace, 0);
    }

    /** Replays with each trace group mapped to the project of the same name. */
    static Replay of(TestLab lab, Trace trace, String policy) {
        return withPolicy(lab, trace, SharingPolicies.byName(policy));
    }

    static Replay withPolicy(TestLab lab, Trace trace, SharingPolicy policy) {
        return identity(lab, trace, policy, SimOptions.defaults());
    }

    /** Replays with the given options and each trace group mapped to the project of the same name. */
    static Replay of(TestLab lab, Trace trace, String policy, SimOptions options) {
        return identity(lab, trace, SharingPolicies.byName(policy), options);
    }

    private static Replay identity(TestLab lab, Trace trace, SharingPolicy policy, SimOptions options) {
        Map<String, String> identity = new LinkedHashMap<>();
        trace.groups().forEach(group -> identity.put(group, group));
        return run(lab, trace, policy, options.withGroupToProject(identity));
    }

    /** Replays with the automatic group mapping. */
    static Replay automatic(TestLab lab, Trace trace, String policy, long seed) {
        return run(
                lab,
                trace,
                SharingPolicies.byName(policy),
                SimOptions.defaults().withSeed(seed));
    }

    /** Replays with the automatic group mapping and the given options. */
    static Replay automatic(TestLab lab, Trace trace, String policy, SimOptions options) {
        return run(lab, trace, SharingPolicies.byName(policy), options);
    }

    private static Replay run(TestLab lab, Trace trace, SharingPolicy policy, SimOptions options) {
        Lab built = lab.buildLab();
        Plan plan = lab.buildPlan();
        return new Replay(Simulator.create(options).runEngine(built, plan, trace, policy), trace);
    }

    Engine engine() {
        return engine;
    }

    double start(long jobId) {
        return engine.firstStart[indexOfId.get(jobId)];
    }

    double finish(long jobId) {
        return engine.finishTime[indexOfId.get(jobId)];
    }

    /** The outcome of the plan's reserved block {@code index} (in plan order). */
    BlockOutcome block(int index) {
        return outcome.timeline().blocks().get(index);
    }

    ProjectOutcome project(String id) {
        return outcome.projects().stream()
                .filter(p -> p.project().value().equals(id))
                .findFirst()
                .orElseThrow();
    }
}
