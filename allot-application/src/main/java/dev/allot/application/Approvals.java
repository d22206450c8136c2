package dev.allot.application;

import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import dev.allot.core.Problem;
import dev.allot.core.guard.GuardRails;
import dev.allot.core.guard.GuardWarning;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Lab;
import dev.allot.core.planner.PlanInvariants;
import dev.allot.store.Actor;
import dev.allot.store.Approval;
import dev.allot.store.Role;
import dev.allot.store.Stale;
import dev.allot.store.Store;
import dev.allot.store.StoredPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A publish as a deliberate decision: deciders approve one exact draft (its version and content hash), any change
 * to the draft voids their approvals, and publishing needs the policy's quorum, a plan that keeps every invariant
 * and a reason for every guard-rail warning.
 */
public final class Approvals {
    private final Store store;

    Approvals(Store store) {
        this.store = store;
    }

    /** Approves the cycle's current draft as {@code actor}; approving the same draft twice changes nothing. */
    public PublishCheck approve(CycleId cycle, Integer expectedDraftVersion, Actor actor) {
        requireDecider(actor, "approve drafts", "role-may-not-approve");
        StoredPlan draft = draft(cycle, expectedDraftVersion);
        store.approvals().approve(cycle, draft.version(), PlanHash.of(draft.plan()), actor);
        return check(cycle);
    }

    /** Withdraws {@code actor}'s approval of the current draft; withdrawing none is not an error. */
    public PublishCheck withdraw(CycleId cycle, Actor actor) {
        requireDecider(actor, "withdraw approvals", "role-may-not-approve");
        store.approvals().voidApprovals(cycle, actor.user(), "withdrawn by " + actor.user(), actor);
        return check(cycle);
    }

    /**
     * Voids every approval of the cycle because its draft changed ({@code change} says how: "re-solved", "pin on
     * vision-rl", "policy edited"). Every use case that changes what a draft is calls this.
     */
    void draftChanged(CycleId cycle, String change, Actor actor) {
        store.approvals().voidApprovals(cycle, null, change + " by " + actor.user(), actor);
    }

    /** What stands between the current draft and its publication. */
    public PublishCheck check(CycleId cycle) {
        return check(draftCheck(cycle));
    }

    /**
     * The current draft's own checks (content hash, guard rails, plan invariants): the costly part of {@link
     * #check(CycleId)}, which a reader may keep until the store changes.
     */
    public DraftCheck draftCheck(CycleId cycle) {
        StoredPlan draft = draft(cycle, null);
        Lab lab = store.lab().export(cycle);
        return new DraftCheck(
                cycle,
                draft.version(),
                PlanHash.of(draft.plan()),
                draft.createdBy(),
                lab.policy(),
                GuardRails.check(lab, draft.plan(), lab.policy().guard(), lead -> true),
                PlanInvariants.check(lab, draft.plan()));
    }

    /**
     * What stands between the draft {@code draft} checked and its publication: its checks with the approvals of its
     * content hash and the quorum, read now.
     */
    public PublishCheck check(DraftCheck draft) {
        CycleId cycle = draft.cycle();
        List<Approval> all = store.approvals().list(cycle);
        List<Approval> counting = all.stream()
                .filter(approval -> approval.counts() && approval.contentHash().equals(draft.contentHash()))
                .toList();
        List<Approval> voided =
                all.stream().filter(approval -> !counting.contains(approval)).toList();
        int deciders = store.approvals().deciders();
        return new PublishCheck(
                cycle,
                draft.draftVersion(),
                draft.contentHash(),
                draft.author(),
                draft.policy().requiredApprovals(deciders),
                counting,
                voided,
                draft.warnings(),
                draft.invariantViolations());
    }

