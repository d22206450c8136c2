package dev.allot.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.lab.LabYaml;
import dev.allot.store.EnforcementRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The enforcers' --cycle read from the store 'allot serve' uses: only a published plan is ever enforced. */
class EnforceCycleTest {
    private static final String DRAFT = "allot: cycle 2027-01 is a draft; enforcement applies published plans only\n";

    @TempDir
    Path folder;

    @Test
    void aDraftIsRefusedByEveryEnforcerWithExit2AndOneLine() {
        try (PublishedCycle store = new PublishedCycle(folder)) {
            for (List<String> command : List.of(
                    List.of("slurm", "diff"),
                    List.of("slurm", "apply", "--yes"),
                    List.of("slurm", "drift"),
                    List.of("kueue", "export"),
                    List.of("kueue", "diff"))) {
                CliRun run = enforce(command, "--cycle", "2027-01", "--db", store.db);

                assertThat(run.exitCode()).as("%s: %s", command, run.err()).isEqualTo(2);
                assertThat(run.err()).as("%s", command).isEqualTo(DRAFT);
                assertThat(run.out()).isEmpty();
            }
            assertThat(store.application.enforcements().list(PublishedCycle.CYCLE))
                    .isEmpty();
        }
    }

    @Test
    void anUnknownCycleAndACurrentThatIsNotPublishedAreNamed() {
        try (PublishedCycle store = new PublishedCycle(folder)) {
            CliRun unknown = CliRun.of("slurm", "drift", "--cycle", "1999-01", "--db", store.db);
            CliRun current = CliRun.of("kueue", "export", "--cycle", "current", "--db", store.db);

            assertThat(unknown.exitCode()).isEqualTo(4);
            assertThat(unknown.err()).startsWith("allot: Cycle 1999-01 does not exist.");
            assertThat(current.exitCode()).isEqualTo(4);
            assertThat(current.err())
                    .isEqualTo("allot: No cycle has a published plan (the newest, 2027-01, is draft); enforcement"
                            + " applies published plans only. Maybe publish one first?\n");
        }
    }

    @Test
    void exportOfTheCurrentCycleIsExportOfThePublishedPlanDocumentAndIsRecorded() throws Exception {
        try (PublishedCycle store = new PublishedCycle(folder)) {
            String document = store.publish();
            Path plan = Files.writeString(folder.resolve("plan.json"), document);
            Path lab = Files.writeString(
                    folder.resolve("lab.yaml"),
                    LabYaml.write(store.application.reads().lab(PublishedCycle.CYCLE)));

            CliRun fromCycle = CliRun.of("kueue", "export", "--cycle", "current", "--db", store.db);
            CliRun fromFile = CliRun.of("kueue", "export", "--lab", lab.toString(), "--plan", plan.toString());

            assertThat(fromCycle.exitCode()).as(fromCycle.err()).isZero();
            assertThat(fromCycle.err()).startsWith("Enforcing published plan v1 of cycle 2027-01 (from the store).");
            assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
            assertThat(fromCycle.out()).isEqualTo(fromFile.out()).contains("kind: \"ClusterQueue\"");
            List<EnforcementRun> runs = store.application.enforcements().list(PublishedCycle.CYCLE);
            assertThat(runs).singleElement().satisfies(run -> {
                assertThat(run.enforcer()).isEqualTo("kueue");
                assertThat(run.mode()).isEqualTo("export");
                assertThat(run.target()).isEqualTo("stdout");
                assertThat(run.planVersion()).isEqualTo(1);
                assertThat(run.changes()).isEqualTo(objects(fromCycle.out()));
                assertThat(run.ranBy()).isEqualTo(System.getProperty("user.name"));
            });
        }
    }

