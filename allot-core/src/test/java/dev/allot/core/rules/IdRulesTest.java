package dev.allot.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.Problem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdRulesTest {
    @ParameterizedTest(name = "''{0}'' valid: {1}")
    @CsvSource({
        "vision-rl, true",
        "a, true",
        "7b-sft, true",
        "Vision-RL, false",
        "code_sft, false",
        "code.sft, false",
        "-leading, false",
        "trailing-, false",
        "'', false",
    })
    void projectIdsAreKubernetesNamespaceNames(String id, boolean valid) {
        assertThat(IdRules.projectId(id)).extracting(Problem::code).hasSize(valid ? 0 : 1);
    }

    @org.junit.jupiter.api.Test
    void sixtyThreeCharactersFitAndSixtyFourDoNot() {
        assertThat(IdRules.projectId("a".repeat(63))).isEmpty();
        assertThat(IdRules.projectId("a".repeat(64)))
                .extracting(Problem::code, Problem::hint)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("project-id-syntax", "Maybe " + "a".repeat(63) + "?"));
    }

    @org.junit.jupiter.api.Test
    void aTypedProjectMustBeKnownAndARefusalNamesTheClosestIds() {
        java.util.List<String> known = java.util.List.of("vision-rl", "vision-rlhf", "speech-asr", "code-sft");
        assertThat(IdRules.knownProject("vision-rl", known)).isEmpty();
        assertThat(IdRules.knownProject("vison-rl", known))
                .extracting(Problem::code, Problem::path, Problem::value, Problem::reason, Problem::hint)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "unknown-project",
                        "project",
                        "vison-rl",
                        "is not a project of the lab",
                        "Maybe vision-rl, vision-rlhf or code-sft?"));
        assertThat(IdRules.knownProject("", known))
                .extracting(Problem::reason)
                .containsExactly("is empty: a project id is needed");
    }
}
