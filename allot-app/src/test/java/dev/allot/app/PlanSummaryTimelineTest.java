package dev.allot.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.lab.LabYaml;
import org.junit.jupiter.api.Test;

/** The summary of a plan over time shows its periods, the capacity events and where each block went. */
class PlanSummaryTimelineTest {
    private static final String LAB = """
            name: timeline-lab
            cycle: 2027-01
            cycleStart: 2027-01-04
            gpuTypes:
              - {name: H100, speed: 1.0}
            pools:
              - name: east-h100
                cluster: east
                gpuType: H100
                gpus: 64
                gpusPerNode: 8
                events:
                  - {kind: arrival, gpus: 32, from: 2027-02-01}
                  - {kind: outage, gpus: 16, from: 2027-02-13, until: 2027-02-15}
            categories:
              - {id: exploratory}
              - {id: product}
            projects:
              - id: vision-rl
                category: exploratory
                lead: carol
                ask: {floor: 8, target: 40, ceiling: 48}
              - id: chat-sft
                category: product
                lead: erin
                ask: {floor: 8, target: 32, ceiling: 48}
              - id: big-run
                category: product
                lead: alice
                ask: {floor: 8, target: 8, ceiling: 8}
                blocks:
                  - {gpuType: H100, gpus: 24, days: 7, earliestStart: 2027-02-01, latestEnd: 2027-02-15}
                  - {gpuType: H100, gpus: 512, days: 7, earliestStart: 2027-02-01, latestEnd: 2027-02-15}
            """;

    @Test
    void aPlanOverTimeListsItsPeriodsEventsAndBlocks() {
        Lab lab = LabYaml.read(LAB, "timeline-lab.yaml");
        Plan plan = Planner.create(PlannerOptions.defaults()).plan(lab);

        String summary = PlanSummary.summary(lab, plan, 3);

        assertThat(summary).contains("Timeline: " + plan.periods().size() + " periods");
        assertThat(summary).contains("  2027-01-04 .. ");
        assertThat(summary).contains("+32 GPUs arrive in pool east-h100 on 2027-02-01");
        assertThat(summary).contains("16 GPUs of pool east-h100 are down from 2027-02-13, back on 2027-02-15");
        assertThat(plan.blocks()).hasSize(1);
        assertThat(summary)
                .contains("block of 24 H100 for 7 days for big-run: placed "
                        + plan.blocks().get(0).start() + " .. ");
        assertThat(summary).contains("block of 512 H100 for 7 days for big-run: not placed (window 2027-02-01 .. ");
    }

    @Test
    void aOnePeriodPlanWithoutBlocksHasNoTimeline() {
        String plain = LAB.replaceAll("(?s)\\n {4}events:.*?(\\n\\S)", "$1").replaceAll("(?s)\\n {4}blocks:.*", "\n");
        Lab lab = LabYaml.read(plain, "plain.yaml");
        assertThat(lab.capacityEvents()).isEmpty();
        assertThat(lab.blocks()).isEmpty();

        String summary = PlanSummary.summary(
                lab, Planner.create(PlannerOptions.defaults()).plan(lab), 3);

        assertThat(summary).doesNotContain("Timeline").doesNotContain("block of");
    }
}
