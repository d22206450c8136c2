package dev.allot.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.Problem;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlockRulesTest {
    private static final Fleet FLEET = new Fleet(Map.of("H100", 64, "A100", 32), Map.of("H100", 8, "A100", 4));
    private static final LocalDate START = LocalDate.of(2027, 1, 4);
    private static final LocalDate END = START.plusDays(56);

    @Test
    void wholeNodesOfAKnownTypeInsideTheCycleHoldEveryRule() {
        List<BlockRules.Entry> blocks = List.of(
                new BlockRules.Entry("H100", 64, 10, START, START.plusDays(20)),
                new BlockRules.Entry("A100", 4, 56, START, END));

        assertThat(BlockRules.check(blocks, FLEET, START, END, "")).isEmpty();
    }

    @Test
    void everyProblemOfEveryBlockIsNamedAtItsField() {
        List<BlockRules.Entry> blocks = List.of(
                new BlockRules.Entry("H10O", 12, 10, START, START.plusDays(20)),
                new BlockRules.Entry("H100", 12, 0, START.minusDays(1), END.plusDays(1)),
                new BlockRules.Entry("A100", null, 3, START, START.plusDays(2)));

        List<Problem> problems = BlockRules.check(blocks, FLEET, START, END, "ask.");

        assertThat(problems)
                .extracting(Problem::path)
                .containsExactly(
                        "ask.blocks[0].gpuType",
                        "ask.blocks[1].gpus",
                        "ask.blocks[1].days",
                        "ask.blocks[1].earliestStart",
                        "ask.blocks[1].latestEnd");
        assertThat(problems.get(0).hint()).isEqualTo("Maybe H100?");
        assertThat(problems.get(1).describe())
                .isEqualTo("ask.blocks[1].gpus: is not a whole number of 8-GPU nodes (value: 12). Maybe 8 or 16?");
        assertThat(problems.get(4).value()).isEqualTo("2027-03-02");
    }
}
