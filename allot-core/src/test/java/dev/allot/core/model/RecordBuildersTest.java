package dev.allot.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordBuildersTest {
    private static final GpuTypeId H100 = GpuTypeId.of("H100");
    private static final ProjectId VISION = ProjectId.of("vision");
    private static final CategoryId RESEARCH = CategoryId.of("research");
    private static final LocalDate START = LocalDate.of(2027, 1, 4);

    @Test
    void everyFieldOfLabAndPlanHasABuilderSetter() {
        assertHasSetterPerComponent(Lab.class, Lab.Builder.class);
        assertHasSetterPerComponent(Plan.class, Plan.Builder.class);
    }

    /** A shorter constructor would silently default the fields added after it; callers use the builders instead. */
    @Test
    void labAndPlanKeepOnlyTheirCanonicalConstructor() {
        assertThat(Lab.class.getConstructors())
                .singleElement()
                .satisfies(constructor ->
                        assertThat(constructor.getParameterCount()).isEqualTo(Lab.class.getRecordComponents().length));
        assertThat(Plan.class.getConstructors())
                .singleElement()
                .satisfies(constructor ->
                        assertThat(constructor.getParameterCount()).isEqualTo(Plan.class.getRecordComponents().length));
    }

    @Test
    void aLabCopiedThroughItsBuilderKeepsEveryField() {
        Lab lab = everyFieldSet();

        assertThat(lab.toBuilder().build()).isEqualTo(lab);
        assertThat(lab.withBudgets(List.of()).toBuilder().budgets(lab.budgets()).build())
                .isEqualTo(lab);
    }

    @Test
    void aNewLabStartsWithEmptyListsAndIsCheckedLikeAnyOther() {
        Lab lab = Lab.builder()
                .name("east")
                .cycle(CycleId.of("2027-01"))
                .cycleStart(START)
                .policy(Policy.defaults())
                .build();

        assertThat(lab.projects()).isEmpty();
        assertThat(lab.blocks()).isEmpty();
        assertThatThrownBy(() -> lab.toBuilder().name(null).build()).hasMessageContaining("name");
    }

    @Test
    void aPlanCopiedThroughItsBuilderKeepsEveryField() {
        Plan plan = Plan.builder()
                .cycle(CycleId.of("2027-01"))
                .projects(List.of(new ProjectPlan(
                        VISION,
                        RESEARCH,
                        1,
                        Allocation.NONE,
                        Allocation.of("H100", 8),
                        Decision.between(Allocation.NONE, Allocation.of("H100", 8)),
                        8,
                        1,
                        Optional.empty(),
                        new Explanation("test", List.of(), Map.of(), List.of()))))
                .capacityGpus(Map.of(H100, 64))
                .allocatableGpus(Map.of(H100, 60))
                .marginalValuePerGpu(Map.of(H100, 0.5))
                .solve(new SolveReport(SolveReport.Status.OPTIMAL, 1, 1, 0, Duration.ZERO, "test", 7))
                .periods(List.of(new PlanPeriod(
                        START,
                        START.plusDays(56),
                        Map.of(H100, 64),
                        Map.of(H100, 60),
                        Map.of(VISION, Allocation.NONE))))
                .blocks(List.of(new PlacedBlock(VISION, H100, 8, START, START.plusDays(7))))
                .budgets(List.of(new Budget(VISION, H100, 100)))
                .build();

        assertThat(plan.toBuilder().build()).isEqualTo(plan);
        assertThat(plan.withBudgets(List.of()).budgets()).isEmpty();
        assertThat(plan.withBudgets(List.of()).blocks()).isEqualTo(plan.blocks());
    }

    private static Lab everyFieldSet() {
        return Lab.builder()
                .name("east")
                .cycle(CycleId.of("2027-01"))
                .cycleStart(START)
                .gpuTypes(List.of(new GpuType(H100, 1.0)))
                .pools(List.of(new Pool("h100", "east", H100, 64, 8)))
                .categories(List.of(new Category(RESEARCH, "")))
                .projects(List.of(new Project(VISION, "Vision", RESEARCH, "dana", List.of(), ProjectStatus.ACTIVE)))
                .asks(List.of(new Ask(VISION, 8, 16, 32, Set.of(H100), Map.of(), "")))
                .scores(List.of(new Score(VISION, "reviewer", 6, "")))
                .policy(Policy.defaults().withPlannerMayKill(true))
                .pins(List.of(new Pin(VISION, Allocation.of("H100", 8), "contract")))
                .overrides(List.of(new DeciderOverride(VISION, DeciderOverride.Action.FUND, "deciders")))
                .history(List.of(new PastCycle(CycleId.of("2026-11"), Map.of(VISION, Allocation.NONE), Map.of())))
                .capacityEvents(List.of(new CapacityEvent(
                        "h100", CapacityEvent.Kind.OUTAGE, 8, START.plusDays(7), Optional.of(START.plusDays(9)))))
                .budgets(List.of(new Budget(VISION, H100, 1_000)))
                .blocks(List.of(new Block(VISION, H100, 8, 3, START, START.plusDays(14))))
                .build();
    }

    /** A field added to the record without a setter would be left at its default by every builder caller. */
    private static void assertHasSetterPerComponent(Class<? extends Record> record, Class<?> builder) {
        for (RecordComponent component : record.getRecordComponents()) {
            assertThat(Arrays.stream(builder.getMethods())
                            .filter(method -> method.getName().equals(component.getName()))
                            .filter(method -> method.getReturnType().equals(builder))
                            .anyMatch(method ->
                                    Arrays.equals(method.getParameterTypes(), new Class<?>[] {component.getType()})))
                    .as("%s.Builder#%s(%s)", record.getSimpleName(), component.getName(), component.getType())
                    .isTrue();
        }
    }
}
