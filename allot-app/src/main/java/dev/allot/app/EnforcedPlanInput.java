package dev.allot.app;

import dev.allot.app.server.StoreConnection;
import dev.allot.application.Enforcements;
import dev.allot.core.AllotException;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Lab;
import dev.allot.lab.LabYaml;
import dev.allot.lab.PlanDocument;
import dev.allot.store.Actor;
import dev.allot.store.EnforcementRun;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The enforcers' plan input: besides a lab and plan file, a cycle's latest published plan ({@code --cycle}) read
 * with its lab from the store or from a running server; and the record of each run against that cycle.
 */
public final class EnforcedPlanInput extends PlanInput {
    @Option(
            names = "--cycle",
            paramLabel = "ID|current",
            description = "Enforce this cycle's latest published plan ('current': the newest cycle with one), read"
                    + " with its lab from the store (--db) or from a running server (--server), and record the run"
                    + " there. A draft is refused.")
    String cycle;

    @Option(
            names = "--server",
            paramLabel = "URL",
            description = "Read --cycle's plan and lab from a running Allot server instead of the store, and record"
                    + " the run there (needs --token-file; the token's user must be an admin or a decider).")
    String server;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "File holding the API token for --server (as printed by 'allot token create').")
    Path tokenFile;

    @Mixin
    StoreConnection store;

    /** The cycle (and published version, when known) that runs are recorded against; null: not recorded. */
    private CycleId recordCycle;

    private Integer recordVersion;

    @Override
    public Loaded loadChecked() {
        if (cycle == null) {
            if (server != null && !hasPlanFile()) {
                throw AllotException.invalid(
                        "BAD_FLAG", "Flag --server reads a cycle's plan: pass --cycle ID or --cycle current with it.");
            }
            if (!given() && !hasPlanFile()) {
                throw AllotException.invalid(
                        "BAD_FLAG",
                        "No plan given: pass --cycle ID|current (a cycle's published plan, from the store or"
                                + " --server), or --lab FILE with --plan FILE. Maybe --cycle current?");
            }
            Loaded loaded = super.loadChecked();
            if (hasPlanFile() && (server != null || store.named())) {
                recordCycle = loaded.plan().cycle();
            }
            return loaded;
        }
        if (hasPlanFile() || given()) {
            throw AllotException.invalid(
                    "BAD_FLAG",
                    "Flags --cycle and " + (hasPlanFile() ? "--plan" : "--lab/--demo") + " both given (value: --cycle "
                            + cycle + "). --cycle reads the plan and its lab from"
                            + " the store or server; maybe drop the other?");
        }
        Loaded loaded = server != null ? fromServer() : fromStore();
        System.err.println("Enforcing published plan v" + recordVersion + " of cycle " + recordCycle + " (from "
                + (server != null ? server : "the store") + ").");
        return loaded;
    }

    private Loaded fromStore() {
        Enforcements.Enforceable published =
                store.withApplication(application -> application.enforcements().published(cycle));
        recordCycle = published.cycle();
        recordVersion = published.version();
        return checked(
                "published plan " + published.version() + " of cycle " + published.cycle(),
                new Loaded(published.lab(), published.plan()),
                published.document());
    }

    private Loaded fromServer() {
        ServerClient client = ServerClient.of(server, tokenFile);
        ServerClient.Reply plan = client.get(
                ServerClient.path("/api/cycles/{}/enforcement/plan", cycle), "application/vnd.allot.plan.v1+json");
        String id = plan.header("Allot-Cycle");
        String version = plan.header("Allot-Plan-Version");
        if (id == null || version == null) {
            throw AllotException.invalid(
                    "server-refused",
                    "The Allot server at " + client.url() + " sent a plan without naming its cycle and version."
                            + " Maybe it is an older server; check --server?");
        }
        String labText = client.get(ServerClient.path("/api/cycles/{}/lab", id), "application/yaml")
                .body();
        Lab lab = LabYaml.read(labText, client.url() + " lab of cycle " + id);
        recordCycle = CycleId.of(id);
        recordVersion = Integer.valueOf(version);
        String source = "published plan " + version + " of cycle " + id;
        return checked(source, new Loaded(lab, PlanDocument.read(plan.body(), source)), plan.body());
    }

    /**
     * The GPU types whose GPU-hour budget (of {@code plan}) each project or category has spent by {@code today}, from
     * the usage
     * recorded in the store for the plan's cycle; empty when the plan has no budgets or did not come from the store
     * ({@code --cycle} or {@code --plan} with a named {@code --db}), since only the store knows the usage.
     */
    public Map<dev.allot.core.model.BudgetOwner, java.util.Set<dev.allot.core.model.GpuTypeId>> spentBudgets(
            dev.allot.core.model.Plan plan, java.time.LocalDate today) {
        if (plan.budgets().isEmpty() || recordCycle == null || server != null) {
            return Map.of();
        }
        CycleId cycleId = recordCycle;
        return store.withApplication(application -> application.usage().spentBudgets(cycleId, plan.budgets(), today));
    }

    /**
     * Records a run against the cycle when its plan came from {@code --cycle} (or from {@code --plan} with a named
     * store or a server): in the store as the console user, or through the server as the token's user. A run that
     * cannot be recorded is reported on standard error and does not change the command's outcome.
     */
    public void record(
            String enforcer, String target, String mode, Integer changes, Integer drift, int errors, String detail) {
        if (recordCycle == null) {
            return;
        }
        String note = detail == null ? "" : detail.length() > 2000 ? detail.substring(0, 2000) : detail;
        try {
            if (server != null) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("enforcer", enforcer);
                body.put("target", target);
                body.put("mode", mode);
                body.put("planVersion", recordVersion);
                body.put("changes", changes);
                body.put("drift", drift);
                body.put("errors", errors);
                body.put("detail", note);
                body.values().removeIf(java.util.Objects::isNull);
                ServerClient.of(server, tokenFile)
                        .post(ServerClient.path("/api/cycles/{}/enforcement", recordCycle.value()), body);
                return;
            }
            EnforcementRun run = EnforcementRun.report(
                    recordCycle, recordVersion, enforcer, target, mode, changes, drift, errors, note);
            Actor console = Actor.system(System.getProperty("user.name", "console"));
            store.withApplication(application -> application.enforcements().record(run, console));
        } catch (AllotException notRecorded) {
            System.err.println("allot: warning: the run was not recorded for cycle " + recordCycle + ": "
                    + notRecorded.getMessage());
        }
    }
}
