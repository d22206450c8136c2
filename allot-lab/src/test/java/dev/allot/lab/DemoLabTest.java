package dev.allot.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.Ask;
import dev.allot.core.model.DeciderOverride;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.PastCycle;
import dev.allot.core.model.Pool;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectStatus;
import dev.allot.core.model.Score;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DemoLabTest {
    @Test
    void theSameSeedGivesAnEqualLab() {
        assertThat(DemoLab.generate(7)).isEqualTo(DemoLab.generate(7));
    }

    @Test
    void differentSeedsGiveDifferentLabs() {
        Lab one = DemoLab.generate(1);
        Lab two = DemoLab.generate(2);

        assertThat(one).isNotEqualTo(two);
        assertThat(one.asks()).isNotEqualTo(two.asks());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 42, 2027})
    void passesValidationAndReadsBackFromYaml(long seed) {
        Lab demo = DemoLab.generate(seed);

        assertThat(LabYaml.read(LabYaml.write(demo), "demo.yaml")).isEqualTo(demo);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 42, 2027})
    void hasTheShapeOfALargeLab(long seed) {
        Lab demo = DemoLab.generate(seed);

        assertThat(demo.projects()).hasSize(300);
        assertThat(demo.capacityGpus())
                .containsExactly(
                        Map.entry(type("H200"), 1024),
                        Map.entry(type("H100"), 3072),
                        Map.entry(type("A100"), 2048),
                        Map.entry(type("L40S"), 1024));
        assertThat(demo.pools()).extracting(Pool::cluster).containsOnly("east", "west");
        assertThat(demo.pools())
                .allSatisfy(pool -> assertThat(pool.gpusPerNode()).isEqualTo(8));
        Map<String, Long> categories = demo.projects().stream()
                .collect(Collectors.groupingBy(project -> project.category().value(), Collectors.counting()));
        assertThat(categories)
                .containsOnly(
                        Map.entry("exploratory", 135L),
                        Map.entry("product", 75L),
                        Map.entry("infrastructure", 60L),
                        Map.entry("safety", 30L));
        assertThat(demo.projects())
                .filteredOn(project -> project.status() != ProjectStatus.ACTIVE)
                .hasSizeBetween(8, 15)
                .allSatisfy(project -> assertThat(demo.asksByProject()).doesNotContainKey(project.id()));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 42, 2027})
    void everyResearcherWorksOnOneOrTwoProjectsAndLeadsAreMembers(long seed) {
        Lab demo = DemoLab.generate(seed);

        Map<String, Integer> projectsPerResearcher = new HashMap<>();
        demo.projects()
                .forEach(project ->
                        project.members().forEach(member -> projectsPerResearcher.merge(member, 1, Integer::sum)));
        assertThat(projectsPerResearcher).hasSize(520).containsKeys("r001", "r520");
        assertThat(projectsPerResearcher.values())
                .allSatisfy(count -> assertThat(count).isBetween(1, 2));
        assertThat(demo.projects())
                .allSatisfy(project -> assertThat(project.members()).contains(project.lead()));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 42, 2027})
    void asksAreWholeNodesAndAskForMoreThanTheLabCanGive(long seed) {
        Lab demo = DemoLab.generate(seed);

        assertThat(demo.asks()).allSatisfy(ask -> {
            assertThat(List.of(ask.floorGpus(), ask.targetGpus(), ask.ceilingGpus()))
                    .allSatisfy(gpus -> assertThat(gpus % 8).isZero());
            assertThat(ask.targetGpus()).isBetween(8, 512);
            assertThat(ask.floorGpus()).isPositive();
            assertThat(ask.ceilingGpus()).isGreaterThan(ask.targetGpus()).isLessThanOrEqualTo(2 * ask.targetGpus());
        });
        double targets = demo.asks().stream().mapToInt(Ask::targetGpus).sum();
        assertThat(targets / allocatableGpus(demo)).isBetween(1.3, 1.6);
        assertThat(demo.asks()).filteredOn(ask -> ask.gpuTypes().isEmpty()).isNotEmpty();
        assertThat(demo.asks()).filteredOn(ask -> !ask.speedFactors().isEmpty()).hasSizeBetween(5, 15);
        assertThat(demo.asks())
                .extracting(Ask::targetGpus)
                .contains(8)
                .anySatisfy(gpus -> assertThat(gpus).isGreaterThanOrEqualTo(256));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 42, 2027})
    void threeCorrelatedReviewerScoresPerActiveProject(long seed) {
        Lab demo = DemoLab.generate(seed);

        Map<ProjectId, List<Score>> scores = demo.scores().stream().collect(Collectors.groupingBy(Score::project));
        assertThat(scores).hasSize(demo.asks().size());
        assertThat(scores.values()).allSatisfy(three -> {
            assertThat(three).hasSize(3).extracting(Score::reviewer).doesNotHaveDuplicates();
            int spread = three.stream().mapToInt(Score::score).max().orElseThrow()
                    - three.stream().mapToInt(Score::score).min().orElseThrow();
            assertThat(spread).isLessThanOrEqualTo(6);
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 42, 2027})
    void pastCyclesFitTheFleetAndKeepExploratoryAheadOfProduct(long seed) {
        Lab demo = DemoLab.generate(seed);
        Map<GpuTypeId, Integer> allocatable = allocatable(demo);

        assertThat(demo.history())
                .extracting(past -> past.cycle().value())
                .containsExactly("2026-07", "2026-09", "2026-11");
        for (PastCycle past : demo.history()) {
            allocatable.forEach((type, gpus) -> assertThat(granted(past, type))
                    .as("%s %s", past.cycle(), type)
                    .isLessThanOrEqualTo(gpus));
            assertThat(effective(demo, past, "exploratory")).isGreaterThanOrEqualTo(effective(demo, past, "product"));
            assertThat(past.usedFraction().keySet()).isEqualTo(past.grants().keySet());
            assertThat(past.usedFraction().values())
                    .allSatisfy(used -> assertThat(used).isBetween(0.3, 1.0));
            assertThat(past.grants().values())
                    .allSatisfy(grant -> grant.gpus()
                            .values()
                            .forEach(gpus -> assertThat(gpus % 8).isZero()));
            assertThat(past.grants().values().stream()
                            .mapToInt(Allocation::totalGpus)
                            .sum())
                    .isGreaterThan(allocatable.values().stream()
                                    .mapToInt(Integer::intValue)
                                    .sum()
                            * 3
                            / 4);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 42, 2027})
    void portfolioEvolvesWithNewcomersDeparturesPinsAndAKill(long seed) {
        Lab demo = DemoLab.generate(seed);
        Set<ProjectId> everGranted = demo.history().stream()
                .flatMap(past -> past.grants().keySet().stream())
                .collect(Collectors.toSet());
        Map<ProjectId, Project> projects = demo.projectsById();
        PastCycle first = demo.history().get(0);
        PastCycle last = demo.history().get(2);

        assertThat(demo.asks())
                .filteredOn(ask -> !everGranted.contains(ask.project()))
                .hasSizeGreaterThanOrEqualTo(10);
        assertThat(last.grants().keySet())
                .filteredOn(id -> !first.grants().containsKey(id))
                .isNotEmpty();
        assertThat(first.grants().keySet())
                .filteredOn(id -> projects.get(id).status() == ProjectStatus.KILLED)
                .isNotEmpty()
                .allSatisfy(id -> assertThat(last.grants()).doesNotContainKey(id));
        assertThat(demo.pins()).hasSizeBetween(1, 2).allSatisfy(pin -> {
            assertThat(pin.gpus().totalGpus() % 8).isZero();
            assertThat(demo.asksByProject()).containsKey(pin.project());
        });
        assertThat(demo.overrides()).singleElement().satisfies(kill -> {
            assertThat(kill.action()).isEqualTo(DeciderOverride.Action.KILL);
            assertThat(demo.pinsByProject()).doesNotContainKey(kill.project());
        });
    }

    private static GpuTypeId type(String name) {
        return GpuTypeId.of(name);
    }

    private static Map<GpuTypeId, Integer> allocatable(Lab lab) {
        Map<GpuTypeId, Integer> allocatable = new HashMap<>();
        lab.capacityGpus()
                .forEach((type, gpus) -> allocatable.put(
                        type, (int) Math.floor(gpus * (1 - lab.policy().reserveFraction()))));
        return allocatable;
    }

    private static double allocatableGpus(Lab lab) {
        return allocatable(lab).values().stream().mapToInt(Integer::intValue).sum();
    }

    private static int granted(PastCycle past, GpuTypeId type) {
        return past.grants().values().stream()
                .mapToInt(grant -> grant.gpus(type))
                .sum();
    }

    private static double effective(Lab lab, PastCycle past, String category) {
        Map<ProjectId, Project> projects = lab.projectsById();
        Map<GpuTypeId, Double> speeds =
                lab.gpuTypes().stream().collect(Collectors.toMap(type -> type.id(), type -> type.relativeSpeed()));
        return past.grants().entrySet().stream()
                .filter(entry -> projects.get(entry.getKey()).category().value().equals(category))
                .flatMap(entry -> entry.getValue().gpus().entrySet().stream())
                .mapToDouble(gpus -> gpus.getValue() * speeds.get(gpus.getKey()))
                .sum();
    }

    /**
     * The demo's plan over time: an arrival and a weekend outage inside the cycle, and two blocks of different projects
     * that the lab file's rules accept (the lab reads back from its YAML unchanged).
     */
    @Test
    void theTimelineHasAnArrivalAnOutageAndTwoValidBlocks() {
        Lab lab = DemoLab.withTimeline(DemoLab.generate(42));

        assertThat(lab.capacityEvents())
                .extracting(dev.allot.core.model.CapacityEvent::kind)
                .containsExactly(
                        dev.allot.core.model.CapacityEvent.Kind.ARRIVAL,
                        dev.allot.core.model.CapacityEvent.Kind.OUTAGE);
        assertThat(lab.capacityEvents().get(1).from().getDayOfWeek()).isEqualTo(java.time.DayOfWeek.SATURDAY);
        assertThat(lab.blocks()).hasSize(2);
        assertThat(lab.blocks().get(0).project())
                .isNotEqualTo(lab.blocks().get(1).project());
        assertThat(LabYaml.read(LabYaml.write(lab), "demo.yaml")).isEqualTo(lab);
    }
}
