package dev.allot.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.allot.core.AllotException;
import dev.allot.core.model.GpuTypeId;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Reserved blocks as Slurm reservations: compiled, parsed, compared and rendered as scontrol commands. */
class ReservationTest {
    private static final LocalDate DAY = LocalDate.parse("2026-12-01");
    private static final SlurmConfig CONFIG = SlurmConfig.defaults("ci");

    /** What {@code scontrol -o show reservation} printed on the test cluster (Slurm 22.05). */
    private static final String SHOWN = "ReservationName=allot-2026-12-vision-rl-1 StartTime=2027-01-10T00:00:00"
            + " EndTime=2027-01-20T00:00:00 Duration=10-00:00:00 Nodes=node[1-2] NodeCnt=2 CoreCnt=64"
            + " Features=(null) PartitionName=gpu Flags=IGNORE_JOBS TRES=cpu=64 Users=(null) Groups=(null)"
            + " Accounts=vision-rl Licenses=(null) State=INACTIVE BurstBuffer=(null) Watts=n/a"
            + " MaxStartDelay=(null)\n";

    private static PlanFixture withBlock() {
        return PlanFixture.plan("H100", "A100")
                .project("vision-rl", "exploratory")
                .grant("H100", 8)
                .block("H100", 12, "2027-01-10", "2027-01-20")
                .project("llm-prod", "product")
                .grant("A100", 8);
    }

    private static DesiredState desired(PlanFixture fixture, SlurmConfig config, LocalDate asOf) {
        return SlurmCompiler.compile(fixture.build(), fixture.lab(), config, asOf);
    }

    private static LiveState live(String scontrolText) {
        return LiveState.empty("ci").withReservations(ReservationParser.parse(scontrolText));
    }

    private static List<Change> reservationChanges(ChangeSet changes) {
        return changes.changes().stream()
                .filter(Change.ReservationChange.class::isInstance)
                .toList();
    }

    @Test
    void aBlockBecomesAReservationOfWholeNodesForTheProjectsAccount() {
        DesiredState desired = desired(withBlock(), CONFIG, DAY);

        assertThat(desired.reservations()).singleElement().satisfies(reservation -> {
            assertThat(reservation.name()).isEqualTo("allot-2026-12-vision-rl-1");
            assertThat(reservation.account()).isEqualTo("vision-rl");
            assertThat(reservation.nodes())
                    .as("12 GPUs on nodes of 8: 2 whole nodes")
                    .isEqualTo(2);
            assertThat(reservation.start()).isEqualTo(LocalDateTime.parse("2027-01-10T00:00"));
            assertThat(reservation.end()).isEqualTo(LocalDateTime.parse("2027-01-20T00:00"));
            assertThat(reservation.started()).isFalse();
        });
        assertThat(desired.ownsReservation("allot-2026-12-other-2")).isTrue();
        assertThat(desired.ownsReservation("allot-2026-11-vision-rl-1")).isFalse();
        assertThat(desired.ownsReservation("maint-january")).isFalse();
    }

    @Test
    void aMissingReservationIsCreatedWithOneScontrolCommand() {
        ChangeSet changes = SlurmDiffer.diff(desired(withBlock(), CONFIG, DAY), LiveState.empty("ci"));

        assertThat(reservationChanges(changes))
                .singleElement()
                .extracting(Change::describe)
                .isEqualTo("+ reservation allot-2026-12-vision-rl-1: account vision-rl, 2 node(s) (block of 12 H100,"
                        + " 8 per node), 2027-01-10T00:00 .. 2027-01-20T00:00");
        assertThat(ReservationScript.render(changes).toText())
                .isEqualTo("# scontrol, one process per command:\n"
                        + "scontrol create reservation ReservationName=allot-2026-12-vision-rl-1 Accounts=vision-rl"
                        + " StartTime=2027-01-10T00:00:00 EndTime=2027-01-20T00:00:00 NodeCnt=2"
                        + " Flags=IGNORE_JOBS\n");
        assertThat(SacctmgrScript.render(changes).commands())
                .as("sacctmgr never sees a reservation")
                .noneMatch(command -> command.contains("reservation"));
        assertThat(ChangeSummary.of(changes)).endsWith("; 1 reservation(s): 1 create, 0 update, 0 delete");
    }

    @Test
    void aReservationThatMatchesItsBlockIsLeftAlone() {
        ChangeSet changes = SlurmDiffer.diff(desired(withBlock(), CONFIG, DAY), live(SHOWN));

        assertThat(reservationChanges(changes)).isEmpty();
    }

