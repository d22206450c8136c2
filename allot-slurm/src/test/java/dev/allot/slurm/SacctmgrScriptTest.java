package dev.allot.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SacctmgrScriptTest {
    private static Change.SetLimits limit(String account, long from, long to) {
        return new Change.SetLimits(
                account,
                new AccountLimits(Map.of("gres/gpu:h100", from), -1),
                new AccountLimits(Map.of("gres/gpu:h100", to), -1));
    }

    @Test
    void accountsThatGetTheSameValueShareOneModifyCommand() {
        List<Change> changes = new ArrayList<>();
        for (int index = 0; index < 300; index++) {
            changes.add(limit("project-" + index, 4, index % 2 == 0 ? 8 : 16));
        }

        SacctmgrScript script = SacctmgrScript.render(new ChangeSet("ci", changes, List.of(), List.of()));

        assertThat(script.loadFile()).isEmpty();
        assertThat(script.commands()).hasSize(2);
        assertThat(script.commands())
                .anySatisfy(command -> assertThat(command)
                        .startsWith("modify account where name=project-0,project-10,")
                        .endsWith(" cluster=ci set GrpTRES=gres/gpu:h100=8"));
        assertThat(script.commands())
                .anySatisfy(command -> assertThat(command)
                        .startsWith("modify account where name=project-1,project-101,")
                        .endsWith(" cluster=ci set GrpTRES=gres/gpu:h100=16"));
    }

    @Test
    void longNameListsAreSplitBelowSacctmgrsLineLimit() {
        TreeSet<String> names = new TreeSet<>();
        for (int index = 0; index < 1000; index++) {
            names.add("a-rather-long-project-account-name-" + index);
        }

        List<String> chunks = SacctmgrScript.chunks(names);

        assertThat(chunks).hasSizeGreaterThan(1).allMatch(chunk -> chunk.length() <= SacctmgrScript.MAX_LINE);
        assertThat(String.join(",", chunks).split(",")).containsExactlyElementsOf(names);
    }

    @Test
    void removingALimitWritesMinusOne() {
        SacctmgrScript script = SacctmgrScript.render(new ChangeSet(
                "ci",
                List.of(new Change.SetLimits("a", new AccountLimits(Map.of("gres/gpu", 4L), 0), AccountLimits.NONE)),
                List.of(),
                List.of()));

        assertThat(script.commands())
                .containsExactly("modify account where name=a cluster=ci set GrpTRES=gres/gpu=-1 GrpJobs=-1");
    }

    @Test
    void changesAreGroupedPerValueWhenThatNeedsFewerCommandsThanPerAccount() {
        List<Change.SetLimits> changes = new ArrayList<>();
        long[][] values = {{8, 8}, {8, 16}, {16, 8}, {16, 16}, {24, 8}, {24, 16}};
        for (int index = 0; index < values.length; index++) {
            changes.add(new Change.SetLimits(
                    "p" + index,
                    AccountLimits.NONE,
                    new AccountLimits(
                            Map.of("gres/gpu:h100", values[index][0], "gres/gpu:a100", values[index][1]), -1)));
        }

        Map<String, java.util.Set<String>> perValue = SacctmgrScript.limitSettings(changes);
        Map<String, java.util.Set<String>> whole = SacctmgrScript.limitSettings(changes.subList(0, 2));

        assertThat(perValue)
                .hasSize(5)
                .containsEntry("GrpTRES=gres/gpu:a100=8", new TreeSet<>(List.of("p0", "p2", "p4")));
        assertThat(whole)
                .containsOnlyKeys(
                        "GrpTRES=gres/gpu:a100=8,gres/gpu:h100=8", "GrpTRES=gres/gpu:a100=16,gres/gpu:h100=8");
    }

    @Test
    void flatFileTextLosesQuotesColonsAndControlCharacters() {
        assertThat(SacctmgrScript.flat("Vision: RL 'big'\n\"x\"|y")).isEqualTo("Vision RL big x y");
        assertThat(SacctmgrScript.flat("  ")).isEqualTo("-");
    }
}
