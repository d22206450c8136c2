package dev.allot.application;

import dev.allot.core.model.Lab;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ValuePolicy;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.evidence.CompiledCurve;
import dev.allot.evidence.ComputeCurveFit;
import dev.allot.evidence.ComputeCurveFitter;
import dev.allot.evidence.EvidenceSeries;
import dev.allot.evidence.EvidenceValueModel;
import dev.allot.evidence.ValueSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The one rule for how a plan values compute: by priority weights, or, when the policy says {@code value:
 * evidence}, by each project's fitted evidence curve where it has a usable one. Projects without one keep the
 * weights, and the reason is said beside the plan.
 *
 * @param options the planner options to solve with (the value model replaced when valuing by evidence)
 * @param notes one line per project with evidence, e.g. "x: valued by priority weight (3 points: too few to fit;
 *     need >= 5)"
 */
public record EvidenceValuation(PlannerOptions options, List<String> notes) {
    /** Fits for valuing are not shown with bands, so no bootstrap; the seed only matters for bootstraps. */
    private static final ComputeCurveFitter FITTER = new ComputeCurveFitter(0, 42);

    public EvidenceValuation {
        notes = List.copyOf(notes);
    }

    /**
     * The options to plan {@code lab} with.
     *
     * @param evidence each project's evidence series (projects missing from the map have none)
     */
    public static EvidenceValuation of(Lab lab, Map<ProjectId, List<EvidenceSeries>> evidence, PlannerOptions base) {
        ValuePolicy value = lab.policy().value();
        if (!value.byEvidence()) {
            return new EvidenceValuation(base, List.of());
        }
        ValueSettings settings = new ValueSettings(value.cycleHours(), value.flopPerGpuHour());
        Map<ProjectId, CompiledCurve> curves = new TreeMap<>();
        List<String> notes = new ArrayList<>();
        for (Project project : lab.projects()) {
            Optional<EvidenceSeries> series = chosen(evidence.getOrDefault(project.id(), List.of()));
            if (series.isEmpty()) {
                continue;
            }
            Optional<Double> worth = value.worth(project.id(), project.category());
            String metric = series.get().metric().name();
            if (worth.isEmpty()) {
                notes.add(project.id() + ": valued by priority weight (no worth per unit of " + metric
                        + " set for the project or its category " + project.category() + ")");
                continue;
            }
            ComputeCurveFit fit = FITTER.fit(series.get());
            Optional<CompiledCurve> curve = settings.compile(fit, worth.get());
            if (curve.isPresent()) {
                curves.put(project.id(), curve.get());
                notes.add(project.id() + ": valued by its " + metric + " curve (" + fit.message() + ")");
            } else {
                notes.add(project.id() + ": valued by priority weight (" + metric + ": " + fit.message() + ")");
            }
        }
        return new EvidenceValuation(base.withValueModel(EvidenceValueModel.of(curves)), notes);
    }

    /** The series with the most points (the best-measured curve), ties by metric name for a stable choice. */
    static Optional<EvidenceSeries> chosen(List<EvidenceSeries> series) {
        return series.stream()
                .min(Comparator.comparingInt((EvidenceSeries s) -> -s.points().size())
                        .thenComparing(s -> s.metric().name()));
    }
}
