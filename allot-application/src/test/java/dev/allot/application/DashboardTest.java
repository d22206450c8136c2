package dev.allot.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Decision;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.PastCycle;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.store.Actor;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.StoredPlan;
import dev.allot.store.TestLabs;
import dev.allot.store.UsageDay;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dashboard over an imported past cycle and two published ones. */
class DashboardTest {
    private static final Actor DANA = new Actor("dana", Role.DECIDER);
    private static final CycleId NOVEMBER = CycleId.of("2026-11");
    private static final CycleId DECEMBER = CycleId.of("2026-12");
    private static final CycleId JANUARY = CycleId.of("2027-01");

    private final Store store =
            Store.open("jdbc:h2:mem:dashboard-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null);
    private final Application application = Application.over(store, Planner.create(PlannerOptions.defaults()));

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void anEmptyStoreHasAnEmptyDashboard() {
        assertThat(application.dashboard().overview(LocalDate.of(2026, 12, 1)).cycles())
                .isEmpty();
    }

    @Test
    void everyPublishedCycleIsCountedFromItsPlanAndTheImportedOneFromItsGrants() {
        Lab lab = TestLabs.shaped(8, 5)
                .history(new PastCycle(
                        NOVEMBER,
                        Map.of(
                                ProjectId.of("project-0"), Allocation.of("H100", 16),
                                ProjectId.of("project-1"), Allocation.of("A100", 8)),
                        Map.of(ProjectId.of("project-0"), 0.5, ProjectId.of("project-1"), 0.8)))
                .build();
        application.cycles().importLab(lab, Actor.system("test"));
        StoredPlan december = publish(DECEMBER);
        ProjectPlan measured = december.plan().projects().stream()
                .filter(line -> line.grant().totalGpus() > 0)
                .findFirst()
                .orElseThrow();
        GpuTypeId type = measured.grant().gpus().keySet().iterator().next();
        List<UsageDay> days = new ArrayList<>();
        for (int day = 0; day < 31; day++) {
            days.add(new UsageDay(measured.project(), type, lab.cycleStart().plusDays(day), 24.0 * day / 4));
        }
        application.usage().record(days, DANA);
        application.cycles().create(JANUARY, LocalDate.of(2027, 1, 1), lab.policy(), DANA);
        StoredPlan january = publish(JANUARY);

        Dashboard.Overview overview = application.dashboard().overview(LocalDate.of(2027, 1, 10));

        assertThat(overview.cycles())
                .extracting(Dashboard.CycleFigures::cycle)
                .containsExactly(NOVEMBER, DECEMBER, JANUARY);
        Dashboard.CycleFigures november = overview.cycles().get(0);
        assertThat(november.source()).isEqualTo("imported");
        assertThat(november.decisions()).isEmpty();
        assertThat(november.gpusByType())
                .containsEntry(GpuTypeId.of("H100"), 16)
                .containsEntry(GpuTypeId.of("A100"), 8);
        // effective compute: 16 x 1.0 exploratory (project-0) against 8 x 0.5 product (project-1)
        assertThat(november.categoryShares().get(CategoryId.of("exploratory"))).isCloseTo(0.8, within(1e-9));
        assertThat(november.usedFraction()).isCloseTo((16 * 0.5 + 8 * 0.8) / 24, within(1e-9));

        Dashboard.CycleFigures dec = overview.cycles().get(1);
        assertThat(dec.source()).isEqualTo("published v1");
        assertThat(dec.decisions()).isEqualTo(counts(december));
        assertThat(dec.grantedGpus()).isEqualTo(total(december));
        assertThat(dec.categoryShares().values().stream()
                        .mapToDouble(Double::doubleValue)
                        .sum())
                .isCloseTo(1.0, within(1e-9));
        double used = application.usage().use(DECEMBER, LocalDate.of(2026, 12, 31)).stream()
                .filter(use -> use.project().equals(measured.project()))
                .findFirst()
                .orElseThrow()
                .usedFraction();
        assertThat(dec.usedFraction()).isCloseTo(used, within(1e-9));

        Dashboard.CycleFigures jan = overview.cycles().get(2);
        assertThat(jan.decisions()).isEqualTo(counts(january));
        assertThat(jan.killed()).containsExactlyElementsOf(projects(january, Decision.KILL));
        assertThat(jan.started()).containsExactlyElementsOf(projects(january, Decision.NEW));
        assertThat(jan.usedFraction()).as("no usage recorded for January yet").isNull();

        List<Map<ProjectId, Allocation>> grants = List.of(
                Map.of(
                        ProjectId.of("project-0"), Allocation.of("H100", 16),
                        ProjectId.of("project-1"), Allocation.of("A100", 8)),
                december.plan().grants(),
                january.plan().grants());
        int largest = 0;
        for (int i = 1; i < grants.size(); i++) {
            for (ProjectId project : lab.projects().stream().map(p -> p.id()).toList()) {
                int before =
                        grants.get(i - 1).getOrDefault(project, Allocation.NONE).totalGpus();
                int after = grants.get(i).getOrDefault(project, Allocation.NONE).totalGpus();
                largest = Math.max(largest, Math.abs(after - before));
            }
        }
        assertThat(largest).isPositive();
        assertThat(Math.abs(overview.swings().get(0).changeGpus())).isEqualTo(largest);
        assertThat(overview.swings())
                .isSortedAccordingTo((a, b) -> Math.abs(b.changeGpus()) - Math.abs(a.changeGpus()))
                .extracting(Dashboard.Swing::project)
                .doesNotHaveDuplicates();
    }

    private StoredPlan publish(CycleId cycle) {
        return Publishing.publish(application, cycle, DANA);
    }

    private static Map<Decision, Integer> counts(StoredPlan plan) {
        Map<Decision, Integer> counts = new HashMap<>();
        Dashboard.DECISIONS.forEach(decision -> counts.put(decision, 0));
        plan.plan().projects().stream()
                .filter(line -> counts.containsKey(line.decision()))
                .forEach(line -> counts.merge(line.decision(), 1, Integer::sum));
        return counts;
    }

    private static int total(StoredPlan plan) {
        return plan.plan().projects().stream()
                .mapToInt(line -> line.grant().totalGpus())
                .sum();
    }

    private static List<ProjectId> projects(StoredPlan plan, Decision decision) {
        return plan.plan().projects().stream()
                .filter(line -> line.decision() == decision)
                .map(ProjectPlan::project)
                .sorted()
                .toList();
    }
}
