package dev.allot.store;

import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import dev.allot.core.model.CycleId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Approvals of drafts and the acknowledgements of guard-rail warnings given when publishing. The rules of who may
 * approve and when a publish has enough approvals live in the application layer; this keeps the record, and
 * re-checks at publish time, in the publishing transaction, that the draft is still the one approved.
 */
public final class ApprovalRepository {
    private static final String SELECT = "SELECT * FROM approval WHERE cycle = :cycle";

    private final Store store;

    ApprovalRepository(Store store) {
        this.store = store;
    }

    /**
     * Records {@code actor}'s approval of the draft with {@code draftVersion} and {@code contentHash}; an approval of
     * the same content by the same decider that still counts is returned as it is (approving twice, or from two
     * servers at once, records one approval).
     */
    public Approval approve(CycleId cycle, int draftVersion, String contentHash, Actor actor) {
        return store.transaction(handle -> {
            CycleRepository.require(handle, cycle);
            AuditVersions.lock(handle, "cycle", "id", cycle.value());
            requireDraft(handle, cycle, draftVersion);
            Optional<Approval> already = list(handle, cycle).stream()
                    .filter(approval -> approval.counts()
                            && approval.contentHash().equals(contentHash)
                            && approval.decider().equals(actor.user()))
                    .findFirst();
            if (already.isPresent()) {
                return already.get();
            }
            long id = handle.createUpdate("INSERT INTO approval (cycle, draft_version, content_hash, decider,"
                            + " approved_at) VALUES (:cycle, :version, :hash, :decider, :at)")
                    .bind("cycle", cycle.value())
                    .bind("version", draftVersion)
                    .bind("hash", contentHash)
                    .bind("decider", actor.user())
                    .bind("at", store.now().atOffset(ZoneOffset.UTC))
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            store.audit()
                    .record(
                            handle,
                            actor,
                            "approve",
                            "plan",
                            cycle + "/draft",
                            null,
                            Map.of("draftVersion", draftVersion, "contentHash", contentHash));
            return handle.createQuery("SELECT * FROM approval WHERE id = :id")
                    .bind("id", id)
                    .map((rs, ctx) -> read(rs))
                    .one();
        });
    }

    /**
     * Voids the approvals of {@code cycle} that still count, saying why (a withdrawal voids only the actor's own:
     * {@code onlyOf} is then the actor's user name). Returns how many were voided; none is not an error.
     */
    public int voidApprovals(CycleId cycle, String onlyOf, String reason, Actor actor) {
        return store.transaction(handle -> {
            List<Approval> counting = list(handle, cycle).stream()
                    .filter(Approval::counts)
                    .filter(approval -> onlyOf == null || approval.decider().equals(onlyOf))
                    .toList();
            for (Approval approval : counting) {
                handle.createUpdate("UPDATE approval SET voided_at = :at, voided_by = :by, void_reason = :reason"
                                + " WHERE id = :id")
                        .bind("at", store.now().atOffset(ZoneOffset.UTC))
                        .bind("by", actor.user())
                        .bind("reason", reason)
                        .bind("id", approval.id())
                        .execute();
                store.audit()
                        .record(
                                handle,
                                actor,
                                onlyOf == null ? "void-approval" : "withdraw-approval",
                                "plan",
                                cycle + "/draft",
                                Map.of(
                                        "decider", approval.decider(),
                                        "draftVersion", approval.draftVersion(),
                                        "contentHash", approval.contentHash()),
                                Map.of("voided", reason));
            }
            return counting.size();
        });
    }

    /** Every approval of the cycle, counting or voided, oldest first. */
    public List<Approval> list(CycleId cycle) {
        return store.read(handle -> list(handle, cycle));
    }

    /** Distinct users who hold a decider's token: who may approve, and how many approvals the default needs. */
    public int deciders() {
        return store.read(
                handle -> handle.createQuery("SELECT COUNT(DISTINCT user_name) FROM api_token WHERE role = :role")
                        .bind("role", Role.DECIDER.name())
                        .mapTo(Integer.class)
                        .one());
    }

