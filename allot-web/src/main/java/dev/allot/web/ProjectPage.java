package dev.allot.web;

import dev.allot.application.Application;
import dev.allot.application.Reads;
import dev.allot.application.Usage;
import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import dev.allot.core.model.Ask;
import dev.allot.core.model.ComputeChange;
import dev.allot.core.model.Lab;
import dev.allot.core.model.PastCycle;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.model.Score;
import dev.allot.store.Actor;
import dev.allot.store.Cycle;
import dev.allot.store.CycleState;
import dev.allot.store.ProjectHistory;
import dev.allot.store.StoredAsk;
import dev.allot.store.StoredPlan;
import dev.allot.store.Versioned;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One project: its history across cycles, its ask and evidence, scores and comments, and why it got its grant. */
final class ProjectPage {
    /** One cycle of the project, in GPUs; {@code asked} is null where the lab kept no ask (imported history). */
    record HistoryLine(String cycle, Integer asked, int granted, double used, String decision) {}

    record View(
            Page page,
            Project project,
            Cycle cycle,
            Optional<StoredAsk> ask,
            List<Score> scores,
            boolean showScores,
            Optional<ProjectPlan> line,
            String planLabel,
            List<HistoryLine> history,
            String historyChart,
            boolean mayAsk,
            boolean mayScore,
            List<EvidenceCharts.Chart> evidence,
            String typeMove,
            String lastUse,
            String decisionWords,
            String yieldDate,
            List<Score> sharedComments,
            boolean mayAddEvidence,
            List<BlockGantt.Row> blocks) {}

    /** Days a cycle is taken to last when turning GPU-hours into average GPUs. */
    private static final double CYCLE_HOURS = 30 * 24.0;

    private final Application application;
    private final Reads reads;

    ProjectPage(Application application) {
        this.application = application;
        this.reads = application.reads();
    }

    String render(Context ctx, Page page) {
        ProjectId id = ProjectId.of(Slugs.require(ctx.pathParam("project"), "project"));
        Project project = project(reads, id);
        Versioned<Cycle> cycle = Cycles.require(reads, page.cycle());
        Lab lab = reads.lab(cycle.value().id());
        Rights rights = page.rights();
        Optional<StoredPlan> shown = reads.shownPlan(cycle.value().id(), rights.role(), rights.user(), id);
        Optional<ProjectPlan> line = shown.flatMap(p -> p.plan().project(id));
        // Reviewers see their own scores, and the others' on the projects assigned to them.
        boolean seesReview = reads.seesReviewOf(cycle.value().id(), rights.role(), rights.user(), id);
        List<Score> scores = rights.mayReview()
                ? lab.scores().stream()
                        .filter(s -> s.project().equals(id))
                        .filter(s -> seesReview || s.reviewer().equals(rights.user()))
                        .toList()
                : List.of();
        List<HistoryLine> history = history(lab, reads.history(id), id, line);
        CycleState state = cycle.value().state();
        return Templates.render(
                "project.jte",
                new View(
                        page,
                        project,
                        cycle.value(),
                        reads.ask(cycle.value().id(), id).map(Versioned::value),
                        scores,
                        rights.mayReview(),
                        line,
                        BoardPage.label(shown),
                        history,
                        chart(history),
                        rights.mayAsk(project) && state == CycleState.OPEN,
                        rights.mayScore() && state == CycleState.REVIEW,
                        evidence(lab, cycle.value(), id, line),
                        line.flatMap(l -> ComputeChange.of(l.previous(), l.grant(), lab.relativeSpeeds())
                                        .typeMove())
                                .orElse(""),
                        lastUse(lab, id),
                        line.map(l -> project.name() + " " + DecisionWords.of(l) + ".")
                                .orElse(""),
                        line.map(DecisionWords::yieldDate).orElse(""),
                        sharedComments(lab, project, rights, shown),
                        application.evidence().mayWrite(id, new Actor(rights.user(), rights.role())),
                        BlockGantt.rows(dev.allot.application.Blocks.schedule(
                                lab.blocks().stream()
                                        .filter(block -> block.project().equals(id))
                                        .toList(),
                                shown.map(StoredPlan::plan)))));
    }