    /**
     * Publishes the current draft when the check allows it: {@code reasons} gives a reason per guard-rule code for
     * every warning the draft raises. Refused, with nothing written, when the draft changed since
     * {@code expectedDraftVersion}, breaks a plan invariant, lacks approvals or leaves a warning unacknowledged.
     */
    public StoredPlan publish(
            CycleId cycle, Integer expectedDraftVersion, Map<String, String> reasons, String note, Actor actor) {
        requireDecider(actor, "publish plans", "role-may-not-publish");
        draft(cycle, expectedDraftVersion);
        PublishCheck check = check(cycle);
        if (!check.quorumMet()) {
            throw new AllotException(
                    Kind.CONFLICT,
                    "approvals-missing",
                    "The draft of cycle " + cycle + " (version " + check.draftVersion() + ") has "
                            + check.approvals().size() + " of the " + check.requiredApprovals()
                            + " approvals by distinct deciders it needs"
                            + (check.onlyAuthorApproved()
                                    ? ", and" + " its author " + check.author() + " may not be the only approver"
                                    : "")
                            + "; nothing was published. Maybe ask another decider to approve it?");
        }
        Map<String, String> acknowledged = acknowledgements(check, reasons);
        if (!check.invariantViolations().isEmpty()) {
            throw new AllotException(
                    Kind.CONFLICT,
                    "plan-invariant",
                    "The draft of cycle " + cycle + " breaks "
                            + check.invariantViolations().size()
                            + " plan invariant(s): " + String.join("; ", check.invariantViolations())
                            + ". Nothing was published. Maybe re-solve the draft?");
        }
        return store.approvals()
                .publish(
                        cycle,
                        check.draftVersion(),
                        check.contentHash(),
                        check.requiredApprovals(),
                        acknowledged,
                        note,
                        actor);
    }

    /**
     * The reasons for the check's warnings, or every missing one reported at once. A reason is given per guard rule
     * (it covers every warning of that rule), so a rule without one is one problem, however many warnings it raised.
     */
    private static Map<String, String> acknowledgements(PublishCheck check, Map<String, String> reasons) {
        Map<String, List<GuardWarning>> byRule = new LinkedHashMap<>();
        for (GuardWarning warning : check.warnings()) {
            byRule.computeIfAbsent(warning.rule().code(), code -> new ArrayList<>())
                    .add(warning);
        }
        Map<String, String> acknowledged = new LinkedHashMap<>();
        List<Problem> missing = new ArrayList<>();
        List<String> unreasoned = new ArrayList<>();
        byRule.forEach((code, warnings) -> {
            String reason = reasons.get(code);
            if (reason != null && !reason.isBlank()) {
                acknowledged.put(code, reason.strip());
                return;
            }
            unreasoned.add(code + " (" + count(warnings.size(), "warning") + ")");
            missing.add(new Problem(
                    "acknowledgements." + code,
                    "",
                    (warnings.size() == 1 ? "the warning " : "the " + warnings.size() + " warnings ")
                            + examples(warnings) + " need" + (warnings.size() == 1 ? "s" : "")
                            + " a reason to publish (one reason covers every warning of this rule)",
                    "Maybe say why this draft should be published anyway?"));
        });
        if (!missing.isEmpty()) {
            throw new AllotException(
                    Kind.INVALID_INPUT,
                    "guard-unacknowledged",
                    count(missing.size(), "guard rule") + " of cycle " + check.cycle()
                            + (missing.size() == 1 ? " has" : " have") + " no reason: "
                            + String.join(", ", unreasoned)
                            + ". Nothing was published. Maybe acknowledge each rule with a reason?",
                    missing,
                    null);
        }
        return acknowledged;
    }

    /** Up to three of a rule's warnings, quoted, and how many more there are. */
    private static String examples(List<GuardWarning> warnings) {
        List<String> quoted = warnings.stream()
                .limit(3)
                .map(warning -> "'" + warning.message() + "'")
                .toList();
        String more = warnings.size() > 3 ? " and " + (warnings.size() - 3) + " more" : "";
        return String.join(", ", quoted) + more;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private StoredPlan draft(CycleId cycle, Integer expectedDraftVersion) {
        store.cycles().get(cycle);
        StoredPlan draft = store.plans()
                .draft(cycle)
                .orElseThrow(() -> new AllotException(
                        Kind.CONFLICT,
                        "no-draft",
                        "Cycle " + cycle + " has no draft plan. Maybe solve a draft first?"));
        if (expectedDraftVersion != null && expectedDraftVersion != draft.version()) {
            throw Stale.of("draft plan of cycle " + cycle, expectedDraftVersion, draft.version());
        }
        return draft;
    }

    private static void requireDecider(Actor actor, String what, String code) {
        if (actor.role() != Role.DECIDER) {
            throw new AllotException(
                    Kind.FORBIDDEN,
                    code,
                    "Role " + actor.role().label() + " may not " + what + ". Maybe ask a decider?");
        }
    }
}