    @Test
    void aGpuHourBudgetThatRecordedUsageHasSpentTakesTheKueueQuotaOfItsTypeToZero() {
        try (PublishedCycle store = new PublishedCycle(folder)) {
            // 8 H100 all cycle long use 10,752 GPU-hours: the budget lets vision-rl run its floor
            store.application
                    .budgets()
                    .replace(
                            PublishedCycle.CYCLE,
                            List.of(new dev.allot.core.rules.BudgetRules.Entry("vision-rl", "H100", 11_000)),
                            PublishedCycle.DANA);
            store.application.drafts().solve(PublishedCycle.CYCLE, PublishedCycle.DANA, null);
            store.publish();
            CliRun before = CliRun.of("kueue", "export", "--cycle", "current", "--db", store.db, "--at", "2027-01-20");
            store.application
                    .usage()
                    .record(
                            List.of(new dev.allot.store.UsageDay(
                                    dev.allot.core.model.ProjectId.of("vision-rl"),
                                    dev.allot.core.model.GpuTypeId.of("H100"),
                                    java.time.LocalDate.parse("2027-01-10"),
                                    11_000)),
                            PublishedCycle.DANA);
            CliRun after = CliRun.of("kueue", "export", "--cycle", "current", "--db", store.db, "--at", "2027-01-20");

            assertThat(before.exitCode()).as(before.err()).isZero();
            assertThat(before.out()).doesNotContain("budget-spent");
            assertThat(after.exitCode()).as(after.err()).isZero();
            assertThat(after.out()).contains("allot.dev/budget-spent: \"H100\"");
            assertThat(after.out()).doesNotContain("chat-sft\" budget-spent");
            CliRun burnDown = CliRun.of("cycle", "budgets", "2027-01", "--db", store.db, "--at", "2027-01-20");
            assertThat(burnDown.exitCode()).as(burnDown.err()).isZero();
            assertThat(burnDown.out())
                    .contains("Budgets of cycle 2027-01 on 2027-01-20")
                    .contains("  project vision-rl ")
                    .contains("spent 2027-01-10  RUNS OUT");
        }
    }

    @Test
    void aPlanFileForACycleTheNamedStoreKnowsIsRecordedWithoutAVersion() throws Exception {
        try (PublishedCycle store = new PublishedCycle(folder)) {
            Path plan = Files.writeString(folder.resolve("plan.json"), store.publish());
            Path lab = Files.writeString(
                    folder.resolve("lab.yaml"),
                    LabYaml.write(store.application.reads().lab(PublishedCycle.CYCLE)));
            Path out = folder.resolve("kueue");

            CliRun unnamed = CliRun.of("kueue", "export", "--lab", lab.toString(), "--plan", plan.toString());
            CliRun named = CliRun.of(
                    "kueue",
                    "export",
                    "--lab",
                    lab.toString(),
                    "--plan",
                    plan.toString(),
                    "--out",
                    out.toString(),
                    "--db",
                    store.db);

            assertThat(unnamed.exitCode()).isZero();
            assertThat(named.exitCode()).as(named.err()).isZero();
            assertThat(store.application.enforcements().list(PublishedCycle.CYCLE))
                    .singleElement()
                    .satisfies(run -> {
                        assertThat(run.planVersion()).isNull();
                        assertThat(run.target()).isEqualTo(out.toString());
                    });
        }
    }

    @Test
    void aClusterThatCannotBeReachedIsRecordedAsAFailedRun() {
        Map<String, String> unreachable = Map.of(
                "kubernetes.master", "https://127.0.0.1:1",
                "kubernetes.auth.tryKubeConfig", "false",
                "kubernetes.auth.tryServiceAccount", "false",
                "kubernetes.request.retry.backoffLimit", "0",
                "kubernetes.connection.timeout", "2000");
        unreachable.forEach(System::setProperty);
        try (PublishedCycle store = new PublishedCycle(folder)) {
            store.publish();

            CliRun drift = CliRun.of("kueue", "drift", "--cycle", "current", "--db", store.db);

            assertThat(drift.exitCode()).isEqualTo(Cli.UNAVAILABLE);
            assertThat(store.application.enforcements().list(PublishedCycle.CYCLE))
                    .singleElement()
                    .satisfies(run -> {
                        assertThat(run.mode()).isEqualTo("drift");
                        assertThat(run.errors()).isEqualTo(1);
                        assertThat(run.drift()).isNull();
                        assertThat(run.target()).isEqualTo("https://127.0.0.1:1/");
                        assertThat(run.detail()).startsWith("Cannot reach the Kubernetes API server");
                    });
        } finally {
            unreachable.keySet().forEach(System::clearProperty);
        }
    }

    @Test
    void aCycleAndAPlanFileTogetherAreRefused() throws Exception {
        try (PublishedCycle store = new PublishedCycle(folder)) {
            Path plan = Files.writeString(folder.resolve("plan.json"), store.publish());

            CliRun both = CliRun.of("slurm", "diff", "--cycle", "current", "--plan", plan.toString(), "--db", store.db);

            assertThat(both.exitCode()).isEqualTo(2);
            assertThat(both.err()).startsWith("allot: Flags --cycle and --plan both given (value: --cycle current).");
        }
    }

    private static CliRun enforce(List<String> command, String... flags) {
        List<String> args = new java.util.ArrayList<>(command);
        args.addAll(List.of(flags));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** YAML documents in an export: one per object. */
    private static int objects(String yaml) {
        return (int) yaml.lines().filter(line -> line.startsWith("kind: ")).count();
    }
}
