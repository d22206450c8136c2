package dev.allot.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.app.Main;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.ProjectId;
import dev.allot.lab.LabYaml;
import dev.allot.store.Actor;
import dev.allot.store.Role;
import dev.allot.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The store commands against an embedded database file, as an operator runs them. */
class StoreCommandsTest {
    static final String LAB = """
            name: cli-lab
            cycle: 2027-01
            cycleStart: 2027-01-04
            gpuTypes:
              - {name: H100, speed: 1.0}
            pools:
              - {name: east-h100, cluster: east, gpuType: H100, gpus: 64, gpusPerNode: 8}
            categories:
              - {id: exploratory}
              - {id: product}
            projects:
              - id: vision-rl
                category: exploratory
                lead: alice
                ask: {floor: 8, target: 32, ceiling: 48}
                scores:
                  - {reviewer: carol, score: 8}
              - id: chat-sft
                category: product
                lead: erin
                ask: {floor: 8, target: 16, ceiling: 24}
            """;

    @TempDir
    Path folder;

    private String db;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        db = "jdbc:h2:file:" + folder.resolve("allot").toAbsolutePath();
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private String output() {
        String text = out.toString(StandardCharsets.UTF_8);
        out.reset();
        return text;
    }

    private int labCommand(Object command, String... args) {
        return new CommandLine(command).execute(args);
    }

    @Test
    void aCreatedTokenIsPrintedOnceAndAuthenticatesItsUser() {
        int code = Main.run("token", "create", "--db", db, "--user", "ada", "--role", "decider", "--label", "laptop");

        assertThat(code).isZero();
        String token = output().trim();
        try (Store store = Store.open(db, null, null)) {
            assertThat(store.tokens().authenticate(token)).contains(new Actor("ada", Role.DECIDER));
        }
        assertThat(Main.run("token", "revoke", "--db", db, token)).isZero();
        assertThat(Main.run("token", "revoke", "--db", db, token)).isEqualTo(4);
        try (Store store = Store.open(db, null, null)) {
            assertThat(store.tokens().authenticate(token)).isEmpty();
        }
    }

    @Test
    void aBackupRestoresIntoANewStoreAndNeverOverAnOldOne() throws Exception {
        Path lab = Files.writeString(folder.resolve("lab.yaml"), LAB);
        assertThat(labCommand(new LabImportCommand(), "--db", db, lab.toString()))
                .isZero();
        Path backup = folder.resolve("allot-backup.sql");

        assertThat(Main.run("store", "backup", "--db", db, backup.toString())).isZero();
        assertThat(output()).contains("Backed up");
        String restored =
                "jdbc:h2:file:" + folder.resolve("restored").resolve("allot").toAbsolutePath();
        assertThat(Main.run("store", "restore", "--db", restored, backup.toString()))
                .isZero();

        Path exported = folder.resolve("out.yaml");
        assertThat(labCommand(new LabExportCommand(), "--db", restored, "--out", exported.toString()))
                .isZero();
        assertThat(LabYaml.read(Files.readString(exported), "out.yaml")).isEqualTo(LabYaml.read(LAB, "lab.yaml"));
        assertThat(Main.run("store", "restore", "--db", db, backup.toString())).isEqualTo(5);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("already holds data");
    }

    @Test
    void aPostgresStoreIsSentToPgDump() {
        int code = Main.run("store", "backup", "--db", "jdbc:postgresql://127.0.0.1:1/allot", "x.sql");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("pg_dump");
    }

    @Test
    void tokensAreListedWithoutSecretsAndRevokedByIdOrByUser() throws Exception {
        assertThat(Main.run("token", "create", "--db", db, "--user", "ada", "--role", "decider", "--label", "laptop"))
                .isZero();
        String token = output().trim();
        assertThat(Main.run(
                        "token", "create", "--db", db, "--user", "ci", "--role", "viewer", "--expires-in-days", "0"))
                .isZero();
        output();
        try (Store serving = Store.open(db, null, null)) {
            // the store stays open here, as under a running server
            assertThat(Main.run("token", "list", "--db", db)).isZero();
            String listing = output();
            assertThat(listing).contains("ada", "decider", "laptop", "never").doesNotContain(token.substring(6));
            String id = serving.tokens().list().stream()
                    .filter(t -> t.user().equals("ada"))
                    .findFirst()
                    .orElseThrow()
                    .id();
            assertThat(listing).contains(id);

            assertThat(Main.run("token", "revoke", "--db", db, id)).isZero();

            assertThat(serving.tokens().authenticate(token)).isEmpty();
            assertThat(Main.run("token", "revoke", "--db", db, "--user", "ci")).isZero();
            assertThat(serving.tokens().list()).isEmpty();
        }
    }

    @Test
    void anUnknownRoleIsRefusedWithTheChoices() {
        int code = Main.run("token", "create", "--db", db, "--user", "ada", "--role", "boss");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--role: unknown role 'boss'. Maybe one of [admin, decider, reviewer, lead, viewer]?");
    }

