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
import dev.allot.lab.LabEvidence;
import dev.allot.store.Actor;
import dev.allot.store.Cycle;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.StoredSeries;
import dev.allot.store.Versioned;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** Use cases of evidence: import a file into a project's evidence of a cycle, list it, fit it. */
public final class Evidences {
    /** Bootstrap resamples for fits that are shown (with bands); the seed is fixed so a page shows the same band. */
    public static final int BOOTSTRAP = 100;

    public static final long SEED = 42;

    /** Roles that may add evidence (a lead only to the projects they lead). */
    private static final Set<Role> WRITERS = EnumSet.of(Role.ADMIN, Role.DECIDER, Role.LEAD);

    private final Store store;
    private final Reviews reviews;
    private final Function<EvidenceSeries, ComputeCurveFit> fitter;
    /**
     * Each project's fits with their bootstrap bands, by cycle and project: refitting a series a hundred times on
     * every read made the project page and the API slow, and the fits are pure functions of stored series, so they
     * are kept until the store changes.
     */
    private final HighWaterCache<List<ComputeCurveFit>> fits = new HighWaterCache<>(64);
    /** Every project's fits without bands, by cycle, kept the same way ({@link #summaryFits}). */
    private final HighWaterCache<Map<ProjectId, List<ComputeCurveFit>>> summaries = new HighWaterCache<>(8);

    Evidences(Store store, Reviews reviews) {
        this(store, reviews, new ComputeCurveFitter(BOOTSTRAP, SEED)::fit);
    }

    /** @param fitter fits one series with its band (a test counts the fits through it) */
    Evidences(Store store, Reviews reviews, Function<EvidenceSeries, ComputeCurveFit> fitter) {
        this.store = store;
        this.reviews = reviews;
        this.fitter = fitter;
    }

    /**
     * Reads the whole file (CSV or lm-evaluation-harness JSON) and stores its series in the cycle, replacing series
     * of the same metric and compute unit. A file with any problem throws {@code EVIDENCE_INVALID} listing every
     * problem, and nothing is stored. Project leads import the evidence of the projects they lead, as they write
     * their asks; admins and deciders any project's; reviewers and viewers none ({@link #requireWriter}).
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
        requireWriter(project, actor);
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

    /**
     * Refuses anyone who may not add evidence to {@code project}: admins and deciders add any project's, a lead only
     * the projects they lead, reviewers and viewers none. Checked before a file is read, so a refused person learns
     * nothing from its problems.
     */
    public void requireWriter(ProjectId project, Actor actor) {
        if (!WRITERS.contains(actor.role())) {
            throw new AllotException(
                    ErrorCode.ROLE_FORBIDDEN,
                    "Role " + actor.role().label() + " may not add evidence to project " + project
                            + ". Maybe ask the project's lead, a decider or an admin?");
        }
        reviews.requireAskWriter(project, actor);
    }

    /** Whether {@code actor} may add evidence to {@code project} (see {@link #requireWriter}). */
    public boolean mayWrite(ProjectId project, Actor actor) {
        try {
            requireWriter(project, actor);
            return true;
        } catch (AllotException refused) {
            return false;
        }
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

    /**
     * Each series fitted with a compute curve and its bootstrap band; kept and handed out again until the store
     * changes (its audit log's high-water mark moves).
     */
    public List<ComputeCurveFit> fits(CycleId cycle, ProjectId project) {
        return fits.get(
                cycle.value() + "|" + project.value(),
                store.audit().highWater(),
                () -> series(cycle, project).stream().map(fitter).toList());
    }

    /** The project's evidence of the cycle with fits and bands, as the API and the pages show it. */
    public EvidenceView view(CycleId cycle, ProjectId project) {
        return EvidenceView.of(cycle, project.value(), fits(cycle, project));
    }

    /**
     * Every project's series in the cycle fitted without bootstrap (no bands, so a page of the whole portfolio stays
     * fast), in project order; projects without evidence are absent. {@code lab} is the cycle's lab as stored; the
     * fits are kept and handed out again (unmodifiable) until the store changes.
     */
    public Map<ProjectId, List<ComputeCurveFit>> summaryFits(CycleId cycle, Lab lab) {
        return summaries.get(cycle.value(), store.audit().highWater(), () -> {
            ComputeCurveFitter fitter = new ComputeCurveFitter(0, SEED);
            Map<ProjectId, List<ComputeCurveFit>> fits = new TreeMap<>();
            all(cycle, lab)
                    .forEach((project, series) ->
                            fits.put(project, series.stream().map(fitter::fit).toList()));
            return Collections.unmodifiableMap(fits);
        });
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

    /**
     * The series of a lab file's {@code evidence:} section, by project in file order; the lab file checked every
     * value already, so this only translates words to the evidence module's types.
     */
    public static Map<ProjectId, List<EvidenceSeries>> fromLab(List<LabEvidence> evidence) {
        Map<ProjectId, List<EvidenceSeries>> series = new TreeMap<>();
        for (LabEvidence one : evidence) {
            Metric metric = new Metric(
                    one.metric(),
                    one.unit(),
                    word(Direction.values(), one.direction(), Direction::word),
                    word(Visibility.values(), one.visibility(), Visibility::word));
            List<EvidencePoint> points = one.points().stream()
                    .map(p -> new EvidencePoint(p.compute(), p.value(), p.standardError(), p.parameters(), p.tokens()))
                    .toList();
            series.computeIfAbsent(one.project(), project -> new java.util.ArrayList<>())
                    .add(new EvidenceSeries(
                            one.project(),
                            metric,
                            word(ComputeUnit.values(), one.computeUnit(), ComputeUnit::word),
                            one.source().isEmpty() ? "lab file" : one.source(),
                            points));
        }
        series.replaceAll((project, list) -> List.copyOf(list));
        return series;
    }

    /** Series as a lab file's {@code evidence:} section writes them (the inverse of {@link #fromLab}). */
    public static List<LabEvidence> toLab(Map<ProjectId, List<EvidenceSeries>> evidence) {
        List<LabEvidence> lab = new java.util.ArrayList<>();
        evidence.forEach((project, series) -> series.forEach(one -> lab.add(new LabEvidence(
                project,
                one.metric().name(),
                one.metric().unit(),
                one.metric().direction().word(),
                one.metric().visibility().word(),
                one.computeUnit().word(),
                one.source(),
                one.points().stream()
                        .map(p -> new LabEvidence.Point(
                                p.compute(), p.value(), p.standardError(), p.parameters(), p.tokens()))
                        .toList()))));
        return lab;
    }

    /**
     * {@code base} with {@code overrides} laid over it: a series of {@code overrides} replaces the one of the same
     * project, metric and compute unit, as storing it would.
     */
    public static Map<ProjectId, List<EvidenceSeries>> merged(
            Map<ProjectId, List<EvidenceSeries>> base, Map<ProjectId, List<EvidenceSeries>> overrides) {
        Map<ProjectId, List<EvidenceSeries>> merged = new TreeMap<>(base);
        overrides.forEach((project, series) -> {
            List<EvidenceSeries> kept = new java.util.ArrayList<>(merged.getOrDefault(project, List.of()).stream()
                    .filter(old -> series.stream()
                            .noneMatch(
                                    s -> s.metric().name().equals(old.metric().name())
                                            && s.computeUnit() == old.computeUnit()))
                    .toList());
            kept.addAll(series);
            merged.put(project, List.copyOf(kept));
        });
        return merged;
    }

    private static <E> E word(E[] values, String word, java.util.function.Function<E, String> words) {
        for (E value : values) {
            if (words.apply(value).equals(word)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown word " + word);
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
