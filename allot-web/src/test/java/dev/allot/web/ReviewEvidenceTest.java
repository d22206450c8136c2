package dev.allot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.application.Application;
import dev.allot.core.model.Lab;
import dev.allot.core.model.ProjectId;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.evidence.ComputeCurve;
import dev.allot.evidence.ComputeUnit;
import dev.allot.evidence.Direction;
import dev.allot.evidence.EvidencePoint;
import dev.allot.evidence.EvidenceSeries;
import dev.allot.evidence.Metric;
import dev.allot.evidence.Visibility;
import dev.allot.store.Actor;
import dev.allot.store.CycleState;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.TestLabs;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The evidence beside the review lists each project's evidence, for reviewers and deciders alike. */
class ReviewEvidenceTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Actor DANA = new Actor("dana", Role.DECIDER);
    private static final ComputeCurve LAW =
            new ComputeCurve(2, 50, 0.3, Direction.LOWER_IS_BETTER, ComputeUnit.GPU_HOURS);

    private final Store store =
            Store.open("jdbc:h2:mem:review-evidence-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1", null, null);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void reviewersSeeEveryProjectsEvidenceWithVerdictSparklineAndCurrentGrantButNoDraft() {
        Lab lab = TestLabs.shaped(6, 3).past("2026-11", "project-1", "A100", 16).build();
        store.lab().importLab(lab, Actor.system("test"));
        store(lab, "project-1", Visibility.PRIVATE_HELD_OUT, 100, 200, 400, 800, 1600, 3200);
        store(lab, "project-4", Visibility.PUBLIC_BENCHMARK, 100, 200);

        String html = render(new Rights("rui", Role.REVIEWER), lab);

        assertThat(html)
                .contains("Evidence beside the review", "id=\"e-project-1\"", "id=\"e-project-4\"")
                .doesNotContain("id=\"e-project-0\"", "Proposed grant</th>")
                .contains("private held-out", "public benchmark", "2 points: too few to fit; need &gt;= 5")
                .contains("Predictions for the proposed grants appear to deciders once there is a draft.");
        // The current grant is 16 A100 at half speed: 8 effective GPUs over the cycle.
        assertThat(html).contains("(16 GPUs, 8 effective)");
        assertThat(html)
                .contains("aria-label=\"validation-loss (private-held-out), 6 points: ", "; fitted; now predicts ");
    }

    @Test
    void decidersWithADraftSeeWhatTheProposedGrantPredicts() {
        Lab lab = TestLabs.shaped(6, 3).build();
        store.lab().importLab(lab, Actor.system("test"));
        store(lab, "project-2", Visibility.PUBLIC_BENCHMARK, 100, 200, 400, 800, 1600, 3200);
        store.cycles().transition(lab.cycle(), CycleState.REVIEW, null, DANA);
        store.cycles().transition(lab.cycle(), CycleState.DRAFT, null, DANA);
        store.plans()
                .saveDraft(
                        lab.cycle(), Planner.create(PlannerOptions.defaults()).plan(lab), null, DANA);
        int granted = store.plans()
                .draft(lab.cycle())
                .orElseThrow()
                .plan()
                .project(ProjectId.of("project-2"))
                .orElseThrow()
                .grant()
                .totalGpus();

        String html = render(new Rights("dana", Role.DECIDER), lab);

        assertThat(html).contains("Proposed grant</th>");
        assertThat(granted).isPositive();
        assertThat(html).contains("(" + granted + " GPUs, ");
    }

    @Test
    void theReviewPageFetchesTheEvidenceOnlyWhenScrolledToAndLinksItsOwnPageWithoutJavaScript() {
        Lab lab = TestLabs.shaped(6, 3).build();
        store.lab().importLab(lab, Actor.system("test"));
        store(lab, "project-1", Visibility.PUBLIC_BENCHMARK, 100, 200, 400, 800, 1600, 3200);
        Page page = new Page(
                new Rights("dana", Role.DECIDER), "token", "review", lab.cycle().value());

        String html = Templates.render(
                "review.jte",
                new ReviewPage(Application.over(store))
                        .view(page, store.cycles().get(lab.cycle()), "", "", ""));

        String link = "/review/evidence?cycle=" + lab.cycle().value();
        assertThat(html)
                .contains("hx-get=\"" + link + "\"", "hx-trigger=\"revealed\"", "href=\"" + link + "\"")
                .doesNotContain("data-testid=\"evidence-summary\"", "id=\"e-project-1\"");
    }

    private String render(Rights rights, Lab lab) {
        Page page = new Page(rights, "token", "review", lab.cycle().value());
        return Templates.render(
                "reviewEvidence.jte", new ReviewEvidencePage(Application.over(store)).view(page, Paging.FIRST));
    }

    private void store(Lab lab, String project, Visibility visibility, double... compute) {
        Metric loss = new Metric("validation-loss", "nats", Direction.LOWER_IS_BETTER, visibility);
        List<EvidencePoint> points = DoubleStream.of(compute)
                .mapToObj(c -> EvidencePoint.of(c, LAW.metric(c) * (1 + 0.001 * Math.sin(c))))
                .toList();
        Application.over(store)
                .evidence()
                .store(
                        lab.cycle(),
                        ProjectId.of(project),
                        List.of(new EvidenceSeries(ProjectId.of(project), loss, ComputeUnit.GPU_HOURS, "test", points)),
                        Actor.system("test"));
    }
}