    @Test
    void evidenceImportWithStoreKeepsItInTheLatestCycleAndABadFileStoresNothing() throws Exception {
        Path lab = folder.resolve("lab.yaml");
        Files.writeString(lab, LAB);
        assertThat(labCommand(new LabImportCommand(), "--db", db, lab.toString()))
                .isZero();
        Path good = folder.resolve("loss.csv");
        Files.writeString(
                good,
                "metric,direction,compute,compute_unit,value\nloss,lower,100,gpu-hours,3.1\nloss,lower,200,gpu-hours,2.9\n");
        Path bad = folder.resolve("bad.csv");
        Files.writeString(bad, "metric,compute,compute_unit,value\nacc,-1,gpu-hours,0.5\nacc,2,parsecs,0.6\n");

        int stored = Main.run("evidence", "import", good.toString(), "--project", "vision-rl", "--store", "--db", db);
        int refused = Main.run("evidence", "import", bad.toString(), "--project", "chat-sft", "--store", "--db", db);

        assertThat(stored).isZero();
        assertThat(output()).contains("Stored in project vision-rl's evidence of cycle 2027-01");
        assertThat(refused).isEqualTo(2);
        try (Store store = Store.open(db, null, null)) {
            assertThat(store.evidence().series(CycleId.of("2027-01"), ProjectId.of("vision-rl")))
                    .singleElement()
                    .satisfies(series -> assertThat(series.points()).hasSize(2));
            assertThat(store.evidence().series(CycleId.of("2027-01"), ProjectId.of("chat-sft")))
                    .isEmpty();
        }
    }

    @Test
    void onlyAnAdminMayImportALabAndARefusedImportWritesNothing() throws Exception {
        Path file = folder.resolve("lab.yaml");
        Files.writeString(file, LAB);
        assertThat(labCommand(new LabImportCommand(), "--db", db, file.toString()))
                .isZero();
        Path rewritten = folder.resolve("rewritten.yaml");
        Files.writeString(rewritten, LAB.replace("target: 32, ceiling: 48", "target: 48, ceiling: 48"));
        Lab before;
        try (Store store = Store.open(db, null, null)) {
            before = store.lab().export(CycleId.of("2027-01"));
        }

        List<Integer> refused = new ArrayList<>();
        for (String role : List.of("decider", "reviewer", "lead", "viewer")) {
            refused.add(
                    Main.run("lab", "import", "--db", db, "--as", "mallory", "--as-role", role, rewritten.toString()));
        }
        int admin = Main.run("lab", "import", "--db", db, "--as-role", "admin", rewritten.toString());

        assertThat(refused).containsOnly(6);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("Role viewer may not import a lab file")
                .contains("nothing was written");
        assertThat(admin).isZero();
        try (Store store = Store.open(db, null, null)) {
            Lab after = store.lab().export(CycleId.of("2027-01"));
            assertThat(after).isNotEqualTo(before);
            assertThat(after.asksByProject().get(ProjectId.of("vision-rl")).targetGpus())
                    .isEqualTo(48);
            assertThat(store.audit().list(null, null, 1000))
                    .noneMatch(entry -> entry.actor().equals("mallory"));
        }
    }

    @Test
    void importingTwiceChangesNothingAndExportGivesTheSameLab() throws Exception {
        Path file = folder.resolve("lab.yaml");
        Files.writeString(file, LAB);

        assertThat(labCommand(new LabImportCommand(), "--db", db, file.toString()))
                .isZero();
        assertThat(output()).contains("created, 0 updated, 0 deleted");
        assertThat(labCommand(new LabImportCommand(), "--db", db, file.toString()))
                .isZero();
        assertThat(output()).contains("0 created, 0 updated, 0 deleted");
        Path exported = folder.resolve("out.yaml");
        assertThat(labCommand(new LabExportCommand(), "--db", db, "--out", exported.toString()))
                .isZero();

        Lab original = LabYaml.read(LAB, "lab.yaml");
        assertThat(LabYaml.read(Files.readString(exported), "out.yaml")).isEqualTo(original);
    }

