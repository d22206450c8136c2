package dev.allot.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.PastCycle;
import dev.allot.core.model.Policy;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.model.UsagePolicy;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.store.Actor;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.StoredPlan;
import dev.allot.store.TestLabs;
import dev.allot.store.UsageDay;
import java.time.LocalDate;
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

    @Test
    void lastCyclesUseIsKnownOnlyForGrantsWithUsageAndIdleFollowsThePolicy() {
        Lab lab = TestLabs.shaped(4, 3)
                .history(new PastCycle(
                        CycleId.of("2026-10"), Map.of(ProjectId.of("project-3"), Allocation.of("H100", 8)), Map.of()))
                .history(new PastCycle(
                        CycleId.of("2026-11"),
                        Map.of(
                                ProjectId.of("project-0"), Allocation.of("H100", 16),
                                ProjectId.of("project-1"), Allocation.of("H100", 16),
                                ProjectId.of("project-2"), Allocation.of("H100", 8)),
                        // project-2 has a grant but no usage; project-3 used 0.1 of nothing granted last cycle
                        Map.of(
                                ProjectId.of("project-0"), 0.62,
                                ProjectId.of("project-1"), 0.31,
                                ProjectId.of("project-3"), 0.1)))
                .build();

        Map<ProjectId, Usage.LastUse> uses = Usage.lastCycle(lab);

        assertThat(uses)
                .containsOnly(
                        Map.entry(ProjectId.of("project-0"), new Usage.LastUse(0.62, false)),
                        Map.entry(ProjectId.of("project-1"), new Usage.LastUse(0.31, true)));
        Policy strict = lab.policy()
                .edit()
                .usage(new UsagePolicy(0.7, UsagePolicy.Action.WARN, 0.25))
                .build();
        assertThat(Usage.lastCycle(lab.withPolicy(strict))
                        .get(ProjectId.of("project-0"))
                        .idle())
                .isTrue();
    }

    private StoredPlan published() {
        application.cycles().importLab(lab, Actor.system("test"));
        return Publishing.publish(application, lab.cycle(), DANA);
    }
}
