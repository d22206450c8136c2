package dev.allot.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.store.Actor;
import dev.allot.store.CycleState;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.StoredPlan;
import dev.allot.store.TestLabs;
import dev.allot.store.UsageDay;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Usage in, used fractions out: recording, the CSV import and the cycle's window. */
class UsageUseCasesTest {
    private static final Actor DANA = new Actor("dana", Role.DECIDER);

    private final Store store = Store.open("jdbc:h2:mem:usage-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null);
    private final Application application = Application.over(store, Planner.create(PlannerOptions.defaults()));
    private final Lab lab = TestLabs.shaped(4, 3).build();

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void everyBadRowOfAUsageCsvIsReportedWithLineAndFieldAndNothingIsImported() {
        application.cycles().importLab(lab, Actor.system("test"));
        String csv = """
                project,gpu_type,date,gpu_hours
                project-0,H100,2026-12-02,96
                nobody,H100,2026-12-02,10
                project-1,B300,2026-13-01,-4
                project-0,H100,2026-12-02,5
                project-2,H100
                """;

        AllotException refused = catchThrowableOfType(
                AllotException.class, () -> application.usage().importCsv("usage.csv", csv, DANA));

        assertThat(refused.code()).isEqualTo("usage.csv.invalid");
        assertThat(refused.problems())
                .extracting(Problem::path)
                .containsExactly(
                        "line 3.project", "line 4.gpu_type", "line 4.date", "line 4.gpu_hours", "line 5", "line 6");
        assertThat(store.usage().usage(ProjectId.of("project-0"), LocalDate.MIN, LocalDate.MAX))
                .isEmpty();
    }

    @Test
    void aCycleCountsUsageFromItsStartOnlyAndFlagsAnIdleGrant() {
        StoredPlan published = published();
        ProjectPlan line = published.plan().projects().stream()
                .filter(p -> p.grant().totalGpus() > 0)
                .findFirst()
                .orElseThrow();
        LocalDate start = lab.cycleStart();
        String type = line.grant().gpus().keySet().iterator().next().value();
        int gpus = line.grant().totalGpus();
        // a quarter of the grant on each of the cycle's first 4 days, and a full day before the cycle that must not
        // count
        StringBuilder csv = new StringBuilder("project,gpu_type,date,gpu_hours\n");
        csv.append(line.project())
                .append(',')
                .append(type)
                .append(',')
                .append(start.minusDays(1))
                .append(',')
                .append(gpus * 24)
                .append('\n');
        for (int day = 0; day < 4; day++) {
            csv.append(line.project())
                    .append(',')
                    .append(type)
                    .append(',')
                    .append(start.plusDays(day))
                    .append(',')
                    .append(gpus * 6)
                    .append('\n');
        }

        Usage.Recorded recorded = application.usage().importCsv("usage.csv", csv.toString(), DANA);
        List<Usage.ProjectUse> use = application.usage().use(lab.cycle(), start.plusDays(3));

        assertThat(recorded.changedDays()).isEqualTo(5);
        assertThat(application.usage().window(lab.cycle(), start.plusDays(3)))
                .isEqualTo(new Usage.Window(start, start.plusDays(4)));
        Usage.ProjectUse row = use.stream()
                .filter(u -> u.project().equals(line.project()))
                .findFirst()
                .orElseThrow();
        assertThat(row.usedFraction()).isCloseTo(0.25, within(1e-9));
        assertThat(row.idle()).isTrue();
        assertThat(use)
                .filteredOn(u -> !u.measured())
                .allSatisfy(u -> assertThat(u.idle()).isFalse());
    }

    @Test
    void schedulerAccountsThatAreNoProjectAreLeftOutAndNamed() {
        application.cycles().importLab(lab, Actor.system("test"));

        Usage.Recorded recorded = application
                .usage()
                .record(
                        List.of(
                                new UsageDay(ProjectId.of("project-1"), GpuTypeId.of("H100"), lab.cycleStart(), 12),
                                new UsageDay(ProjectId.of("root"), GpuTypeId.of("H100"), lab.cycleStart(), 3)),
                        DANA);

        assertThat(recorded).isEqualTo(new Usage.Recorded(1, 1, List.of("root")));
    }

    private StoredPlan published() {
        application.cycles().importLab(lab, Actor.system("test"));
        application.cycles().transition(lab.cycle(), CycleState.REVIEW, null, DANA);
        application.cycles().transition(lab.cycle(), CycleState.DRAFT, null, DANA);
        StoredPlan draft = application.drafts().solve(lab.cycle(), DANA, null).draft();
        PublishCheck check = application.approvals().approve(lab.cycle(), draft.version(), DANA);
        Map<String, String> reasons = new HashMap<>();
        check.warnings().forEach(warning -> reasons.put(warning.rule().code(), "seen"));
        return application.approvals().publish(lab.cycle(), draft.version(), reasons, "", DANA);
    }
}