    @Test
    void aDeciderAssignsReviewersByHandAndRoundRobinThroughTheAssignmentsUseCase() throws Exception {
        Path file = folder.resolve("lab.yaml");
        Files.writeString(file, LAB);
        labCommand(new LabImportCommand(), "--db", db, file.toString());
        for (String user : List.of("rui", "rosa")) {
            assertThat(Main.run("token", "create", "--db", db, "--user", user, "--role", "reviewer"))
                    .isZero();
        }
        String[] decider = {"--db", db, "--as", "dana", "--as-role", "decider"};
        output();

        assertThat(Main.run(concat(
                        new String[] {"cycle", "assign", "2027-01", "--project", "vision-rl", "--reviewer", "rui"},
                        decider)))
                .isZero();
        assertThat(output()).contains("Assigned vision-rl to rui in cycle 2027-01; 1 assignment(s) in all.");
        assertThat(Main.run(concat(
                        new String[] {"cycle", "assign", "2027-01", "--round-robin", "--per-project", "2"}, decider)))
                .isZero();
        assertThat(output())
                .contains("Cycle 2027-01: 4 assignment(s)")
                .containsPattern("vision-rl +rosa")
                .containsPattern("vision-rl +rui")
                .containsPattern("chat-sft +rosa")
                .containsPattern("chat-sft +rui");
        assertThat(Main.run("cycle", "assignments", "--db", db, "2027-01", "--reviewer", "rosa"))
                .isZero();
        assertThat(output())
                .contains("Cycle 2027-01: 2 assignment(s)")
                .containsPattern("rosa +0 of +2 +0%")
                .doesNotContain("rui");

        assertThat(Main.run(
                        "cycle",
                        "assign",
                        "--db",
                        db,
                        "--as",
                        "vera",
                        "--as-role",
                        "viewer",
                        "2027-01",
                        "--project",
                        "vision-rl",
                        "--reviewer",
                        "rui"))
                .isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Role viewer may not assign projects to reviewers");
        err.reset();
        assertThat(Main.run(concat(new String[] {"cycle", "assign", "2027-01", "--reviewer", "a,b"}, decider)))
                .isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--project: missing. Maybe --project vision-rl, or --round-robin?")
                .contains("--reviewer: name exactly one reviewer (2 given)");
        err.reset();
        assertThat(Main.run(concat(
                        new String[] {"cycle", "assign", "2027-01", "--round-robin", "--per-project", "3"}, decider)))
                .isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("perProject");
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    @Test
    void aCycleIsReviewedSolvedAndPublishedOnlyByADecider() throws Exception {
        Path file = folder.resolve("lab.yaml");
        Files.writeString(file, LAB);
        labCommand(new LabImportCommand(), "--db", db, file.toString());

        assertThat(Main.run("cycle", "move", "--db", db, "2027-01", "review")).isZero();
        assertThat(Main.run("cycle", "move", "--db", db, "2027-01", "draft")).isZero();
        assertThat(Main.run("cycle", "solve", "--db", db, "2027-01")).isZero();
        assertThat(output()).contains("Draft 1 of cycle 2027-01: 2 projects");
        assertThat(Main.run("cycle", "publish", "--db", db, "2027-01")).isEqualTo(6);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("Role admin may not publish plans. Maybe ask a decider?");
        assertThat(Main.run("cycle", "publish", "--db", db, "--as", "ada", "--as-role", "decider", "2027-01"))
                .isEqualTo(5);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("approvals by distinct deciders");
        assertThat(Main.run("cycle", "approve", "--db", db, "--as", "ada", "--as-role", "decider", "2027-01"))
                .isZero();
        assertThat(Main.run("cycle", "check", "--db", db, "2027-01")).isZero();
        List<String> publish = new ArrayList<>(
                List.of("cycle", "publish", "--db", db, "--as", "ada", "--as-role", "decider", "2027-01"));
        String check = output();
        assertThat(check).contains("1 of 1 approval(s) by ada");
        check.lines()
                .filter(line -> line.startsWith("  warning "))
                .map(line -> line.substring("  warning ".length(), line.indexOf(':')))
                .forEach(code -> publish.addAll(List.of("--ack", code + "=seen in the meeting")));
        assertThat(Main.run(publish.toArray(String[]::new))).isZero();
        assertThat(Main.run("cycle", "list", "--db", db)).isZero();

        assertThat(output()).contains("2027-01").contains("published").contains("1 published version(s)");
        try (Store store = Store.open(db, null, null)) {
            assertThat(store.plans()
                            .latestPublished(CycleId.of("2027-01"))
                            .orElseThrow()
                            .createdBy())
                    .isEqualTo("ada");
        }
    }

    @Test
    void aCreatedCycleCarriesTheAsksOverWithItsDeadline() throws Exception {
        Path file = folder.resolve("lab.yaml");
        Files.writeString(file, LAB);
        labCommand(new LabImportCommand(), "--db", db, file.toString());

        assertThat(Main.run(
                        "cycle",
                        "create",
                        "--db",
                        db,
                        "2027-02",
                        "--start",
                        "2027-02-01",
                        "--ask-deadline",
                        "2027-01-25"))
                .isZero();

        assertThat(output())
                .contains("Cycle 2027-02 created (open, starts 2027-02-01, asks due 2027-01-25); 2 ask(s)"
                        + " carried over for their leads to confirm.");
        try (Store store = Store.open(db, null, null)) {
            assertThat(store.reviews().asks(CycleId.of("2027-02")))
                    .hasSize(2)
                    .allSatisfy(ask -> assertThat(ask.value().state()).isEqualTo(dev.allot.store.AskState.CARRIED));
            assertThat(store.cycles().get(CycleId.of("2027-02")).value().policy())
                    .isEqualTo(store.cycles().get(CycleId.of("2027-01")).value().policy());
        }
    }

    @Test
    void aWrongStateNamesTheChoices() {
        int code = Main.run("cycle", "move", "--db", db, "2027-01", "finished");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("STATE: 'finished' is not a cycle state."
                        + " Maybe one of [open, review, draft, published, closed]?");
    }
}