    /**
     * Publishes the draft, in one transaction with a last check that it is still the approved one: the draft must
     * have {@code draftVersion} and {@code contentHash}, and at least {@code requiredApprovals} distinct deciders'
     * approvals of that hash must still count. Stores the acknowledgements ({@code reasons} by guard-rule code)
     * and records them, with the hash, in the audit trail.
     */
    public StoredPlan publish(
            CycleId cycle,
            int draftVersion,
            String contentHash,
            int requiredApprovals,
            Map<String, String> reasons,
            String note,
            Actor actor) {
        return store.transaction(handle -> {
            // one publish of a cycle at a time, also across servers: the second sees the first's version
            AuditVersions.lock(handle, "cycle", "id", cycle.value());
            requireDraft(handle, cycle, draftVersion);
            long approvers = list(handle, cycle).stream()
                    .filter(Approval::counts)
                    .filter(approval -> approval.contentHash().equals(contentHash))
                    .map(Approval::decider)
                    .distinct()
                    .count();
            if (approvers < requiredApprovals) {
                throw new AllotException(
                        Kind.CONFLICT,
                        "approvals-missing",
                        "The draft of cycle " + cycle + " has " + approvers + " of the " + requiredApprovals
                                + " approvals it needs; nothing was published. Maybe ask another decider to approve?");
            }
            StoredPlan published = store.plans().publish(handle, cycle, draftVersion, note, actor);
            for (Map.Entry<String, String> reason : reasons.entrySet()) {
                handle.createUpdate("INSERT INTO guard_acknowledgement (cycle, plan_version, content_hash, rule_code,"
                                + " reason, decider, acknowledged_at) VALUES (:cycle, :version, :hash, :rule, :reason,"
                                + " :decider, :at)")
                        .bind("cycle", cycle.value())
                        .bind("version", published.version())
                        .bind("hash", contentHash)
                        .bind("rule", reason.getKey())
                        .bind("reason", reason.getValue())
                        .bind("decider", actor.user())
                        .bind("at", store.now().atOffset(ZoneOffset.UTC))
                        .execute();
            }
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("contentHash", contentHash);
            record.put("approvals", approvers);
            record.put("acknowledgements", new java.util.TreeMap<>(reasons));
            store.audit()
                    .record(
                            handle,
                            actor,
                            "acknowledge-guard",
                            "plan",
                            cycle + "/v" + published.version(),
                            null,
                            record);
            return published;
        });
    }

    /** The acknowledgements given when publishing version {@code planVersion}: reason by rule code. */
    public Map<String, String> acknowledgements(CycleId cycle, int planVersion) {
        return store.read(handle -> {
            Map<String, String> reasons = new LinkedHashMap<>();
            handle.createQuery("SELECT rule_code, reason FROM guard_acknowledgement WHERE cycle = :cycle"
                            + " AND plan_version = :version ORDER BY id")
                    .bind("cycle", cycle.value())
                    .bind("version", planVersion)
                    .map((rs, ctx) -> Map.entry(rs.getString("rule_code"), rs.getString("reason")))
                    .forEach(entry -> reasons.put(entry.getKey(), entry.getValue()));
            return reasons;
        });
    }

    private static void requireDraft(Handle handle, CycleId cycle, int draftVersion) {
        StoredPlan draft = PlanRepository.draft(handle, cycle)
                .orElseThrow(() -> new AllotException(
                        Kind.CONFLICT,
                        "no-draft",
                        "Cycle " + cycle + " has no draft plan. Maybe solve a draft first?"));
        // The version grows with every save of the draft, so an equal version is the same content as approved.
        if (draft.version() != draftVersion) {
            throw Stale.of("draft plan of cycle " + cycle, draftVersion, draft.version());
        }
    }

    private static List<Approval> list(Handle handle, CycleId cycle) {
        return handle.createQuery(SELECT + " ORDER BY id")
                .bind("cycle", cycle.value())
                .map((rs, ctx) -> read(rs))
                .list();
    }

    private static Approval read(ResultSet rs) throws SQLException {
        OffsetDateTime voided = rs.getObject("voided_at", OffsetDateTime.class);
        return new Approval(
                rs.getLong("id"),
                CycleId.of(rs.getString("cycle")),
                rs.getInt("draft_version"),
                rs.getString("content_hash"),
                rs.getString("decider"),
                rs.getObject("approved_at", OffsetDateTime.class).toInstant(),
                voided == null ? null : voided.toInstant(),
                rs.getString("voided_by"),
                rs.getString("void_reason"));
    }
}
