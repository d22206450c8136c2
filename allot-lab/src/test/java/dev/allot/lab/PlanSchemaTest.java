package dev.allot.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.Problem;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every plan Allot writes conforms to the published schema, and the schema catches what a reader must refuse. */
class PlanSchemaTest {
    private static String demoPlan;

    @BeforeAll
    static void planTheDemo() {
        Lab demo = DemoLab.generate(42);
        Plan plan = Planner.create(PlannerOptions.defaults()).plan(demo);
        demoPlan = PlanDocument.json(plan);
    }

    @Test
    void theDemoPlanConformsToTheSchema() {
        assertThat(PlanSchema.validate(demoPlan)).isEmpty();
    }

    @Test
    void aPlanReadBackAndWrittenAgainStillConforms() {
        String again = PlanDocument.json(PlanDocument.read(demoPlan, "plan.json"));

        assertThat(PlanSchema.validate(again)).isEmpty();
    }

    @Test
    void fractionalGpusAnUnknownDecisionAndAMissingFieldAreEachNamed() {
        String broken = demoPlan.replaceFirst("\"grantGpus\" : (\\d+)", "\"grantGpus\" : 7.5")
                .replaceFirst("\"decision\" : \"[a-z]+\"", "\"decision\" : \"promote\"")
                .replaceFirst("\"cycle\" : \"[^\"]+\",", "");

        List<Problem> problems = PlanSchema.validate(broken);

        assertThat(problems).extracting(Problem::path).contains("/", "/projects/0/grantGpus", "/projects/0/decision");
        assertThat(problems)
                .filteredOn(p -> p.path().equals("/"))
                .extracting(Problem::reason)
                .anySatisfy(reason -> assertThat(reason).contains("cycle"));
        assertThat(problems)
                .filteredOn(p -> p.path().equals("/projects/0/grantGpus"))
                .extracting(Problem::value)
                .containsExactly("7.5");
    }

    @Test
    void anUnknownTopLevelFieldIsRefusedSoTheSchemaTracksTheWriter() {
        String extended = demoPlan.replaceFirst("\\{", "{ \"surprise\" : 1,");

        assertThat(PlanSchema.validate(extended))
                .extracting(Problem::reason)
                .anySatisfy(reason -> assertThat(reason).contains("surprise"));
    }

    @Test
    void theSchemaNamesItsFormat() {
        assertThat(PlanSchema.text()).contains("\"const\": \"" + PlanDocument.FORMAT + "\"");
    }

    @Test
    void aPlanOverTimeConformsAndReadsBackWithItsPeriods() {
        Lab demo = DemoLab.generate(42);
        Lab withEvents = DemoLab.overTime(demo);
        Plan plan = Planner.create(PlannerOptions.defaults().withExplain(false)).plan(withEvents);
        String json = PlanDocument.json(plan);

        assertThat(plan.periods()).hasSizeGreaterThan(2);
        assertThat(PlanSchema.validate(json)).isEmpty();
        assertThat(PlanDocument.read(json, "plan.json").periods()).isEqualTo(plan.periods());
    }

    @Test
    void placedBlocksAreWrittenReadBackAndConform() {
        Plan plan = PlanDocument.read(demoPlan, "plan.json");
        Plan withBlock = plan.toBuilder()
                .blocks(List.of(new dev.allot.core.model.PlacedBlock(
                        plan.projects().get(0).project(),
                        dev.allot.core.model.GpuTypeId.of("H100"),
                        64,
                        java.time.LocalDate.of(2027, 1, 18),
                        java.time.LocalDate.of(2027, 1, 28))))
                .build();

        String json = PlanDocument.json(withBlock);

        assertThat(PlanSchema.validate(json)).isEmpty();
        assertThat(json).contains("\"blocks\"");
        assertThat(PlanDocument.read(json, "plan.json").blocks()).isEqualTo(withBlock.blocks());
    }
}
