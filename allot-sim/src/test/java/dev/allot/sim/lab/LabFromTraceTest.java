package dev.allot.sim.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.allot.core.model.Ask;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Decision;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.JobShape;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.Pool;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.planner.GrantRules;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.sim.trace.Trace;
import dev.allot.sim.trace.TraceJob;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A lab derived from a trace carries each group's job shape, and its asks and pools can start the largest job. */
class LabFromTraceTest {
    private static final LocalDate START = LocalDate.of(2027, 1, 1);

    @Test
    void eachAskGetsItsGroupsLargestJobAndTheTypesItsJobsRunOn() {
        List<TraceJob> jobs = new ArrayList<>();
        // vision: mostly 1-GPU jobs, one 12-GPU job, all on A100 only; chat: 2-GPU jobs on any type
        for (int i = 0; i < 40; i++) {
            jobs.add(job(jobs.size(), "vision", i * 3600, i == 20 ? 12 : 1, "A100"));
            jobs.add(job(jobs.size(), "chat", i * 600, 2));
        }
        jobs.add(job(jobs.size(), "chat", 0, 1, "H100"));

        Lab lab = derive(new Trace("jobs.csv", jobs, Map.of()));

        assertThat(ask(lab, "vision").jobShape()).contains(new JobShape(12, Set.of(GpuTypeId.of("A100"))));
        assertThat(ask(lab, "chat").jobShape())
                .as("chat's jobs run on every type")
                .contains(new JobShape(2, Set.of()));
        assertThat(ask(lab, "vision").targetGpus())
                .as("a grant at target starts the 12-GPU job: two whole 8-GPU nodes")
                .isEqualTo(16);
        assertThat(ask(lab, "vision").floorGpus())
                .as("the floor stays the median")
                .isEqualTo(8);
        assertThat(GrantRules.check(lab)).isEmpty();
        assertThat(LabFromTrace.describeShapes(lab))
                .isEqualTo("Job shapes of 2 projects: largest job 2 to 12 GPUs (vision 12, chat 2); 1 project's jobs"
                        + " run on only some GPU types.");
    }

    @Test
    void everyPoolHoldsTheLargestJobEvenWhenDemandSplitOverTheTypesIsSmaller() {
        // one short 32-GPU job among small ones: capacity 32 split over three types was 16 per pool, where the
        // 32-GPU job could never start
        List<TraceJob> jobs = new ArrayList<>();
        Map<String, Double> seconds = Map.of("k80", 300.0, "p100", 120.0, "v100", 100.0);
        for (int i = 0; i < 30; i++) {
            jobs.add(new TraceJob(i, "team", "", i * 3600, i == 0 ? 32 : 1, 0, Double.NaN, seconds, Set.of()));
        }

        Lab lab = derive(new Trace("seed=0", jobs, Map.of("k80", 0.3, "p100", 0.8, "v100", 1.0)));

        assertThat(lab.pools()).extracting(Pool::gpus).containsOnly(32);
        assertThat(ask(lab, "team").jobShape()).contains(new JobShape(32, Set.of()));
        assertThat(GrantRules.check(lab)).isEmpty();
    }

    @Test
    void groupsWithEqualScoresAreAllFundedWhenTheirTypicalDemandFits() {
        // six groups, each one 8-GPU job at a time for 48 hours and, in its own 8 hours, four more: median 8, p90
        // 40; together at most 80 at once. With targets at the p90 (240 in all) every plan that fills the fleet was
        // worth the same and the one drafted declined some groups outright; with targets at the typical demand,
        // declining a group loses value no other group can make up at its target.
        List<TraceJob> jobs = new ArrayList<>();
        for (int group = 0; group < 6; group++) {
            for (int hour = 0; hour < 48; hour++) {
                jobs.add(job(jobs.size(), "team-" + group, hour * 3600, 8));
                if (hour / 8 == group) {
                    for (int extra = 0; extra < 4; extra++) {
                        jobs.add(job(jobs.size(), "team-" + group, hour * 3600, 8));
                    }
                }
            }
        }
        Lab lab = derive(new Trace("bursts.csv", jobs, Map.of()));

        Plan plan = Planner.create(PlannerOptions.defaults()).plan(lab);

        assertThat(plan.projects())
                .as("every group funded at least at its typical demand")
                .allSatisfy(line -> assertThat(line.grant().totalGpus()).isGreaterThanOrEqualTo(8))
                .extracting(ProjectPlan::decision)
                .doesNotContain(Decision.DECLINED);
        assertThat(lab.asks()).extracting(Ask::floorGpus, Ask::targetGpus).containsOnly(tuple(8, 8));
    }

    private static TraceJob job(long id, String group, double submit, int gpus, String... types) {
        return new TraceJob(id, group, "", submit, gpus, 0, 3600, Map.of(), Set.of(types));
    }

    private static Lab derive(Trace trace) {
        return LabFromTrace.derive("t", CycleId.of("2027-01"), START, trace, Map.of("*", "exploratory"));
    }

    private static Ask ask(Lab lab, String project) {
        return lab.asksByProject().get(ProjectId.of(project));
    }
}