    @Test
    void aChangedBlockOrAHandEditUpdatesOnlyWhatDiffers() {
        PlanFixture moved = PlanFixture.plan("H100", "A100")
                .project("vision-rl", "exploratory")
                .grant("H100", 8)
                .block("H100", 24, "2027-01-12", "2027-01-20");
        String edited = SHOWN.replace("Accounts=vision-rl", "Accounts=vision-rl,intruder");

        ChangeSet changes = SlurmDiffer.diff(desired(moved, CONFIG, DAY), live(edited));

        assertThat(reservationChanges(changes)).singleElement().satisfies(change -> {
            assertThat(change.describe())
                    .isEqualTo("~ reservation allot-2026-12-vision-rl-1: accounts intruder,vision-rl -> vision-rl,"
                            + " nodes 2 -> 3, start 2027-01-10T00:00 -> 2027-01-12T00:00 (block of 24 H100, 8 per"
                            + " node)");
        });
        assertThat(ReservationScript.render(changes).steps())
                .singleElement()
                .extracting(ReservationScript.Step::command)
                .isEqualTo("scontrol update ReservationName=allot-2026-12-vision-rl-1 Accounts=vision-rl NodeCnt=3"
                        + " StartTime=2027-01-12T00:00:00");
    }

    @Test
    void aReservationOfAllotsWithoutABlockIsDeletedAndOthersAreNeverTouched() {
        String others = SHOWN
                + SHOWN.replace("allot-2026-12-vision-rl-1", "maint-january")
                + SHOWN.replace("allot-2026-12-vision-rl-1", "allot-2026-11-vision-rl-1");
        PlanFixture noBlock = PlanFixture.plan("H100", "A100")
                .project("vision-rl", "exploratory")
                .grant("H100", 8);

        ChangeSet changes = SlurmDiffer.diff(desired(noBlock, CONFIG, DAY), live(others));

        assertThat(reservationChanges(changes))
                .singleElement()
                .isInstanceOf(Change.DeleteReservation.class)
                .extracting(Change::describe)
                .isEqualTo("- reservation allot-2026-12-vision-rl-1 (accounts vision-rl, 2 node(s), 2027-01-10T00:00"
                        + " .. 2027-01-20T00:00): no block of the plan");
        assertThat(ReservationScript.render(changes).toText())
                .contains("scontrol delete ReservationName=allot-2026-12-vision-rl-1\n")
                .doesNotContain("maint-january")
                .doesNotContain("2026-11");
    }

    @Test
    void deletionsRunBeforeUpdatesAndCreations() {
        PlanFixture two = PlanFixture.plan("H100", "A100")
                .project("vision-rl", "exploratory")
                .block("H100", 8, "2027-01-12", "2027-01-20")
                .project("llm-prod", "product")
                .block("A100", 8, "2027-01-02", "2027-01-05");
        String shown = SHOWN + SHOWN.replace("allot-2026-12-vision-rl-1", "allot-2026-12-gone-1");

        List<String> commands =
                ReservationScript.render(SlurmDiffer.diff(desired(two, CONFIG, DAY), live(shown))).steps().stream()
                        .map(step -> step.arguments().get(0))
                        .toList();

        assertThat(commands).containsExactly("delete", "update", "create");
    }

    @Test
    void aStartedBlockIsCreatedFromNowAndItsStartIsNotCompared() {
        LocalDate during = LocalDate.parse("2027-01-15");
        DesiredState desired = desired(withBlock(), CONFIG, during);

        assertThat(desired.reservations())
                .singleElement()
                .satisfies(reservation -> assertThat(reservation.started()).isTrue());
        assertThat(ReservationScript.render(SlurmDiffer.diff(desired, LiveState.empty("ci")))
                        .toText())
                .contains("StartTime=now EndTime=2027-01-20T00:00:00");
        String active = SHOWN.replace("StartTime=2027-01-10T00:00:00", "StartTime=2027-01-15T09:30:00")
                .replace("State=INACTIVE", "State=ACTIVE");
        assertThat(reservationChanges(SlurmDiffer.diff(desired, live(active)))).isEmpty();
    }

    @Test
    void anEndedBlockHasNoReservationButKeepsItsNumberForTheNextOne() {
        PlanFixture two = PlanFixture.plan("H100", "A100")
                .project("vision-rl", "exploratory")
                .block("H100", 8, "2026-11-20", "2026-11-25")
                .block("H100", 8, "2027-01-12", "2027-01-20");

        assertThat(desired(two, CONFIG, DAY).reservations())
                .extracting(DesiredReservation::name)
                .containsExactly("allot-2026-12-vision-rl-2");
    }

