package dev.allot.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** 290 accounts that each get a different H100 cap, as in a new cycle; their parents go into {@code parents}. */
    private static List<Change> redrawn(Map<String, String> parents, java.util.function.IntFunction<String> parentOf) {
        List<Change> changes = new ArrayList<>();
        for (int index = 0; index < 290; index++) {
            changes.add(limit("project-" + index, 4, 8 + index));
            parents.put("project-" + index, parentOf.apply(index));
        }
        return changes;
    }

    @Test
    void manyDifferentLimitChangesGoIntoOneLoadFileThatNamesEachAccountsParent() {
        Map<String, String> parents = new java.util.TreeMap<>();
        List<Change> changes = redrawn(parents, index -> index % 2 == 0 ? "exploratory" : "product");
        changes.add(new Change.SetLimits(
                "project-kill",
                new AccountLimits(Map.of("gres/gpu", 4L), -1, Map.of("gres/gpu", 600L)),
                new AccountLimits(Map.of(), 0, Map.of())));
        parents.put("project-kill", "product");

        SacctmgrScript script =
                SacctmgrScript.render(new ChangeSet("ci", changes, List.of(), Map.of(), List.of(), parents));

        assertThat(script.commands()).containsExactly(SacctmgrScript.LOAD);
        assertThat(script.steps().get(0).accounts()).hasSize(291).contains("project-0", "project-kill");
        assertThat(script.loadFile())
                .startsWith("Cluster - 'ci'\nParent - 'exploratory'\nAccount - 'project-0':GrpTRES='gres/gpu:h100=8'\n")
                .contains("Parent - 'product'\nAccount - 'project-1':GrpTRES='gres/gpu:h100=9'\n")
                .contains("Account - 'project-kill':GrpTRES='gres/gpu=-1':GrpJobs=0:GrpTRESMins='gres/gpu=-1'\n")
                .doesNotContain("Description");
    }

    @Test
    void fewDifferentLimitChangesOrParentMovesKeepTheModifyCommands() {
        Map<String, String> parents = new java.util.TreeMap<>();
        List<Change> changes = redrawn(parents, index -> "exploratory");
        List<Change> few = changes.subList(0, SacctmgrScript.MAX_LIMIT_COMMANDS);
        List<Change> moving = new ArrayList<>(changes);
        moving.add(new Change.SetParent("project-0", "exploratory", "product"));

        SacctmgrScript fewScript =
                SacctmgrScript.render(new ChangeSet("ci", few, List.of(), Map.of(), List.of(), parents));
        SacctmgrScript movingScript =
                SacctmgrScript.render(new ChangeSet("ci", moving, List.of(), Map.of(), List.of(), parents));
        SacctmgrScript withoutParents = SacctmgrScript.render(new ChangeSet("ci", changes, List.of(), List.of()));

        assertThat(fewScript.loadFile()).isEmpty();
        assertThat(fewScript.commands()).hasSize(SacctmgrScript.MAX_LIMIT_COMMANDS);
        assertThat(movingScript.loadFile()).isEmpty();
        assertThat(movingScript.commands()).hasSize(291);
        assertThat(withoutParents.commands()).hasSize(290).allMatch(command -> command.startsWith("modify account"));
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
    void eachAccountChangesInOneCommandAndLoweringsRunBeforeNewAccountsAndRaises() {
        DesiredAccount added = new DesiredAccount(
                "new-one",
                "root",
                "new",
                new AccountLimits(Map.of("gres/gpu:h100", 8L), -1),
                new TreeSet<>(),
                new TreeSet<>(),
                true,
                java.util.Optional.empty());
        List<Change> changes = List.of(
                new Change.SetLimits(
                        "raised",
                        new AccountLimits(Map.of("gres/gpu:h100", 8L, "gres/gpu:a100", 8L), -1),
                        new AccountLimits(Map.of("gres/gpu:h100", 16L, "gres/gpu:a100", 16L), -1)),
                new Change.AddAccount(added),
                new Change.SetLimits(
                        "moved",
                        new AccountLimits(Map.of("gres/gpu:h100", 16L, "gres/gpu:a100", 0L), -1),
                        new AccountLimits(Map.of("gres/gpu:h100", 0L, "gres/gpu:a100", 8L), -1)),
                new Change.SetLimits(
                        "lowered",
                        new AccountLimits(Map.of("gres/gpu:h100", 16L, "gres/gpu:a100", 16L), -1),
                        new AccountLimits(Map.of("gres/gpu:h100", 8L, "gres/gpu:a100", 8L), 0)));

        SacctmgrScript script = SacctmgrScript.render(new ChangeSet("ci", changes, List.of(), List.of()));

        assertThat(script.commands())
                .containsExactly(
                        "modify account where name=lowered cluster=ci set"
                                + " GrpTRES=gres/gpu:a100=8,gres/gpu:h100=8 GrpJobs=0",
                        "add account new-one parent=root cluster=ci Description='new' Organization=allot"
                                + " GrpTRES=gres/gpu:h100=8",
                        "modify account where name=moved cluster=ci set GrpTRES=gres/gpu:a100=8,gres/gpu:h100=0",
                        "modify account where name=raised cluster=ci set GrpTRES=gres/gpu:a100=16,gres/gpu:h100=16");
        assertThat(script.steps().get(1).accounts()).containsExactly("new-one");
        assertThat(script.loadFile()).as("a few new accounts need no load").isEmpty();
    }

    @Test
    void moreNewAccountsThanAFewGoIntoOneLoadWithTheirUsers() {
        List<Change> changes = new java.util.ArrayList<>();
        for (int index = 1; index <= SacctmgrScript.MAX_ADDED_BY_COMMANDS + 1; index++) {
            changes.add(new Change.AddAccount(new DesiredAccount(
                    "p" + index,
                    "root",
                    "p",
                    AccountLimits.NONE,
                    new TreeSet<>(List.of("u" + index)),
                    new TreeSet<>(),
                    true,
                    java.util.Optional.empty())));
        }

        SacctmgrScript many = SacctmgrScript.render(new ChangeSet("ci", changes, List.of(), List.of()));
        SacctmgrScript few = SacctmgrScript.render(new ChangeSet("ci", changes.subList(0, 1), List.of(), List.of()));

        assertThat(many.commands()).containsExactly(SacctmgrScript.LOAD);
        assertThat(many.loadFile()).contains("Parent - 'p4'\nUser - 'u4'\n");
        assertThat(few.commands())
                .containsExactly(
                        "add account p1 parent=root cluster=ci Description='p' Organization=allot",
                        "add user u1 account=p1 cluster=ci");
    }

    private static Change withUser(Change add, String user) {
        DesiredAccount account = ((Change.AddAccount) add).desired();
        return new Change.AddAccount(new DesiredAccount(
                account.name(),
                account.parent(),
                account.description(),
                account.limits(),
                new TreeSet<>(Set.of(user)),
                new TreeSet<>(),
                true,
                java.util.Optional.empty()));
    }

    private static Change account(String name, String parent) {
        return new Change.AddAccount(new DesiredAccount(
                name,
                parent,
                name,
                AccountLimits.NONE,
                new TreeSet<>(),
                new TreeSet<>(),
                true,
                java.util.Optional.empty()));
    }

    @Test
    void newAccountsAreLoadedTogetherWithTheirSiblingsAndAfterTheirParent() {
        // the plan's order alternates categories; slurmdbd moves the whole tree once per run of siblings
        List<Change> changes = List.of(
                account("cat-a", "root"),
                account("cat-b", "root"),
                account("p1", "cat-a"),
                account("p2", "cat-b"),
                account("p3", "cat-a"),
                account("p4", "cat-b"),
                account("p5", "existing"));

        SacctmgrScript script = SacctmgrScript.render(new ChangeSet("ci", changes, List.of(), List.of()));

        assertThat(script.loadFile().lines().filter(line -> !line.startsWith("Cluster")))
                .map(line -> line.replaceAll(":Description.*", ""))
                .containsExactly(
                        "Parent - 'root'",
                        "Account - 'cat-a'",
                        "Account - 'cat-b'",
                        "Parent - 'cat-a'",
                        "Account - 'p1'",
                        "Account - 'p3'",
                        "Parent - 'cat-b'",
                        "Account - 'p2'",
                        "Account - 'p4'",
                        "Parent - 'existing'",
                        "Account - 'p5'");
    }

    @Test
    void newUsersAreLoadedInTheOrderTheirAccountsWillHaveInTheTree() {
        List<Change> changes = List.of(
                account("cat-a", "root"),
                account("cat-b", "root"),
                withUser(account("p1", "cat-a"), "u1"),
                withUser(account("p2", "cat-b"), "u2"),
                withUser(account("p3", "cat-a"), "u3"),
                new Change.AddUsers("existing", Set.of("u0")),
                withUser(account("p4", "cat-b"), "u4"));

        SacctmgrScript script = SacctmgrScript.render(new ChangeSet("ci", changes, List.of(), List.of()));

        assertThat(script.loadFile().lines().filter(line -> line.startsWith("User")))
                .containsExactly("User - 'u1'", "User - 'u3'", "User - 'u2'", "User - 'u4'", "User - 'u0'");
    }

    @Test
    void aSessionsOutputIsSplitPerCommandAndUnreachedCommandsAreKnown() {
        String stdout = """
                sacctmgr: show cluster format=cluster
                ci
                sacctmgr: modify account where name=a cluster=ci set GrpTRES=gres/gpu=5
                 Modified account associations...
                  C = ci         A = a of root
                sacctmgr: modify account where name=b cluster=ci set GrpTRES=gres/gpu:zzz=5
                sacctmgr:\s
                """;

        SessionOutput output = SessionOutput.parse(stdout, 4);

        assertThat(output.text(0)).isEqualTo("ci\n");
        assertThat(output.text(1)).contains("A = a of root");
        assertThat(output.reached(2)).isTrue();
        assertThat(output.text(2)).isEqualTo("\n");
        assertThat(output.reached(3)).as("the closing prompt is no command").isFalse();
    }

    @Test
    void flatFileTextLosesQuotesColonsAndControlCharacters() {
        assertThat(SacctmgrScript.flat("Vision: RL 'big'\n\"x\"|y")).isEqualTo("Vision RL big x y");
        assertThat(SacctmgrScript.flat("  ")).isEqualTo("-");
    }
}