    /**
     * The reviewers' comments the project's lead reads: only when the policy shares them and the plan shown is
     * published (comments on a draft are still in progress), without the reviewers' names.
     */
    static List<Score> sharedComments(Lab lab, Project project, Rights rights, Optional<StoredPlan> shown) {
        boolean published =
                shown.map(p -> p.kind() == StoredPlan.Kind.PUBLISHED).orElse(false);
        if (!lab.policy().commentsShared()
                || !published
                || rights.role() != dev.allot.store.Role.LEAD
                || !project.lead().equals(rights.user())) {
            return List.of();
        }
        return lab.scores().stream()
                .filter(s -> s.project().equals(project.id()))
                .map(s -> new Score(s.project(), "a reviewer", s.score(), s.comment()))
                .toList();
    }

    /** The project's evidence charts, marked where its current and proposed grants (in effective GPUs) lead. */
    private List<EvidenceCharts.Chart> evidence(Lab lab, Cycle cycle, ProjectId id, Optional<ProjectPlan> line) {
        return EvidenceCharts.of(
                cycle.id(),
                id,
                application.evidence().fits(cycle.id(), id),
                cycle.policy().value(),
                EvidenceCharts.grants(
                        line.map(ProjectPlan::previous).orElseGet(() -> lab.previousGrant(id)),
                        line.map(ProjectPlan::grant),
                        lab.relativeSpeeds()));
    }

    /** What the project used of last cycle's grant, in words; "" without a grant last cycle. */
    static String lastUse(Lab lab, ProjectId id) {
        Optional<PastCycle> last = lab.previousCycle();
        if (last.isEmpty() || last.get().grant(id).totalGpus() == 0) {
            return "";
        }
        Usage.LastUse use = Usage.lastCycle(lab).getOrDefault(id, Usage.LastUse.UNKNOWN);
        String head = "Last cycle (" + last.get().cycle().value() + ", "
                + last.get().grant(id).totalGpus() + " GPUs): ";
        if (use.usedFraction() == null) {
            return head + "no usage recorded.";
        }
        return head + "used " + Format.usedPercent(use.usedFraction()) + " of the granted GPU-hours"
                + (use.idle()
                        ? ", an idle grant (the policy calls a grant idle below "
                                + Format.usedPercent(lab.policy().usage().idleBelow()) + " used)."
                        : ".");
    }

    /** The project named in the URL; not found when the lab has no such project. */
    static Project project(Reads reads, ProjectId id) {
        return reads.project(id)
                .orElseThrow(() -> new AllotException(
                        Kind.NOT_FOUND,
                        "project-not-found",
                        "Project " + id + " does not exist. Maybe search for it on the board?"))
                .value();
    }

    static List<HistoryLine> history(Lab lab, ProjectHistory stored, ProjectId id, Optional<ProjectPlan> current) {
        List<HistoryLine> lines = new ArrayList<>();
        List<String> storedCycles =
                stored.cycles().stream().map(c -> c.cycle().value()).toList();
        for (PastCycle past : lab.history()) {
            if (storedCycles.contains(past.cycle().value())) {
                continue;
            }
            int granted = past.grant(id).totalGpus();
            lines.add(new HistoryLine(
                    past.cycle().value(),
                    null,
                    granted,
                    granted * past.usedFraction().getOrDefault(id, 0.0),
                    ""));
        }
        for (ProjectHistory.CycleLine cycle : stored.cycles()) {
            boolean isCurrent = cycle.cycle().equals(lab.cycle());
            int granted = isCurrent && current.isPresent()
                    ? current.get().grant().totalGpus()
                    : cycle.granted().totalGpus();
            String decision =
                    isCurrent && current.isPresent() ? current.get().decision().label() : cycle.decision();
            lines.add(new HistoryLine(
                    cycle.cycle().value(),
                    cycle.asked().map(Ask::targetGpus).orElse(null),
                    granted,
                    cycle.usedGpuHours() / CYCLE_HOURS,
                    decision));
        }
        return lines;
    }

    private static String chart(List<HistoryLine> history) {
        List<String> cycles = history.stream().map(HistoryLine::cycle).toList();
        List<Object> asked = history.stream().map(h -> (Object) h.asked()).toList();
        List<Object> granted = history.stream().map(h -> (Object) h.granted()).toList();
        List<Object> used = history.stream()
                .map(h -> (Object) (Math.round(h.used() * 10) / 10.0))
                .toList();
        return PlanCharts.chart(
                "Asked, granted and used GPUs per cycle",
                cycles,
                List.of(
                        PlanCharts.series("asked (target)", "line", asked, null),
                        PlanCharts.series("granted", "bar", granted, null),
                        PlanCharts.series("used (average)", "line", used, null)));
    }
}
