package dev.allot.app.kueue;

import dev.allot.app.EnforcedPlanInput;
import dev.allot.app.PlanInput;
import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import dev.allot.core.model.GpuTypeId;
import dev.allot.kueue.ClusterDiff;
import dev.allot.kueue.CrdSchemas;
import dev.allot.kueue.KueueCluster;
import dev.allot.kueue.KueueCompiler;
import dev.allot.kueue.KueueConfig;
import dev.allot.kueue.KueueManifest;
import dev.allot.kueue.KueueObject;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code allot kueue}: enforce a plan on Kubernetes through Kueue. */
@Command(
        name = "kueue",
        mixinStandardHelpOptions = true,
        description = {
            "Enforce a plan on Kubernetes with Kueue: a ResourceFlavor per GPU type, a cohort per category, a ClusterQueue (quota = grant) and a LocalQueue per project. See docs/kueue.md.",
            "The plan is a cycle's published one (--cycle ID|current, from the store or --server) or a plan file with its lab (--lab FILE --plan FILE); runs with --cycle are recorded against the cycle."
        },
        subcommands = {
            KueueExportCommand.class,
            KueueDiffCommand.class,
            KueueApplyCommand.class,
            KueueDriftCommand.class,
            KueueUsageCommand.class
        })
public final class KueueCommand implements Runnable {
    private static final int SHOWN_YIELDS = 10;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The manifest for the input and settings, checked against Kueue's CRD schemas so nothing the API server would
     * reject leaves Allot.
     */
    static KueueManifest manifest(PlanInput input, KueueSettings settings) {
        Map<String, KueueManifest> manifests = manifests(input, settings, false);
        return manifests.values().iterator().next();
    }

    /**
     * The manifest of every cluster the command is for: the {@code --cluster} one, the lab's only one, or, when
     * {@code everyCluster}, each cluster of the lab; checked against the lab and Kueue's CRD schemas.
     */
    static Map<String, KueueManifest> manifests(PlanInput input, KueueSettings settings, boolean everyCluster) {
        KueueConfig config = settings.config();
        PlanInput.Loaded loaded = input.loadChecked();
        LocalDate asOf = settings.asOf(loaded.lab().cycleStart());
        // Kueue has no budgets: a budget the store's usage shows spent (recorded up to the later of today and the
        // --at day) takes the type's quota to 0
        LocalDate usageUntil = asOf.isAfter(LocalDate.now()) ? asOf : LocalDate.now();
        Map<dev.allot.core.model.BudgetOwner, Set<GpuTypeId>> spent = input instanceof EnforcedPlanInput enforced
                ? enforced.spentBudgets(loaded.plan(), usageUntil)
                : Map.of();
        Map<String, KueueManifest> manifests = new java.util.LinkedHashMap<>();
        List<String> clusters = KueueCompiler.clusters(loaded.lab());
        if (settings.cluster != null) {
            manifests.put(
                    settings.cluster,
                    KueueCompiler.compile(loaded.lab(), loaded.plan(), config, asOf, settings.cluster, spent));
        } else if (everyCluster || clusters.size() == 1) {
            for (String cluster : clusters) {
                manifests.put(
                        cluster, KueueCompiler.compile(loaded.lab(), loaded.plan(), config, asOf, cluster, spent));
            }
        } else {
            // refuses a lab with pools in several clusters, naming them
            manifests.put(clusters.get(0), KueueCompiler.compile(loaded.lab(), loaded.plan(), config, asOf));
        }
        List<Problem> problems = new java.util.ArrayList<>();
        manifests
                .values()
                .forEach(manifest -> problems.addAll(CrdSchemas.bundled().validate(manifest.objects())));
        if (!problems.isEmpty()) {
            throw new AllotException(
                    AllotException.Kind.INVALID_INPUT,
                    "kueue.schema",
                    problems.size()
                            + " problem(s) would make the API server reject the Kueue objects. Maybe change the name"
                            + " patterns or node label values?",
                    problems,
                    null);
        }
        return manifests;
    }

    /** Options of every command that compares the plan with a cluster. */
    abstract static class ClusterRun implements Callable<Integer> {
        @Mixin
        EnforcedPlanInput input;

        @Mixin
        KueueSettings settings;

        @Mixin
        ClusterOptions cluster;

        KueueManifest manifest() {
            return KueueCommand.manifest(input, settings);
        }

        KueueCluster connect() {
            return cluster.connect(settings.config());
        }

        /** Compares the manifest with the cluster; a failure is recorded against the cycle before it is reported. */
        ClusterDiff diff(KueueManifest manifest, String mode) {
            try (KueueCluster connection = connect()) {
                return connection.diff(manifest);
            } catch (AllotException failure) {
                record(mode, null, null, 1, failure.getMessage());
                throw failure;
            }
        }

        void record(String mode, Integer changes, Integer drift, int errors, String detail) {
            input.record("kueue", cluster.target, mode, changes, drift, errors, detail);
        }
    }

    /** Objects the diff would write or finds differing (everything not unchanged). */
    static int differing(ClusterDiff diff) {
        return (int) diff.changes().stream()
                .filter(change -> change.action() != dev.allot.kueue.ObjectChange.Action.UNCHANGED)
                .count();
    }

    /** {@code 5 Namespace, 2 ResourceFlavor, ...} */
    static String counts(List<KueueObject> objects) {
        Map<String, Long> byKind =
                objects.stream().collect(Collectors.groupingBy(KueueObject::kind, TreeMap::new, Collectors.counting()));
        return byKind.entrySet().stream()
                .map(entry -> entry.getValue() + " " + entry.getKey())
                .collect(Collectors.joining(", "));
    }

    /**
     * One line per project whose quota changes later (a yield, a grow that waits, a reserved block starting or
     * ending), so operators know when to apply again.
     */
    static void printPendingYields(KueueManifest manifest, PrintStream out) {
        if (!manifest.blocks().isEmpty()) {
            out.println(manifest.blocks().size() + " reserved block(s), quota raised on their days (end excluded):");
            manifest.blocks().forEach(line -> out.println("  " + line));
        }
        List<KueueManifest.PendingYield> pending = manifest.pendingYields();
        if (pending.isEmpty()) {
            return;
        }
        String dates = pending.stream()
                .map(yield -> yield.yieldBy().toString())
                .distinct()
                .sorted()
                .collect(Collectors.joining(", "));
        out.println(pending.size() + " project(s) change quota on a later date (" + dates
                + "); apply again with --at on or after it:");
        pending.stream()
                .limit(SHOWN_YIELDS)
                .forEach(yield -> out.println("  " + yield.project() + " holds " + yield.now() + " until "
                        + yield.yieldBy() + ", then " + yield.after()
                        + (yield.reason().isEmpty() ? "" : " (" + yield.reason() + ")")));
        if (pending.size() > SHOWN_YIELDS) {
            out.println("  … and " + (pending.size() - SHOWN_YIELDS) + " more");
        }
    }
}
