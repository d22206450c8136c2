package dev.allot.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.Project;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code allot lab example --size N}: a smaller or larger lab that is as plannable as the demo it comes from. */
class ScaledLabTest {
    @ParameterizedTest
    @ValueSource(ints = {12, 40, 120})
    void aSmallerLabKeepsTheDemosMixOfCategoriesAndCanBePlanned(int size) {
        Lab lab = ScaledLab.ofSize(42, size);
        assertThat(lab.projects()).hasSize(size);
        Map<String, Long> perCategory = lab.projects().stream()
                .collect(Collectors.groupingBy(project -> project.category().value(), Collectors.counting()));
        assertThat(perCategory.keySet())
                .as("every category of the demo keeps projects (a share minimum on an empty one cannot hold)")
                .containsExactlyInAnyOrderElementsOf(DemoLab.generate(42).categories().stream()
                        .map(category -> category.id().value())
                        .toList());

        Plan plan = Planner.create(PlannerOptions.defaults()).plan(lab);
        assertThat(plan.projects()).isNotEmpty();
    }

    @Test
    void theProjectsAreSpreadOverTheDemoNotItsFirstFew() {
        Lab demo = DemoLab.generate(42);
        Lab lab = ScaledLab.ofSize(42, 40);
        Map<String, Project> demoById =
                demo.projects().stream().collect(Collectors.toMap(p -> p.id().value(), Function.identity()));
        assertThat(lab.projects())
                .allSatisfy(
                        project -> assertThat(demoById).containsKey(project.id().value()));
        assertThat(lab.projects().get(lab.projects().size() - 1).id().value())
                .isNotEqualTo(demo.projects().get(39).id().value());
    }
}
