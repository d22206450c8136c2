package dev.allot.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.allot.core.AllotException;
import dev.allot.core.model.GpuTypeId;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlurmCompilerTest {
    private static final LocalDate DAY = LocalDate.parse("2026-12-01");
    private static final SlurmConfig CONFIG = SlurmConfig.defaults("ci");

    private static PlanFixture lab() {
        return PlanFixture.plan("H100", "A100")
                .project("vision-rl", "exploratory")
                .members("alice", "bob")
                .lead("alice")
                .grant("H100", 16)
                .project("llm-prod", "product")
                .members("carol")
                .grant("H100", 8)
                .grant("A100", 32)
                .project("evals", "safety")
                .grant("A100", 8);
    }

    private static DesiredState compile(PlanFixture fixture, SlurmConfig config, LocalDate day) {
        return SlurmCompiler.compile(fixture.build(), fixture.lab(), config, day);
    }

    @Test
    void everyProjectGetsAnAccountUnderItsCategoryWithPerTypeAndOverallCaps() {
        DesiredState state = compile(lab(), CONFIG, DAY);

        assertThat(state.accounts())
                .extracting(DesiredAccount::name)
                .containsExactly("exploratory", "product", "safety", "vision-rl", "llm-prod", "evals");
        DesiredAccount llm = state.byName().get("llm-prod");
        assertThat(llm.parent()).isEqualTo("product");
        assertThat(llm.limits().grpTres())
                .isEqualTo(Map.of("gres/gpu", 40L, "gres/gpu:a100", 32L, "gres/gpu:h100", 8L));
        assertThat(llm.limits().grpJobs()).isEqualTo(AccountLimits.NO_LIMIT);
        assertThat(state.byName().get("vision-rl").limits().tres("gres/gpu:a100"))
                .isZero();
        assertThat(state.byName().get("exploratory").limits()).isEqualTo(AccountLimits.NONE);
        assertThat(state.managedTres()).containsExactlyInAnyOrder("gres/gpu", "gres/gpu:h100", "gres/gpu:a100");
    }

    @Test
    void membersLeadAndExtraUsersBecomeUsersOfTheProjectAccount() {
        DesiredState state = compile(lab(), CONFIG.withExtraUsers(List.of("root")), DAY);

        assertThat(state.byName().get("vision-rl").users()).containsExactly("alice", "bob", "root");
        assertThat(state.byName().get("evals").users()).containsExactly("root");
        assertThat(state.byName().get("safety").users()).isEmpty();
    }

    @Test
    void configurableNamesParentPrefixesAndSlurmGpuTypeNames() {
        SlurmConfig config = CONFIG.withParentAccount("allot")
                .withPrefixes("cat-", "p-")
                .withGpuTypeNames(Map.of(GpuTypeId.of("H100"), "nvidia_h100"))
                .withOverallGpuCap(false);

        DesiredState state = compile(lab(), config, DAY);

        assertThat(state.accounts().get(0))
                .extracting(DesiredAccount::name, DesiredAccount::parent)
                .containsExactly("allot", "root");
        assertThat(state.byName().get("cat-product").parent()).isEqualTo("allot");
        assertThat(state.byName().get("p-llm-prod").parent()).isEqualTo("cat-product");
        assertThat(state.byName().get("p-llm-prod").limits().grpTres())
                .containsOnlyKeys("gres/gpu:nvidia_h100", "gres/gpu:a100");
    }

    @Test
    void aShrinkKeepsTheOldLimitUntilItsYieldDateAndDropsOnThatDate() {
        PlanFixture fixture = PlanFixture.plan("H100")
                .project("vision-rl", "exploratory")
                .previous("H100", 16)
                .grant("H100", 8)
                .yieldBy("2026-12-15");

        DesiredAccount before =
                compile(fixture, CONFIG, LocalDate.parse("2026-12-14")).byName().get("vision-rl");
        DesiredAccount on =
                compile(fixture, CONFIG, LocalDate.parse("2026-12-15")).byName().get("vision-rl");

        assertThat(before.limits().tres("gres/gpu:h100")).isEqualTo(16);
        assertThat(before.pending()).hasValueSatisfying(dated -> {
            assertThat(dated.on()).isEqualTo(LocalDate.parse("2026-12-15"));
            assertThat(dated.limits().tres("gres/gpu:h100")).isEqualTo(8);
        });
        assertThat(on.limits().tres("gres/gpu:h100")).isEqualTo(8);
        assertThat(on.pending()).isEmpty();
    }

    @Test
    void aKillIsZeroGpusPlusAHoldOnNewJobs() {
        PlanFixture fixture =
                PlanFixture.plan("H100").project("old-idea", "exploratory").previous("H100", 8);

        DesiredAccount killed = compile(fixture, CONFIG, DAY).byName().get("old-idea");

        assertThat(killed.limits().grpTres()).containsOnly(Map.entry("gres/gpu", 0L), Map.entry("gres/gpu:h100", 0L));
        assertThat(killed.limits().holdsJobs()).isTrue();
    }

    @Test
    void aDatedKillKeepsTheOldLimitAndNoHoldUntilTheDate() {
        PlanFixture fixture = PlanFixture.plan("H100")
                .project("old-idea", "exploratory")
                .previous("H100", 8)
                .yieldBy("2026-12-20");

        DesiredAccount account = compile(fixture, CONFIG, DAY).byName().get("old-idea");

        assertThat(account.limits().tres("gres/gpu:h100")).isEqualTo(8);
        assertThat(account.limits().holdsJobs()).isFalse();
        assertThat(account.pending()).hasValueSatisfying(dated -> {
            assertThat(dated.reason()).isEqualTo("kill");
            assertThat(dated.limits().holdsJobs()).isTrue();
        });
    }

    @Test
    void oddProjectIdsBecomeValidLowerCaseAccountNames() {
        PlanFixture fixture =
                PlanFixture.plan("H100").project("Vision RL/β", "Exploratory").grant("H100", 8);

        DesiredState state = compile(fixture, CONFIG, DAY);

        assertThat(state.byName()).containsKeys("exploratory", "vision-rl-");
        assertThat(state.byName().get("vision-rl-").parent()).isEqualTo("exploratory");
    }

    @Test
    void twoProjectsThatMapToOneAccountAreRejectedWithBothNames() {
        PlanFixture fixture =
                PlanFixture.plan("H100").project("vision rl", "exploratory").project("Vision-RL", "exploratory");

        assertThatThrownBy(() -> compile(fixture, CONFIG, DAY))
                .isInstanceOf(AllotException.class)
                .hasMessage("Slurm account 'vision-rl' would be used by both project vision rl and project Vision-RL"
                        + " (Slurm lower-cases names and replaces characters outside [a-z0-9._-] with '-'). Maybe"
                        + " rename one, or set a project account prefix?");
    }

    @Test
    void aMemberNameSlurmCannotHoldIsRejectedNamingTheProject() {
        PlanFixture fixture =
                PlanFixture.plan("H100").project("vision-rl", "exploratory").members("bob smith");

        assertThatThrownBy(() -> compile(fixture, CONFIG, DAY))
                .isInstanceOf(AllotException.class)
                .hasMessage("projects[vision-rl].members: 'bob smith' is not a valid Slurm user name (letters,"
                        + " digits, '.', '_', '-', starting with a letter). Maybe use the login name?");
    }

    @Test
    void aBadClusterNameIsRejectedNamingTheField() {
        assertThatThrownBy(() -> SlurmConfig.defaults("My Cluster"))
                .isInstanceOf(AllotException.class)
                .hasMessage("cluster: 'My Cluster' is not a valid Slurm name (lower-case letters, digits, '.', '_',"
                        + " '-'). Maybe use the ClusterName from slurm.conf?");
    }
}
