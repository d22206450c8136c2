package dev.allot.application;

import dev.allot.core.AllotException;
import dev.allot.core.ErrorCode;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.evidence.ComputeCurveFit;
import dev.allot.evidence.ComputeCurveFitter;
import dev.allot.evidence.ComputeUnit;
import dev.allot.evidence.Direction;
import dev.allot.evidence.EvidenceFormat;
import dev.allot.evidence.EvidencePoint;
import dev.allot.evidence.EvidenceSeries;
import dev.allot.evidence.ImportedEvidence;
import dev.allot.evidence.Metric;
import dev.allot.evidence.RunCompute;
import dev.allot.evidence.Visibility;
import dev.allot.store.Actor;
import dev.allot.store.Cycle;
import dev.allot.store.Store;
import dev.allot.store.StoredSeries;
import dev.allot.store.Versioned;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/** Use cases of evidence: import a file into a project's evidence of a cycle, list it, fit it. */
public final class Evidences {
    /** Bootstrap resamples for fits that are shown (with bands); the seed is fixed so a page shows the same band. */
    public static final int BOOTSTRAP = 100;

    public static final long SEED = 42;

    private final Store store;
    private final Reviews reviews;

    Evidences(Store store, Reviews reviews) {
        this.store = store;
        this.reviews = reviews;
    }

    /**
     * Reads the whole file (CSV or lm-evaluation-harness JSON) and stores its series in the cycle, replacing series
     * of the same metric and compute unit. A file with any problem throws {@code EVIDENCE_INVALID} listing every
     * problem, and nothing is stored. Project leads import the evidence of the projects they lead, as they write
     * their asks; admins and deciders any project's.
     *
     * <p>When {@code expectedVersion} is given it must be the {@link #version} of the project's evidence in the cycle.
     * Returns what was read, with the version after the import.
     *
     * @param run the evaluated model's compute, required for lm-eval files (null for CSV)
     */
    public Versioned<ImportedEvidence> importFile(
            CycleId cycle,
            ProjectId project,
            String text,
            EvidenceFormat format,
            String source,
            RunCompute run,
            Set<String> privateTasks,
            Integer expectedVersion,
            Actor actor) {
        reviews.requireAskWriter(project, actor);
        ImportedEvidence imported = format.read(text, source, project, run, privateTasks);
        int version = store.evidence()
                .replace(
                        cycle,
                        project,
                        imported.series().stream().map(Evidences::stored).toList(),
                        expectedVersion,
                        actor);
        return new Versioned<>(imported, version);
    }

    /** The version of a project's evidence in a cycle: the number of imports into it. */
    public int version(CycleId cycle, ProjectId project) {
        return store.evidence().version(cycle, project);
    }

    /** Stores series already read (the demo's generated evidence), replacing those of the same metric and unit. */
    public void store(CycleId cycle, ProjectId project, List<EvidenceSeries> series, Actor actor) {
        store.evidence()
                .replace(cycle, project, series.stream().map(Evidences::stored).toList(), actor);
    }

    /** The project's series in the cycle, by metric. */
    public List<EvidenceSeries> series(CycleId cycle, ProjectId project) {
        return store.evidence().series(cycle, project).stream()
                .map(Evidences::series)
                .toList();
    }

    /** Each series fitted with a compute curve and its bootstrap band. */
    public List<ComputeCurveFit> fits(CycleId cycle, ProjectId project) {
        ComputeCurveFitter fitter = new ComputeCurveFitter(BOOTSTRAP, SEED);
        return series(cycle, project).stream().map(fitter::fit).toList();
    }

    /** The project's evidence of the cycle with fits and bands, as the API and the pages show it. */
    public EvidenceView view(CycleId cycle, ProjectId project) {
        return EvidenceView.of(cycle, project.value(), fits(cycle, project));
    }

    /** The cycle evidence goes to when none is named: the latest by start date. */
    public CycleId latestCycle() {
        return store.cycles().list().stream()
                .map(Versioned::value)
                .max(java.util.Comparator.comparing(Cycle::start))
                .map(Cycle::id)
                .orElseThrow(() -> new AllotException(
                        ErrorCode.CYCLE_NOT_FOUND, "There is no cycle yet. Maybe create one or import a lab first?"));
    }

    /** Every project's series in the cycle (projects without evidence are absent), for valuing a plan. */
    Map<ProjectId, List<EvidenceSeries>> all(CycleId cycle, Lab lab) {
        Map<ProjectId, List<EvidenceSeries>> evidence = new TreeMap<>();
        for (Project project : lab.projects()) {
            List<EvidenceSeries> series = series(cycle, project.id());
            if (!series.isEmpty()) {
                evidence.put(project.id(), series);
            }
        }
        return evidence;
    }

    static StoredSeries stored(EvidenceSeries series) {
        return new StoredSeries(
                series.project(),
                series.metric().name(),
                series.metric().unit(),
                series.metric().direction().name(),
                series.metric().visibility().name(),
                series.computeUnit().name(),
                series.source(),
                series.points().stream()
                        .map(p -> new StoredSeries.Point(
                                p.compute(),
                                p.value(),
                                boxed(p.standardError()),
                                boxed(p.parameters()),
                                boxed(p.tokens())))
                        .toList());
    }

    static EvidenceSeries series(StoredSeries stored) {
        Metric metric = new Metric(
                stored.metric(),
                stored.unit(),
                Direction.valueOf(stored.direction()),
                Visibility.valueOf(stored.visibility()));
        return new EvidenceSeries(
                stored.project(),
                metric,
                ComputeUnit.valueOf(stored.computeUnit()),
                stored.source(),
                stored.points().stream()
                        .map(p -> new EvidencePoint(
                                p.compute(),
                                p.value(),
                                optional(p.standardError()),
                                optional(p.parameters()),
                                optional(p.tokens())))
                        .toList());
    }

    private static Double boxed(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }

    private static OptionalDouble optional(Double value) {
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
