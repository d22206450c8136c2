package dev.allot.web;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import dev.allot.evidence.ComputeCurveFit;
import dev.allot.store.Cycle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The evidence beside the review: one line per project and metric with its verdict, a sparkline described in words,
 * and what the curve predicts for the project now, with its current grant and with the proposed one (the draft's,
 * shown only to those who see drafts). Fits here are drawn without bands so a whole portfolio renders quickly; the
 * project page has the full chart.
 */
final class ReviewEvidence {
    /** One project's series; {@code first} marks the project's first line (the table names the project once). */
    record Line(String project, String category, EvidenceCharts.Chart chart, boolean first) {
        String current() {
            return predicted(EvidenceCharts.CURRENT);
        }

        String proposed() {
            return predicted(EvidenceCharts.PROPOSED);
        }

        String now() {
            return predicted("now");
        }

        /** The predicted metric with the grant in GPUs and effective GPUs; "no grant" when a usable curve has none. */
        private String predicted(String label) {
            return chart.prediction(label)
                    .map(p -> Format.significant(p.predicted())
                            + (label.equals("now")
                                    ? ""
                                    : " (" + p.gpus() + " GPUs, " + Format.significant(p.effectiveGpus())
                                            + " effective)"))
                    .orElse(chart.predictions().isEmpty() ? "—" : "no grant");
        }
    }

    private ReviewEvidence() {}

    /** Every project of {@code lab} with evidence in {@code cycle}, in project order. */
    static List<Line> of(Map<ProjectId, List<ComputeCurveFit>> fits, Lab lab, Cycle cycle, Optional<Plan> draft) {
        List<Line> lines = new ArrayList<>();
        for (Project project : lab.projects()) {
            List<ComputeCurveFit> series = fits.get(project.id());
            if (series == null) {
                continue;
            }
            Optional<ProjectPlan> line = draft.flatMap(plan -> plan.project(project.id()));
            Allocation current = line.map(ProjectPlan::previous).orElseGet(() -> lab.previousGrant(project.id()));
            List<EvidenceCharts.Chart> charts = EvidenceCharts.of(
                    cycle.id(),
                    project.id(),
                    series,
                    cycle.policy().value(),
                    EvidenceCharts.grants(current, line.map(ProjectPlan::grant), lab.relativeSpeeds()));
            for (int i = 0; i < charts.size(); i++) {
                lines.add(new Line(project.id().value(), project.category().value(), charts.get(i), i == 0));
            }
        }
        return lines;
    }
}