    @Test
    void aNodeFeatureOfTheTypeSelectsItsNodesAndTheProjectPrefixNarrowsWhatAllotOwns() {
        SlurmConfig config = CONFIG.withPrefixes("", "p-").withNodeFeatures(Map.of(GpuTypeId.of("H100"), "h100"));
        DesiredState desired = desired(withBlock(), config, DAY);

        assertThat(desired.reservations())
                .singleElement()
                .satisfies(reservation -> assertThat(reservation.name()).isEqualTo("allot-2026-12-p-vision-rl-1"));
        assertThat(ReservationScript.render(SlurmDiffer.diff(desired, LiveState.empty("ci")))
                        .toText())
                .contains("NodeCnt=2 Features=h100 Flags=IGNORE_JOBS");
        assertThat(desired.ownsReservation("allot-2026-12-vision-rl-1"))
                .as("another Allot's reservations on the same cluster")
                .isFalse();
        String featureless = SHOWN.replace("allot-2026-12-vision-rl-1", "allot-2026-12-p-vision-rl-1")
                .replace("Accounts=vision-rl", "Accounts=p-vision-rl");
        assertThat(SlurmDiffer.diff(desired, live(featureless)).changes())
                .filteredOn(Change.ReservationChange.class::isInstance)
                .extracting(Change::describe)
                .singleElement()
                .asString()
                .contains("features none -> h100");
    }

    @Test
    void theParserReadsScontrolsOneLinersAndSaysWhenThereIsNone() {
        assertThat(ReservationParser.parse("No reservations in the system\n")).isEmpty();
        List<LiveReservation> parsed = ReservationParser.parse(
                SHOWN + SHOWN.replace("vision-rl-1", "x-2").replace("Accounts=vision-rl", "Accounts=a,b"));

        assertThat(parsed).hasSize(2);
        assertThat(parsed.get(0).accounts()).containsExactly("vision-rl");
        assertThat(parsed.get(0).nodes()).isEqualTo(2);
        assertThat(parsed.get(0).features()).isEmpty();
        assertThat(parsed.get(0).active()).isFalse();
        assertThat(parsed.get(1).accounts()).isEqualTo(new TreeSet<>(Set.of("a", "b")));
        assertThatThrownBy(() -> ReservationParser.parse(SHOWN.replace("EndTime=2027-01-20T00:00:00", "EndTime=soon")))
                .isInstanceOf(AllotException.class)
                .hasMessageStartingWith("scontrol output line 1 has EndTime 'soon', not yyyy-MM-ddTHH:mm:ss");
    }

    @Test
    void theProjectsCapsRiseByTheBlocksGpusOnTheBlocksDaysOnly() {
        PlanFixture fixture = withBlock();
        DesiredAccount before = desired(fixture, CONFIG, DAY).byName().get("vision-rl");
        DesiredAccount during =
                desired(fixture, CONFIG, LocalDate.parse("2027-01-10")).byName().get("vision-rl");
        DesiredAccount after =
                desired(fixture, CONFIG, LocalDate.parse("2027-01-20")).byName().get("vision-rl");

        assertThat(before.limits().tres("gres/gpu:h100")).isEqualTo(8);
        assertThat(before.pending()).hasValueSatisfying(pending -> {
            assertThat(pending.on()).isEqualTo(LocalDate.parse("2027-01-10"));
            assertThat(pending.reason()).isEqualTo("reserved block starts");
            assertThat(pending.limits().tres("gres/gpu:h100")).isEqualTo(20);
        });
        assertThat(during.limits().tres("gres/gpu:h100")).isEqualTo(20);
        assertThat(during.limits().tres("gres/gpu")).isEqualTo(20);
        assertThat(during.limits().tres("gres/gpu:a100")).isZero();
        assertThat(during.pending()).hasValueSatisfying(pending -> {
            assertThat(pending.on()).isEqualTo(LocalDate.parse("2027-01-20"));
            assertThat(pending.reason()).isEqualTo("reserved block ends");
        });
        assertThat(after.limits().tres("gres/gpu:h100")).isEqualTo(8);
        assertThat(desired(fixture, CONFIG, DAY).byName().get("llm-prod").pending())
                .as("another project's block leaves its caps alone")
                .isEmpty();
    }

    @Test
    void anApplyOfReservationsAloneReportsThemWithoutAnAccountsLine() {
        ChangeSet planned = SlurmDiffer.diff(desired(withBlock(), CONFIG, DAY), LiveState.empty("ci"));
        List<Change> reservations = reservationChanges(planned);
        ChangeSet onlyReservations = new ChangeSet("ci", reservations, List.of(), List.of());

        ApplyResult failed = new ApplyResult(
                onlyReservations,
                List.of(),
                reservations,
                Map.of(),
                List.of("scontrol exit 1 on reservation allot-2026-12-vision-rl-1: Requested nodes are busy"),
                java.time.Duration.ofMillis(5));

        assertThat(failed.describe())
                .noneMatch(line -> line.startsWith("  accounts:"))
                .contains("  NOT applied (failed): " + reservations.get(0).describe())
                .contains(
                        "  error: scontrol exit 1 on reservation allot-2026-12-vision-rl-1: Requested nodes are busy");
    }
}
