package dev.allot.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.allot.core.AllotException;
import dev.allot.core.model.Lab;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ValuePolicy;
import dev.allot.core.model.ValuePolicy.ValueBasis;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.evidence.ComputeCurveFit;
import dev.allot.evidence.ComputeCurveFitter;
import dev.allot.evidence.EvidenceFormat;
import dev.allot.evidence.EvidenceSeries;
import dev.allot.store.Actor;
import dev.allot.store.CycleState;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.TestLabs;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Evidence through the use cases: stored whole or not at all, read back equal, and valuing the draft. */
class EvidenceUseCasesTest {
    private static final Actor DANA = new Actor("dana", Role.DECIDER);
    private static final String THREE_POINTS = """
            metric,unit,direction,visibility,compute,compute_unit,value,stderr
            validation-loss,nats,lower,private,100,gpu-hours,3.10,0.01
            validation-loss,nats,lower,private,200,gpu-hours,2.95,N/A
            validation-loss,nats,lower,private,400,gpu-hours,2.85,0.01
            """;

    private final Store store =
            Store.open("jdbc:h2:mem:evidence-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null);
    private final Application application = Application.over(store, Planner.create(PlannerOptions.defaults()));
    private final Lab lab = TestLabs.shaped(6, 5).build();
    private final ProjectId project = lab.projects().get(0).id();

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void anImportedFileReadsBackAsTheSameSeries() {
        application.cycles().importLab(lab, Actor.system("test"));

        List<EvidenceSeries> imported = application
                .evidence()
                .importFile(lab.cycle(), project, THREE_POINTS, EvidenceFormat.CSV, "e.csv", null, Set.of(), null, DANA)
                .value()
                .series();

        assertThat(application.evidence().series(lab.cycle(), project)).isEqualTo(imported);
        assertThat(application.evidence().fits(lab.cycle(), project))
                .singleElement()
                .satisfies(fit -> assertThat(fit.message()).isEqualTo("3 points: too few to fit; need >= 5"));
    }

    @Test
    void fitsAreKeptUntilTheStoreChanges() {
        importValidationLoss();
        AtomicInteger fitted = new AtomicInteger();
        ComputeCurveFitter fitter = new ComputeCurveFitter(0, Evidences.SEED);
        Evidences evidences = new Evidences(store, new Reviews(store, new Approvals(store)), series -> {
            fitted.incrementAndGet();
            return fitter.fit(series);
        });

        List<ComputeCurveFit> first = evidences.fits(lab.cycle(), project);
        List<ComputeCurveFit> again = evidences.fits(lab.cycle(), project);
        assertThat(again).isSameAs(first);
        assertThat(fitted).hasValue(1);

        importTrainLoss();
        List<ComputeCurveFit> afterAWrite = evidences.fits(lab.cycle(), project);

        assertThat(afterAWrite).hasSize(2);
        assertThat(fitted).hasValue(3);
        assertThat(evidences.fits(lab.cycle(), project)).isSameAs(afterAWrite);
        assertThat(fitted).hasValue(3);
    }

    @Test
    void theSummaryFitsAreKeptUntilTheStoreChanges() {
        importValidationLoss();

        var first = application.evidence().summaryFits(lab.cycle(), lab);
        assertThat(application.evidence().summaryFits(lab.cycle(), lab)).isSameAs(first);
        assertThat(first.get(project)).hasSize(1);

        importTrainLoss();
        var afterAWrite = application.evidence().summaryFits(lab.cycle(), lab);

        assertThat(afterAWrite).isNotSameAs(first);
        assertThat(afterAWrite.get(project)).hasSize(2);
        assertThatThrownBy(() -> afterAWrite.clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    /** The lab with one validation-loss series of the project stored. */
    private void importValidationLoss() {
        application.cycles().importLab(lab, Actor.system("test"));
        application
                .evidence()
                .importFile(
                        lab.cycle(), project, THREE_POINTS, EvidenceFormat.CSV, "e.csv", null, Set.of(), null, DANA);
    }

    /** A second series of the project (train loss): a write to the store. */
    private void importTrainLoss() {
        application
                .evidence()
                .importFile(
                        lab.cycle(),
                        project,
                        THREE_POINTS.replace("validation-loss", "train-loss"),
                        EvidenceFormat.CSV,
                        "train.csv",
                        null,
                        Set.of(),
                        null,
                        DANA);
    }

    @Test
    void aBadFileListsEveryProblemAndStoresNothing() {
        application.cycles().importLab(lab, Actor.system("test"));
        String bad = THREE_POINTS + "validation-loss,nats,lower,private,-5,gpu-hours,2.8,\n"
                + "validation-loss,nats,lower,private,800,parsecs,2.7,\n";

        AllotException error = catchThrowableOfType(
                AllotException.class,
                () -> application
                        .evidence()
                        .importFile(
                                lab.cycle(), project, bad, EvidenceFormat.CSV, "bad.csv", null, Set.of(), null, DANA));

        assertThat(error.code()).isEqualTo("EVIDENCE_INVALID");
        assertThat(error.problems()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(application.evidence().series(lab.cycle(), project)).isEmpty();
    }

    @Test
    void onlyAdminsDecidersAndTheProjectsOwnLeadAddEvidenceAndARefusedPersonLearnsNothingOfTheFile() {
        application.cycles().importLab(lab, Actor.system("test"));
        String lead = lab.projects().get(0).lead();
        String otherLead = lab.projects().get(1).lead();

        assertThat(application.evidence().mayWrite(project, new Actor("ada", Role.ADMIN)))
                .isTrue();
        assertThat(application.evidence().mayWrite(project, DANA)).isTrue();
        assertThat(application.evidence().mayWrite(project, new Actor(lead, Role.LEAD)))
                .isTrue();
        assertThat(application.evidence().mayWrite(project, new Actor(otherLead, Role.LEAD)))
                .isFalse();
        assertThat(application.evidence().mayWrite(project, new Actor("rui", Role.REVIEWER)))
                .isFalse();
        AllotException refused = catchThrowableOfType(
                AllotException.class,
                () -> application
                        .evidence()
                        .importFile(
                                lab.cycle(),
                                project,
                                "not,a,valid,file",
                                EvidenceFormat.CSV,
                                "x.csv",
                                null,
                                Set.of(),
                                null,
                                new Actor("vera", Role.VIEWER)));
        assertThat(refused.code()).isEqualTo("role-forbidden");
        assertThat(refused.problems()).isEmpty();
        assertThat(application.evidence().series(lab.cycle(), project)).isEmpty();
    }

    @Test
    void aLabFilesEvidenceIsStoredWithTheLabAndImportingItAgainChangesNothing() {
        String yaml = dev.allot.lab.LabYaml.write(lab) + "evidence:\n  - project: " + project.value() + "\n"
                + "    metric: validation-loss\n    unit: nats\n    direction: lower\n    visibility: private\n"
                + "    points:\n      - {compute: 100, value: 3.1, stderr: 0.01}\n      - {compute: 200, value: 2.95}\n";
        dev.allot.lab.LabFile file = dev.allot.lab.LabYaml.readFile(yaml, "lab.yaml");

        application.cycles().importLabFile(file, Actor.system("test"));
        application.cycles().importLabFile(file, Actor.system("test"));

        assertThat(application.evidence().series(lab.cycle(), project))
                .isEqualTo(Evidences.fromLab(file.evidence()).get(project))
                .singleElement()
                .satisfies(series -> {
                    assertThat(series.metric().visibility()).isEqualTo(dev.allot.evidence.Visibility.PRIVATE_HELD_OUT);
                    assertThat(series.points()).hasSize(2);
                    assertThat(series.source()).isEqualTo("lab file");
                });
    }

    @Test
    void aDraftSolvedByEvidenceSaysWhyAProjectKeptItsWeight() {
        application.cycles().importLab(lab, Actor.system("test"));
        application
                .evidence()
                .importFile(
                        lab.cycle(), project, THREE_POINTS, EvidenceFormat.CSV, "e.csv", null, Set.of(), null, DANA);
        application
                .cycles()
                .editPolicy(
                        lab.cycle(),
                        policy -> policy.edit()
                                .value(new ValuePolicy(
                                        ValueBasis.EVIDENCE, 720, 1.44e18, Map.of(), Map.of(project, 500.0)))
                                .build(),
                        null,
                        DANA);
        application.cycles().transition(lab.cycle(), CycleState.REVIEW, null, DANA);
        application.cycles().transition(lab.cycle(), CycleState.DRAFT, null, DANA);

        Drafts.Solved solved = application.drafts().solve(lab.cycle(), DANA, null);

        assertThat(solved.valueNotes())
                .containsExactly(project + ": valued by priority weight (validation-loss: 3 points: too few to fit;"
                        + " need >= 5)");
    }
}
