package dev.allot.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestTest {
    private static final List<String> TYPES = List.of("H200", "H100", "A100", "L40S");

    @Test
    void aDifferentCaseWinsOverACloserSpelling() {
        assertThat(Suggest.closest("h100", TYPES)).contains("H100");
    }

    @Test
    void aOneLetterSlipIsCorrected() {
        assertThat(Suggest.closest("H10", TYPES)).contains("H100");
        assertThat(Suggest.closest("floor", List.of("flor", "target"))).contains("flor");
    }

    @Test
    void aDifferentWordIsNotPassedOffAsATypo() {
        assertThat(Suggest.closest("B300", TYPES)).isEmpty();
        assertThat(Suggest.closest("research", List.of("exploratory", "product")))
                .isEmpty();
    }

    @Test
    void theHintListsShortVocabulariesWhenNothingIsClose() {
        assertThat(Suggest.hint("TPU", TYPES)).isEqualTo("Maybe one of H200, H100, A100, L40S?");
        assertThat(Suggest.hint("l40s", TYPES)).isEqualTo("Maybe L40S?");
    }

    @Test
    void distanceCountsEdits() {
        assertThat(Suggest.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggest.distance("", "abc")).isEqualTo(3);
        assertThat(Suggest.distance("same", "same")).isZero();
    }

    @Test
    void nearestPutsPrefixesThenSubstringsThenTyposAndStopsAtTheLimit() {
        List<String> projects = List.of("speech-asr", "vision-rl", "rl-games", "vision-rlhf", "robot-rl", "code-sft");
        assertThat(Suggest.nearest("vis", projects, 3)).hasSize(3).startsWith("vision-rl", "vision-rlhf");
        assertThat(Suggest.nearest("rl", projects, 4))
                .containsExactly("rl-games", "robot-rl", "vision-rl", "vision-rlhf");
        assertThat(Suggest.nearest("", projects, 2)).containsExactly("code-sft", "rl-games");
        assertThat(Suggest.nearest("RL-G", projects, 1)).containsExactly("rl-games");
    }
}
