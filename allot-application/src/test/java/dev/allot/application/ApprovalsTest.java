package dev.allot.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.allot.core.AllotException;
import dev.allot.core.guard.GuardWarning;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Pin;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.store.Actor;
import dev.allot.store.AuditLog;
import dev.allot.store.CycleState;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.StoredPlan;
import dev.allot.store.TestLabs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Approvals, guard rails and the publish they gate, over a real in-memory store and the real planner. */
class ApprovalsTest {
    private static final Actor DANA = new Actor("dana", Role.DECIDER);
    private static final Actor DMITRI = new Actor("dmitri", Role.DECIDER);

    private final Store store =
            Store.open("jdbc:h2:mem:approvals-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null);
    private final Application application = Application.over(store, Planner.create(PlannerOptions.defaults()));
    private final Lab lab = TestLabs.shaped(6, 5).build();
    private final CycleId cycle = lab.cycle();

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void twoDecidersApproveAPinVoidsItAndThePublishWaitsForReapproval() {
        twoDeciders();
        drafting();
        application.drafts().solve(cycle, DANA, null);

        PublishCheck afterDana = application.approvals().approve(cycle, null, DANA);
        assertThat(afterDana.requiredApprovals()).isEqualTo(2);
        assertThat(afterDana.quorumMet()).isFalse();
        assertThat(refused(() -> publish(DANA)).code()).isEqualTo("approvals-missing");

        PublishCheck afterBoth = application.approvals().approve(cycle, null, DMITRI);
        assertThat(afterBoth.approvers()).containsExactly("dana", "dmitri");
        assertThat(afterBoth.quorumMet()).isTrue();

        ProjectPlan line =
                application.reads().draft(cycle).orElseThrow().plan().projects().getFirst();
        application.reviews().pin(cycle, new Pin(line.project(), line.grant(), "keeps its run going"), DMITRI);
        PublishCheck afterPin = application.approvals().check(cycle);
        assertThat(afterPin.approvals()).isEmpty();
        assertThat(afterPin.voided())
                .extracting(dev.allot.store.Approval::voidReason)
                .containsOnly("pin on " + line.project() + " by dmitri");
        assertThat(refused(() -> publish(DMITRI)).code()).isEqualTo("approvals-missing");
        assertThat(application.reads().published(cycle)).isEmpty();

        application.drafts().solve(cycle, DMITRI, null);
        application.approvals().approve(cycle, null, DANA);
        application.approvals().approve(cycle, null, DMITRI);
        StoredPlan published = publish(DMITRI);

        assertThat(published.version()).isEqualTo(1);
        String hash = application.approvals().check(cycle).contentHash();
        assertThat(store.audit().list("plan", cycle + "/draft", 100))
                .filteredOn(entry -> entry.action().equals("approve"))
                .extracting(AuditLog.Entry::after)
                .allMatch(after -> after.contains("contentHash"))
                .anyMatch(after -> after.contains(hash));
    }

    @Test
    void aPolicyEditAndAReSolveVoidApprovalsAndAWithdrawalCountsNoMore() {
        twoDeciders();
        drafting();
        application.drafts().solve(cycle, DANA, null);
        application.approvals().approve(cycle, null, DANA);

        application.approvals().withdraw(cycle, DANA);
        assertThat(application.approvals().check(cycle).voided())
                .extracting(dev.allot.store.Approval::voidReason)
                .containsExactly("withdrawn by dana");

        application.approvals().approve(cycle, null, DMITRI);
        application
                .cycles()
                .editPolicy(cycle, policy -> policy.edit().yieldNoticeDays(7).build(), null, DANA);
        assertThat(application.approvals().check(cycle).approvals()).isEmpty();

        application.approvals().approve(cycle, null, DMITRI);
        application.drafts().solve(cycle, DANA, null);
        assertThat(application.approvals().check(cycle).voided())
                .extracting(dev.allot.store.Approval::voidReason)
                .contains("re-solved by dana");
    }

    @Test
    void withTwoApprovalsNeededTheAuthorAloneIsNotEnough() {
        drafting();
        application
                .cycles()
                .editPolicy(cycle, policy -> policy.edit().approvals(2).build(), null, DANA);
        application.drafts().solve(cycle, DANA, null);

        PublishCheck check = application.approvals().approve(cycle, null, DANA);

        assertThat(check.author()).isEqualTo("dana");
        assertThat(check.onlyAuthorApproved()).isTrue();
        assertThat(check.quorumMet()).isFalse();
        assertThat(refused(() -> publish(DANA)).getMessage()).contains("may not be the only approver");
    }

    @Test
    void aKeptDraftCheckGivesTheFreshCheckWithApprovalsAndDecidersReadNow() {
        drafting();
        application.drafts().solve(cycle, DANA, null);
        DraftCheck kept = application.approvals().draftCheck(cycle);
        assertThat(application.approvals().check(kept))
                .isEqualTo(application.approvals().check(cycle));
        assertThat(application.approvals().check(kept).requiredApprovals()).isEqualTo(1);

        // Approvals and the deciders that set the quorum are read at each check, not kept with the draft's.
        twoDeciders();
        application.approvals().approve(cycle, null, DANA);
        PublishCheck now = application.approvals().check(kept);
        assertThat(now.approvers()).containsExactly("dana");
        assertThat(now.requiredApprovals()).isEqualTo(2);
        assertThat(now).isEqualTo(application.approvals().check(cycle));
    }

    @Test
    void aCycleWithNoDraftCannotBePublished() {
        drafting();

        AllotException refused = refused(() -> application.drafts().publish(cycle, null, "", DANA));

        assertThat(refused.code()).isEqualTo("no-draft");
        assertThat(application.reads().published(cycle)).isEmpty();
    }

    @Test
    void onlyDecidersApprove() {
        drafting();
        application.drafts().solve(cycle, DANA, null);

        for (Role role : new Role[] {Role.ADMIN, Role.REVIEWER, Role.LEAD, Role.VIEWER}) {
            AllotException refused =
                    refused(() -> application.approvals().approve(cycle, null, new Actor("someone", role)));
            assertThat(refused.kind()).as(role.label()).isEqualTo(AllotException.Kind.FORBIDDEN);
        }
        assertThat(application.approvals().check(cycle).approvals()).isEmpty();
    }

    private StoredPlan publish(Actor actor) {
        Map<String, String> reasons = new LinkedHashMap<>();
        for (GuardWarning warning : application.approvals().check(cycle).warnings()) {
            reasons.put(warning.rule().code(), "accepted for this cycle");
        }
        return publish(actor, reasons);
    }

    private StoredPlan publish(Actor actor, Map<String, String> reasons) {
        return application.approvals().publish(cycle, null, reasons, "", actor);
    }

    private static AllotException refused(Runnable action) {
        return catchThrowableOfType(AllotException.class, action::run);
    }

    private void twoDeciders() {
        store.tokens().create("dana", Role.DECIDER, "dana's token", Actor.system("test"));
        store.tokens().create("dmitri", Role.DECIDER, "dmitri's token", Actor.system("test"));
    }

    private void drafting() {
        application.cycles().importLab(lab, Actor.system("test"));
        application.cycles().transition(cycle, CycleState.REVIEW, null, DANA);
        application.cycles().transition(cycle, CycleState.DRAFT, null, DANA);
    }
}
