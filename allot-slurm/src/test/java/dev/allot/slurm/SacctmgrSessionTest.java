package dev.allot.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apply through one sacctmgr session, and back to one process per batch when the session does not answer as one
 * should. A shell script plays sacctmgr (src/test/resources/fake-slurm): a cluster with only root, which gains
 * account p1 once {@code add account p1} has run.
 */
class SacctmgrSessionTest {
    @TempDir
    Path tools;

    private SlurmCli cli() throws IOException {
        for (String tool : List.of("sacctmgr", "scontrol")) {
            try (InputStream script = getClass().getResourceAsStream("/fake-slurm/" + tool)) {
                Path file = tools.resolve(tool);
                Files.copy(script, file);
                file.toFile().setExecutable(true);
            }
        }
        return new SlurmCli(
                Duration.ofSeconds(20),
                Map.of("FAKE_SLURM_STATE", tools.toString()),
                tools.toString(),
                Duration.ofMillis(500));
    }

    private static DesiredState oneNewAccount() {
        DesiredAccount p1 = new DesiredAccount(
                "p1",
                "root",
                "p1",
                new AccountLimits(Map.of("gres/gpu", 8L), AccountLimits.NO_LIMIT),
                new TreeSet<>(),
                new TreeSet<>(),
                true,
                Optional.empty());
        return new DesiredState("ci", LocalDate.parse("2026-12-01"), List.of(p1), Set.of("gres/gpu"));
    }

    private List<String> sacctmgrProcesses() throws IOException {
        return Files.readAllLines(tools.resolve("calls"));
    }

    @Test
    void aSessionAnswersEachBatchAndEndsWithTheExitCodeOfTheLast() throws IOException {
        SacctmgrSession session = cli().openSession().orElseThrow();

        String tres = session.ask(List.of("show tres format=type,name")).orElseThrow();
        Optional<String> refused = session.ask(List.of("show nonsense"));
        SlurmCli.Result last = session.finish(List.of("show assoc where cluster=ci wopinfo format=x"));

        assertThat(tres).isEqualTo("sacctmgr: show tres format=type,name\ngres|gpu\n");
        assertThat(refused).as("a command that wrote to stderr").isEmpty();
        assertThat(SessionOutput.parse(last.stdout(), 1).text(0))
                .isEqualTo("ci|root||1|10||||\nci|root|root|2|3||||\n");
        assertThat(sacctmgrProcesses()).containsExactly("-i -n -P");
    }

    @Test
    void applyReadsAndWritesInOneSacctmgrProcess() throws IOException {
        ApplyResult result = new SlurmEnforcer(cli()).apply(oneNewAccount());

        assertThat(result.errors()).isEmpty();
        assertThat(result.accounts()).containsExactly(Map.entry("p1", ApplyResult.AccountState.APPLIED));
        assertThat(sacctmgrProcesses()).hasSize(1);
    }

    @Test
    void applyReadsOnlyWhatTheDiffNeedsAndReadsBackOnlyTheTree() throws IOException {
        SlurmEnforcer enforcer = new SlurmEnforcer(cli());

        enforcer.apply(oneNewAccount());
        List<String> first = Files.readAllLines(tools.resolve("commands"));
        ApplyResult again = enforcer.apply(oneNewAccount());
        List<String> both = Files.readAllLines(tools.resolve("commands"));

        assertThat(first.stream().filter(command -> !command.equals(SacctmgrSession.MARKER)))
                .as("the tree; the TRES, since something differs; the change; the tree read back")
                .satisfiesExactly(
                        tree -> assertThat(tree).startsWith("show assoc where cluster=ci wopinfo format="),
                        tres -> assertThat(tres).isEqualTo("show tres format=type,name"),
                        add -> assertThat(add).startsWith("add account p1 "),
                        back -> assertThat(back).startsWith("show assoc where cluster=ci wopinfo format="));
        assertThat(again.planned().isEmpty()).isTrue();
        assertThat(both.subList(first.size(), both.size()).stream()
                        .filter(command -> !command.equals(SacctmgrSession.MARKER)))
                .as("an unchanged plan: the tree alone")
                .singleElement()
                .satisfies(tree -> assertThat(tree).startsWith("show assoc where cluster=ci wopinfo format="));
    }

    @Test
    void aSlurmThatRefusesTheTreeBoundsIsAskedForThemOnceAndThenReadWithParentInformation() throws IOException {
        Files.createFile(tools.resolve("old"));

        ApplyResult result = new SlurmEnforcer(cli()).apply(oneNewAccount());

        assertThat(result.errors()).isEmpty();
        assertThat(result.accounts()).containsExactly(Map.entry("p1", ApplyResult.AccountState.APPLIED));
        List<String> commands = Files.readAllLines(tools.resolve("commands"));
        assertThat(commands.stream().filter(command -> command.contains("lft"))).hasSize(1);
        assertThat(commands.stream().filter(command -> command.contains("parentname")))
                .as("the read before and the read back")
                .hasSize(2);
    }

    @Test
    void aSacctmgrThatAnswersOnlyAtTheEndOfItsInputIsRunOncePerBatch() throws IOException {
        SlurmCli cli = cli();
        Files.createFile(tools.resolve("buffered"));

        long start = System.nanoTime();
        Optional<SacctmgrSession> session = cli.openSession();
        Duration handshake = Duration.ofNanos(System.nanoTime() - start);
        ApplyResult result = new SlurmEnforcer(cli).apply(oneNewAccount());

        assertThat(session).isEmpty();
        assertThat(handshake).isLessThan(Duration.ofSeconds(5));
        assertThat(result.errors()).isEmpty();
        assertThat(result.accounts()).containsExactly(Map.entry("p1", ApplyResult.AccountState.APPLIED));
        assertThat(result.notApplied()).isEmpty();
        // the session tried above, the one apply tried, then as processes of their own: the tree, the tracked TRES
        // (read because something differs), and the writes
        assertThat(sacctmgrProcesses()).hasSize(5);
    }
}
