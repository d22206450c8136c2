package dev.allot.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.allot.core.AllotException;
import dev.allot.core.model.Lab;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.lab.DemoLab;
import dev.allot.lab.ScaledLab;
import dev.allot.store.Actor;
import dev.allot.store.CycleState;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.StoredPlan;
import dev.allot.store.TestLabs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Draft solves as background jobs, over a real in-memory store and the real planner. */
class SolveJobsTest {
    private static final Actor DANA = new Actor("dana", Role.DECIDER);
    private static final Actor LEE = new Actor("lee", Role.DECIDER);

    /** Proving the demo lab exactly (gap 0) takes seconds; every cancel below comes long before. */
    private static final PlannerOptions EXACT =
            PlannerOptions.defaults().withRelativeGap(0).withExplain(false).withTimeLimit(Duration.ofSeconds(60));

    private final Store store = Store.open("jdbc:h2:mem:jobs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null);
    /** The jobs of one server: every application below is of the same server, whatever its planner. */
    private final SolveJobs.Registry jobs = new SolveJobs.Registry();

    private final Application application =
            Application.over(store, Planner.create(PlannerOptions.defaults().withExplain(false)), jobs);
    private final List<SolveJob> toCancel = new ArrayList<>();

    @AfterEach
    void close() {
        toCancel.forEach(job -> {
            try {
                application.solveJobs().cancel(job.cycle(), job.id(), DANA);
            } catch (AllotException finished) {
                // it ended on its own
            }
        });
        store.close();
    }

    @Test
    void aStartedSolveRunsInTheBackgroundAndStoresTheDraftAsTheSynchronousSolveDoes() {
        Lab lab = TestLabs.shaped(6, 5).build();
        drafting(lab);

        SolveJob started = application.solveJobs().start(lab.cycle(), DANA, null);
        SolveJob done = application.solveJobs().await(lab.cycle(), started.id(), Duration.ofSeconds(60));

        assertThat(started.state()).isEqualTo(SolveJob.State.RUNNING);
        assertThat(done.state()).isEqualTo(SolveJob.State.DONE);
        assertThat(done.phase()).isEqualTo(SolveJob.Phase.FINISHED);
        StoredPlan stored = application.reads().draft(lab.cycle()).orElseThrow();
        assertThat(done.draft().orElseThrow().draft()).isEqualTo(stored);
        assertThat(done.draft().orElseThrow().changedProjects()).isEqualTo(6);
        assertThat(done.incumbent()).isEqualTo(stored.plan().solve().objective());
        assertThat(done.bound()).isEqualTo(stored.plan().solve().bestBound());
        assertThat(application.solveJobs().running(lab.cycle())).isEmpty();
    }

    @Test
    void aCancelledSolveStopsPromptlyStoresNothingAndLeavesTheDraftAsItWas() {
        // a lab whose exact solve takes seconds: the demo lab's is now proven in well under the 400 ms waited below
        Lab lab = ScaledLab.ofSize(42, 1500);
        drafting(lab);
        // a rough first draft, cheap to make: what matters is that the cancelled solve leaves it as it is
        StoredPlan before = Application.over(store, Planner.create(EXACT.withRelativeGap(0.05)), jobs)
                .drafts()
                .solve(lab.cycle(), DANA, null)
                .draft();
        SolveJobs exact = Application.over(store, Planner.create(EXACT), jobs).solveJobs();

        SolveJob started = exact.start(lab.cycle(), DANA, before.version());
        SolveJob solving = solvingFor(exact, started, Duration.ofMillis(400));
        long cancelAt = System.nanoTime();
        SolveJob cancelled = exact.cancel(lab.cycle(), started.id(), LEE);
        double stopSeconds = (System.nanoTime() - cancelAt) / 1e9;

        assertThat(solving.state()).as("still solving when cancelled").isEqualTo(SolveJob.State.RUNNING);
        assertThat(solving.phase()).isEqualTo(SolveJob.Phase.SOLVING);
        assertThat(cancelled.state()).isEqualTo(SolveJob.State.CANCELLED);
        assertThat(cancelled.cancelledBy()).isEqualTo("lee");
        assertThat(cancelled.draft()).isEmpty();
        assertThat(cancelled.failure()).isEmpty();
        assertThat(stopSeconds).isLessThan(2.0);
        assertThat(application.reads().draft(lab.cycle())).contains(before);
        assertThat(exact.running(lab.cycle())).isEmpty();
        // cancelling again answers the job as it is; the API's DELETE is idempotent
        assertThat(exact.cancel(lab.cycle(), started.id(), DANA).state()).isEqualTo(SolveJob.State.CANCELLED);
    }

    @Test
    void ofTwoStartsAtOnceOneRunsAndTheOtherIsRefusedNamingIt() throws Exception {
        Lab lab = DemoLab.generate(42);
        drafting(lab);
        SolveJobs exact = Application.over(store, Planner.create(EXACT), jobs).solveJobs();
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<Object>> starts = new ArrayList<>();
        for (Actor actor : List.of(DANA, LEE)) {
            starts.add(CompletableFuture.supplyAsync(() -> {
                try {
                    together.await();
                    return exact.start(lab.cycle(), actor, null);
                } catch (AllotException e) {
                    return e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<Object> outcomes = starts.stream().map(CompletableFuture::join).toList();

        List<SolveJob> jobs = outcomes.stream()
                .filter(SolveJob.class::isInstance)
                .map(SolveJob.class::cast)
                .toList();
        List<AllotException> refused = outcomes.stream()
                .filter(AllotException.class::isInstance)
                .map(AllotException.class::cast)
                .toList();
        assertThat(jobs).hasSize(1);
        toCancel.addAll(jobs);
        assertThat(refused).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("solve-running");
            assertThat(e.getMessage())
                    .contains("job " + jobs.get(0).id(), jobs.get(0).startedBy());
        });
        // the synchronous solve (the web's pin and re-solve, the API's POST .../draft) waits its turn the same way
        AllotException sync = catchThrowableOfType(
                AllotException.class, () -> application.drafts().solve(lab.cycle(), DANA, null));
        assertThat(sync.code()).isEqualTo("solve-running");
    }

    @Test
    void theJobShowsTheEnginesProgressReportsAsTheyCome() {
        SolveRun run = new SolveRun("j", dev.allot.core.model.CycleId.of("2026-12"), DANA, java.time.Instant.EPOCH);
        SolveJob first = run.snapshot();
        run.onProgress(Duration.ofMillis(300), Double.NaN, 120);
        SolveJob bounded = run.snapshot();
        run.onProgress(Duration.ofMillis(900), 100, 110);
        SolveJob found = run.snapshot();
        run.onProgress(Duration.ofMillis(1500), 108, 109);
        SolveJob better = run.snapshot();

        assertThat(first.incumbent()).isNaN();
        assertThat(first.gap()).isNaN();
        assertThat(bounded.bound()).isEqualTo(120);
        assertThat(bounded.incumbent()).isNaN();
        assertThat(found.gap()).isEqualTo(0.1);
        assertThat(better.incumbent()).isEqualTo(108);
        assertThat(better.bound()).isEqualTo(109);
        assertThat(better.gap()).isCloseTo(1 / 108.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(better.updates()).isEqualTo(3);
    }

    @Test
    void anEngineThatReportsProgressReportsItToTheJob() {
        Lab lab = TestLabs.shaped(6, 5).build();
        drafting(lab);
        SolveJobs cpSat = Application.over(
                        store, Planner.create(PlannerOptions.defaults().withEngine("cp-sat")), jobs)
                .solveJobs();

        SolveJob started = cpSat.start(lab.cycle(), DANA, null);
        SolveJob done = cpSat.await(lab.cycle(), started.id(), Duration.ofSeconds(60));

        assertThat(done.state()).isEqualTo(SolveJob.State.DONE);
        assertThat(done.updates()).as("CP-SAT reports every better plan").isPositive();
    }

    @Test
    void aFailedSolveReportsItsProblemThroughTheJobAndStoresNothing() {
        Lab lab = TestLabs.overPinned();
        drafting(lab);

        SolveJob started = application.solveJobs().start(lab.cycle(), DANA, null);
        SolveJob failed = application.solveJobs().await(lab.cycle(), started.id(), Duration.ofSeconds(60));

        assertThat(failed.state()).isEqualTo(SolveJob.State.FAILED);
        AllotException problem = failed.failure().orElseThrow();
        assertThat(problem.kind()).isEqualTo(AllotException.Kind.INFEASIBLE);
        assertThat(problem.getMessage()).contains("vision", "speech");
        assertThat(application.reads().draft(lab.cycle())).isEmpty();
    }

    @Test
    void problemsThatNeedNoSolvingComeBackAtOnceAndUnknownJobsAreNotFound() {
        Lab lab = TestLabs.shaped(4, 3).build();
        application.cycles().importLab(lab, Actor.system("test"));

        AllotException open = catchThrowableOfType(
                AllotException.class, () -> application.solveJobs().start(lab.cycle(), DANA, null));
        AllotException unknown = catchThrowableOfType(
                AllotException.class, () -> application.solveJobs().get(lab.cycle(), "0123456789abcdef"));

        assertThat(open.code()).isEqualTo("cycle-state");
        assertThat(application.solveJobs().running(lab.cycle())).isEmpty();
        assertThat(unknown.code()).isEqualTo("solve-job-not-found");
    }

    @Test
    void aFinishedJobCannotBeCancelled() {
        Lab lab = TestLabs.shaped(4, 3).build();
        drafting(lab);
        SolveJob started = application.solveJobs().start(lab.cycle(), DANA, null);
        application.solveJobs().await(lab.cycle(), started.id(), Duration.ofSeconds(60));

        AllotException late = catchThrowableOfType(
                AllotException.class, () -> application.solveJobs().cancel(lab.cycle(), started.id(), DANA));

        assertThat(late.code()).isEqualTo("solve-finished");
        assertThat(late.getMessage()).contains("finished (done)");
        assertThat(application.reads().draft(lab.cycle())).isPresent();
    }

    @Test
    void jobsBelongToTheServerThatStartedThemNotToEveryApplicationOverTheStore() {
        Lab lab = DemoLab.generate(42);
        drafting(lab);
        SolveJobs exact = Application.over(store, Planner.create(EXACT), jobs).solveJobs();
        SolveJob started = exact.start(lab.cycle(), DANA, null);
        toCancel.add(started);
        // a second server over the same database: its own jobs, as each of several servers knows only its own
        SolveJobs other = Application.over(store, Planner.create(EXACT), new SolveJobs.Registry())
                .solveJobs();

        AllotException unknown = catchThrowableOfType(AllotException.class, () -> other.get(lab.cycle(), started.id()));

        assertThat(application.solveJobs().running(lab.cycle()))
                .map(SolveJob::id)
                .contains(started.id());
        assertThat(other.running(lab.cycle())).isEmpty();
        assertThat(unknown.code()).isEqualTo("solve-job-not-found");
    }

    /** Polls until the job has been searching for {@code least} (or finished). */
    private static SolveJob solvingFor(SolveJobs jobs, SolveJob started, Duration least) {
        SolveJob now = started;
        Duration searchingSince = null;
        while (now.running()) {
            if (now.phase() == SolveJob.Phase.SOLVING) {
                searchingSince = searchingSince == null ? now.elapsed() : searchingSince;
                if (now.elapsed().minus(searchingSince).compareTo(least) >= 0) {
                    return now;
                }
            }
            now = jobs.await(started.cycle(), started.id(), Duration.ofMillis(20));
        }
        return now;
    }

    private void drafting(Lab lab) {
        application.cycles().importLab(lab, Actor.system("test"));
        application.cycles().transition(lab.cycle(), CycleState.REVIEW, null, DANA);
        application.cycles().transition(lab.cycle(), CycleState.DRAFT, null, DANA);
    }
}
