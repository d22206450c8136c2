package dev.allot.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.allot.core.AllotException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveStateParserTest {
    @Test
    void parsesAccountsParentsLimitsUsersAndQosFromTheGoldenDump() {
        LiveState state = LiveStateParser.parse("ci", Golden.read("live-assoc.txt"));

        assertThat(state.accounts()).containsOnlyKeys("root", "exploratory", "vision-rl", "llm.prod_2", "empty");
        LiveState.Account vision = state.accounts().get("vision-rl");
        assertThat(vision.parent()).isEqualTo("exploratory");
        assertThat(vision.limits().grpTres()).isEqualTo(Map.of("cpu", 64L, "gres/gpu", 16L, "gres/gpu:h100", 16L));
        assertThat(vision.limits().grpJobs()).isEqualTo(AccountLimits.NO_LIMIT);
        assertThat(vision.users()).containsExactly("alice", "bob");
        assertThat(vision.qos()).containsExactly("borrow", "normal");
        assertThat(state.accounts().get("llm.prod_2").limits().grpJobs()).isZero();
        assertThat(state.accounts().get("empty").limits()).isEqualTo(AccountLimits.NONE);
    }

    @Test
    void theFastReadTakesEachParentFromTheClosestEnclosingBounds() {
        // show assoc where cluster=ci wopinfo format=cluster,account,user,lft,rgt,grptres,grpjobs,qos,grptresmins,
        // users first as sacctmgr prints them; exploratory (2..9) holds vision-rl (3..6) and empty (7..8)
        String text = """
                ci|vision-rl|alice|4|5||||
                ci|root|root|10|11||||
                ci|root||1|14|||normal|
                ci|exploratory||2|9||||
                ci|vision-rl||3|6|gres/gpu=16,gres/gpu:h100=16|||gres/gpu:h100=6000
                ci|empty||7|8||0|borrow|
                ci|llm||12|13||||
                other|stray||3|6||||
                """;

        LiveState state = LiveStateParser.parseTree("ci", text);

        assertThat(state.accounts()).containsOnlyKeys("root", "exploratory", "vision-rl", "empty", "llm");
        assertThat(state.accounts().get("root").parent()).isEmpty();
        assertThat(state.accounts().get("exploratory").parent()).isEqualTo("root");
        assertThat(state.accounts().get("vision-rl").parent()).isEqualTo("exploratory");
        assertThat(state.accounts().get("empty").parent()).isEqualTo("exploratory");
        assertThat(state.accounts().get("llm").parent()).isEqualTo("root");
        LiveState.Account vision = state.accounts().get("vision-rl");
        assertThat(vision.users()).containsExactly("alice");
        assertThat(vision.limits())
                .isEqualTo(new AccountLimits(
                        Map.of("gres/gpu", 16L, "gres/gpu:h100", 16L),
                        AccountLimits.NO_LIMIT,
                        Map.of("gres/gpu:h100", 6000L)));
        assertThat(vision.qos()).as("only the account's own QOS").isEmpty();
        assertThat(state.accounts().get("empty").qos()).containsExactly("borrow");
        assertThat(state.accounts().get("empty").limits().holdsJobs()).isTrue();
    }

    @Test
    void aFastReadLineWithoutBoundsIsReported() {
        assertThatThrownBy(() -> LiveStateParser.parseTree("ci", "ci|root||1|4|||normal|\nci|a||||||normal|\n"))
                .isInstanceOf(AllotException.class)
                .hasMessageStartingWith("sacctmgr output line 2 has no lft: 'ci|a||||||normal|'.");
    }

    @Test
    void rowsOfOtherClustersAreIgnored() {
        LiveState state = LiveStateParser.parse("ci", "other|x||root|||normal\nci|y||root|||normal\n");

        assertThat(state.accounts()).containsOnlyKeys("y");
    }

    @Test
    void grpTresMinsIsReadWhenTheLineHasIt() {
        LiveState state = LiveStateParser.parse(
                "ci", "ci|a||root|gres/gpu:h100=8||normal|gres/gpu:h100=6000\nci|b||root|||normal\n");

        assertThat(state.accounts().get("a").limits().grpTresMins()).isEqualTo(Map.of("gres/gpu:h100", 6000L));
        assertThat(state.accounts().get("b").limits().grpTresMins()).isEmpty();
    }

    @Test
    void emptyOutputIsAnEmptyTree() {
        assertThat(LiveStateParser.parse("ci", "").accounts()).isEmpty();
        assertThat(LiveStateParser.parse("ci", "\n  \n").accounts()).isEmpty();
    }

    @Test
    void aLineWithTooFewFieldsIsReportedWithItsNumberAndText() {
        assertThatThrownBy(() -> LiveStateParser.parse("ci", "ci|root|||||normal\nci|broken|x\n"))
                .isInstanceOf(AllotException.class)
                .hasMessageStartingWith("sacctmgr output line 2 has 3 fields, expected 7"
                        + " (cluster,account,user,parentname,grptres,grpjobs,qos[,grptresmins]): 'ci|broken|x'.");
    }

    @Test
    void aNonNumericLimitIsReported() {
        assertThatThrownBy(() -> LiveStateParser.parse("ci", "ci|a||root|gres/gpu=lots||normal"))
                .isInstanceOf(AllotException.class)
                .hasMessageStartingWith("sacctmgr output line 1 has GrpTRES 'lots', which is not a whole number");
    }
}
