package dev.allot.core.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.Ask;
import dev.allot.core.model.Category;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Decision;
import dev.allot.core.model.Explanation;
import dev.allot.core.model.GpuType;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.PastCycle;
import dev.allot.core.model.Plan;
import dev.allot.core.model.Policy;
import dev.allot.core.model.Pool;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.model.ProjectStatus;
import dev.allot.core.model.ShareBound;
import dev.allot.core.model.ShareRelation;
import dev.allot.core.model.SolveReport;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class GuardRailsTest {
    private static final GpuTypeId H100 = GpuTypeId.of("H100");
    private static final GpuTypeId L40S = GpuTypeId.of("L40S");

    /** Ten exploratory and ten product projects, each had and keeps H100:8, on a fleet with room for all. */
    private final Portfolio portfolio = new Portfolio();

    @Test
    void anOrdinaryDraftRaisesNoWarning() {
        assertThat(portfolio.check()).isEmpty();
    }

    @Test
    void killingMoreThanTheLimitOfActiveProjectsWarnsAndNamesThem() {
        portfolio.grant("e0", Allocation.NONE).grant("e1", Allocation.NONE).grant("p0", Allocation.NONE);

        List<GuardWarning> warnings = portfolio.check();

        GuardWarning kill = only(warnings, GuardRule.MASS_KILL);
        assertThat(kill.message()).isEqualTo("The draft kills 3 of 20 active projects (15 %, limit 10 %).");
        assertThat(kill.projects()).extracting(ProjectId::value).containsExactly("e0", "p0", "e1");
    }

    @Test
    void killingUpToTheLimitIsOrdinary() {
        portfolio.grant("e0", Allocation.NONE).grant("p0", Allocation.NONE);

        assertThat(rules(portfolio.check())).doesNotContain(GuardRule.MASS_KILL);
    }

    @Test
    void capacityLeftIdleBeyondTheReserveWarns() {
        portfolio.capacity(400); // 160 granted of 400: 240 idle is 60 % of the fleet

        GuardWarning idle = only(portfolio.check(), GuardRule.IDLE_CAPACITY);

        assertThat(idle.message())
                .isEqualTo("240 of 400 GPUs are left unallocated beyond the reserve (60 % of the fleet, limit 5 %);"
                        + " 160 are granted.");
    }

    @Test
    void aReserveHoldingBackMostOfTheFleetIsIdleCapacityToo() {
        portfolio.capacity(400).reserve(235); // only 5 GPUs idle beyond the reserve, yet 60 % of the fleet sits unused

        GuardWarning idle = only(portfolio.check(), GuardRule.IDLE_CAPACITY);

        assertThat(idle.message())
                .isEqualTo(
                        "The reserve holds back 235 of 400 GPUs (58.8 % of the fleet, limit 25 %); 160 are granted.");
    }

    @Test
    void aRelationWithNothingOnEitherSideIsVacuousNotMet() {
        portfolio.relation("exploratory", "product");
        for (int i = 0; i < 10; i++) {
            portfolio.grant("e" + i, Allocation.NONE).grant("p" + i, Allocation.NONE);
        }

        List<GuardWarning> warnings = portfolio.check();

        assertThat(rules(warnings)).contains(GuardRule.MASS_KILL, GuardRule.IDLE_CAPACITY, GuardRule.VACUOUS_RELATION);
        assertThat(only(warnings, GuardRule.VACUOUS_RELATION).message())
                .isEqualTo(
                        "'exploratory >= product' holds only vacuously: both exploratory and product get no compute.");
        assertThat(CategoryCompute.of(portfolio.lab(), portfolio.plan().grants())
                        .verdict(new ShareRelation(CategoryId.of("exploratory"), 1, CategoryId.of("product"))))
                .isEqualTo(Verdict.VACUOUS);
    }

    @Test
    void aRelationWithComputeOnOneSideIsJudgedNormally() {
        CategoryCompute compute = CategoryCompute.of(
                portfolio.lab(),
                Map.of(ProjectId.of("e0"), Allocation.NONE, ProjectId.of("p0"), Allocation.of("H100", 8)));

        assertThat(compute.verdict(new ShareRelation(CategoryId.of("exploratory"), 1, CategoryId.of("product"))))
                .isEqualTo(Verdict.NOT_MET);
        assertThat(compute.verdict(new ShareRelation(CategoryId.of("product"), 1, CategoryId.of("exploratory"))))
                .isEqualTo(Verdict.MET);
    }

    @Test
    void aShareBoundOnAnEmptyPlanIsVacuous() {
        portfolio.bound("product", 0.05, 1.0);
        for (int i = 0; i < 10; i++) {
            portfolio.grant("e" + i, Allocation.NONE).grant("p" + i, Allocation.NONE);
        }

        assertThat(rules(portfolio.check())).contains(GuardRule.VACUOUS_SHARE_BOUND);
    }

    @Test
    void aCategoryShareMovingMoreThanTenPointsWarns() {
        for (int i = 0; i < 5; i++) {
            portfolio.grant("e" + i, Allocation.of("H100", 16)).grant("p" + i, Allocation.of("H100", 4));
        }

        List<GuardWarning> swings = portfolio.check().stream()
                .filter(w -> w.rule() == GuardRule.SHARE_SWING)
                .toList();

        assertThat(swings)
                .extracting(GuardWarning::message)
                .containsExactly(
                        "The share of exploratory moves from 50 % to 66.7 % of effective compute (+16.7 points, limit 10).",
                        "The share of product moves from 50 % to 33.3 % of effective compute (-16.7 points, limit 10).");
    }

    @Test
    void aTypeMoveThatKeepsTheGpuCountIsAComputeLossAndATypeChange() {
        portfolio.grant("e3", Allocation.of("L40S", 8)); // L40S at 0.21 of an H100: -79 % compute

        List<GuardWarning> warnings = portfolio.check();

        assertThat(only(warnings, GuardRule.COMPUTE_LOSS).message())
                .isEqualTo("e3 loses 79 % of its effective compute (H100:8 -> L40S:8).");
        assertThat(only(warnings, GuardRule.GPU_TYPE_CHANGE).message())
                .isEqualTo("e3 changes GPU type: H100:8 -> L40S:8 (-79 % compute).");
    }

    @Test
    void halvingIsTheLimitOfAnOrdinaryShrink() {
        portfolio.grant("e3", Allocation.of("H100", 4));

        assertThat(rules(portfolio.check())).doesNotContain(GuardRule.COMPUTE_LOSS);
    }

    @Test
    void activeProjectsWithoutAnAskAreListed() {
        portfolio.withoutAsk("e4").withoutAsk("p7");

        GuardWarning silent = only(portfolio.check(), GuardRule.NO_ASK);

        assertThat(silent.message())
                .isEqualTo("2 active projects made no ask this cycle: e4, p7. For the 2 with a grant last cycle,"
                        + " policy noAsk: keep holds the last grant.");
    }

    @Test
    void grantsToProjectsWhoseLeadLeftAreListed() {
        Predicate<String> present = lead -> !lead.equals("lead-of-p2");

        GuardWarning orphaned = only(portfolio.check(present), GuardRule.LEAD_LEFT);

        assertThat(orphaned.projects()).extracting(ProjectId::value).containsExactly("p2");
        assertThat(orphaned.message()).isEqualTo("1 project with a grant has a lead who has left the lab: p2.");
    }

    private static GuardWarning only(List<GuardWarning> warnings, GuardRule rule) {
        List<GuardWarning> matching =
                warnings.stream().filter(w -> w.rule() == rule).toList();
        assertThat(matching).as("warnings of %s in %s", rule, warnings).hasSize(1);
        return matching.get(0);
    }

    private static List<GuardRule> rules(List<GuardWarning> warnings) {
        return warnings.stream().map(GuardWarning::rule).toList();
    }

    /** A lab and a draft plan to change one thing at a time. */
    private static final class Portfolio {
        private final Map<ProjectId, Allocation> grants = new LinkedHashMap<>();
        private final List<ShareRelation> relations = new ArrayList<>();
        private final List<ShareBound> bounds = new ArrayList<>();
        private final Set<ProjectId> withoutAsk = new java.util.HashSet<>();
        private int h100 = 168;
        private int reserved;

        Portfolio() {
            for (int i = 0; i < 10; i++) {
                grants.put(ProjectId.of("e" + i), Allocation.of("H100", 8));
                grants.put(ProjectId.of("p" + i), Allocation.of("H100", 8));
            }
        }

        Portfolio grant(String project, Allocation grant) {
            grants.put(ProjectId.of(project), grant);
            return this;
        }

        Portfolio reserve(int gpus) {
            reserved = gpus;
            return this;
        }

        Portfolio capacity(int gpus) {
            h100 = gpus;
            return this;
        }

        Portfolio relation(String left, String right) {
            relations.add(new ShareRelation(CategoryId.of(left), 1, CategoryId.of(right)));
            return this;
        }

        Portfolio bound(String category, double min, double max) {
            bounds.add(new ShareBound(CategoryId.of(category), min, max));
            return this;
        }

        Portfolio withoutAsk(String project) {
            withoutAsk.add(ProjectId.of(project));
            return this;
        }

        List<GuardWarning> check() {
            return check(lead -> true);
        }

        List<GuardWarning> check(Predicate<String> leadPresent) {
            return GuardRails.check(lab(), plan(), GuardThresholds.DEFAULTS, leadPresent);
        }

        Lab lab() {
            List<Project> projects = new ArrayList<>();
            List<Ask> asks = new ArrayList<>();
            Map<ProjectId, Allocation> previous = new LinkedHashMap<>();
            for (ProjectId id : grants.keySet()) {
                String category = id.value().startsWith("e") ? "exploratory" : "product";
                projects.add(new Project(
                        id,
                        id.value(),
                        CategoryId.of(category),
                        "lead-of-" + id.value(),
                        List.of(),
                        ProjectStatus.ACTIVE));
                if (!withoutAsk.contains(id)) {
                    asks.add(new Ask(id, 8, 8, 16, Set.of(), Map.of(), ""));
                }
                previous.put(id, Allocation.of("H100", 8));
            }
            Policy policy = Policy.defaults()
                    .edit()
                    .reserveFraction(0)
                    .shareBounds(bounds)
                    .relations(relations)
                    .build();
            return Lab.builder()
                    .name("guard")
                    .cycle(CycleId.of("2027-01"))
                    .cycleStart(LocalDate.of(2027, 1, 4))
                    .gpuTypes(List.of(new GpuType(H100, 1.0), new GpuType(L40S, 0.21)))
                    .pools(List.of(new Pool("h100", "east", H100, h100, 8), new Pool("l40s", "east", L40S, 64, 8)))
                    .categories(List.of(
                            new Category(CategoryId.of("exploratory"), ""), new Category(CategoryId.of("product"), "")))
                    .projects(projects)
                    .asks(asks)
                    .policy(policy)
                    .history(List.of(new PastCycle(CycleId.of("2026-12"), previous, Map.of())))
                    .build();
        }

        Plan plan() {
            Lab lab = lab();
            List<ProjectPlan> lines = new ArrayList<>();
            grants.forEach((id, grant) -> {
                Allocation before = lab.previousGrant(id);
                lines.add(new ProjectPlan(
                        id,
                        lab.projectsById().get(id).category(),
                        1,
                        before,
                        grant,
                        Decision.between(before, grant),
                        CategoryCompute.effectiveGpus(lab, grant),
                        0,
                        Optional.empty(),
                        new Explanation("", List.of(), Map.of(), List.of())));
            });
            Map<GpuTypeId, Integer> capacity = lab.capacityGpus();
            // The L40S pool is out of this plan; the H100s are allocatable but for the reserve.
            Map<GpuTypeId, Integer> allocatable = new LinkedHashMap<>(capacity);
            allocatable.put(L40S, 0);
            allocatable.put(H100, h100 - reserved);
            Map<GpuTypeId, Integer> fleet = new LinkedHashMap<>(capacity);
            fleet.put(L40S, 0);
            return Plan.builder()
                    .cycle(lab.cycle())
                    .projects(lines)
                    .capacityGpus(fleet)
                    .allocatableGpus(allocatable)
                    .solve(new SolveReport(SolveReport.Status.OPTIMAL, 0, 0, 0, Duration.ZERO, "test", 0))
                    .build();
        }
    }
}
