package dev.allot.kueue;

import static dev.allot.kueue.Tree.map;

import dev.allot.core.AllotException;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.GpuType;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.Pool;
import dev.allot.core.model.ProjectPlan;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a plan to the Kueue objects that enforce it. Pure: values in, values out; nothing is read or written.
 *
 * <p>Steps: (1) a ResourceFlavor per GPU type; (2) each project's quota on the date, following the
 * {@link QuotaTimeline} (summed quotas never exceed the pools); (3) a root Cohort and a Cohort per category, whose limits protect category floors;
 * (4) per project a Namespace, a ClusterQueue whose {@code nominalQuota} per flavor is its quota, and a LocalQueue.
 * A type whose GPU-hour budget the project, or its category, has spent (usage the caller passes in) gets quota 0
 * and no borrowing. On
 * the days of a reserved block the project's quota of the block's flavor rises by its GPUs, which the queue never
 * lends ({@code lendingLimit}); the category cohorts are computed from the grants alone.
 */
public final class KueueCompiler {
    /** Label on every object Allot writes, so drift can find objects it no longer wants. */
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

    public static final String MANAGED_BY = "allot";
    static final String PREFIX = "allot.dev/";

    /** Kueue accepts at most this many flavors in one resource group. */
    static final int MAX_FLAVORS = 64;

    private KueueCompiler() {}

    /** The objects that enforce {@code plan} (drafted for {@code lab}, whose pools are in one cluster) on {@code asOf}. */
    public static KueueManifest compile(Lab lab, Plan plan, KueueConfig config, LocalDate asOf) {
        List<String> clusters = clusters(lab);
        if (clusters.size() != 1) {
            throw AllotException.invalid(
                    "kueue.clusters",
                    "Lab " + lab.name() + " has pools in " + clusters.size() + " clusters " + clusters
                            + ", and each runs its own Kueue. Maybe pass --cluster " + clusters.get(0)
                            + " (or --out DIR to export every cluster)?");
        }
        return compile(lab, plan, config, asOf, clusters.get(0));
    }

    /** The clusters of the lab's pools, sorted: one Kueue installation, and one export, each. */
    public static List<String> clusters(Lab lab) {
        return ClusterShares.clusters(lab);
    }

    /** The objects that enforce {@code plan} on {@code asOf} in one {@code cluster} of the lab. */
    public static KueueManifest compile(Lab lab, Plan plan, KueueConfig config, LocalDate asOf, String cluster) {
        return compile(lab, plan, config, asOf, cluster, Map.of());
    }

    /**
     * The objects that enforce {@code plan} on {@code asOf} in one {@code cluster}, with the GPU types whose
     * GPU-hour budget each project or category has spent: Kueue has no budgets, so such a project's ClusterQueue (for
     * a category's budget, the ClusterQueue of every project of the category) gets a nominal quota and a borrowing
     * limit of 0 for the type until the cycle ends (or the budget is raised).
     */
    public static KueueManifest compile(
            Lab lab,
            Plan plan,
            KueueConfig config,
            LocalDate asOf,
            String cluster,
            Map<? extends dev.allot.core.model.BudgetOwner, Set<GpuTypeId>> spentByOwner) {
        Map<dev.allot.core.model.ProjectId, Set<GpuTypeId>> spentBudgets = SpentBudgets.byProject(lab, spentByOwner);
        if (!clusters(lab).contains(cluster)) {
            throw AllotException.invalid(
                    "kueue.cluster",
                    "Cluster '" + cluster + "' has no pools in lab " + lab.name() + ". Maybe one of " + clusters(lab)
                            + "?");
        }
        Names names = new Names();
        Map<GpuTypeId, String> allFlavors = flavorNames(lab, names);
        List<Pool> pools = ClusterShares.pools(lab, cluster);
        Map<GpuTypeId, String> flavors = new LinkedHashMap<>(allFlavors);
        flavors.keySet()
                .removeIf(
                        type -> pools.stream().noneMatch(pool -> pool.gpuType().equals(type)));
        List<CategoryId> categories = categories(lab, plan);
        checkNamed(config.nodeLabelValues().keySet(), allFlavors.keySet(), "node label value", "GPU type");
        checkNamed(
                config.sharing().categoryBorrowingFractions().keySet(),
                categories,
                "category borrowing limit",
                "category");
        checkNamed(config.sharing().protectedFractions().keySet(), categories, "protected fraction", "category");
        List<KueueObject> objects = new ArrayList<>();
        List<KueueManifest.PendingYield> pending = new ArrayList<>();
        Map<ProjectPlan, Allocation> quotas = quotasOn(lab, plan, asOf, cluster, spentBudgets, true);
        // the part of each quota a reserved block holds: never lent, and left out of the category floors
        Map<ProjectPlan, Allocation> grants = quotasOn(lab, plan, asOf, cluster, spentBudgets, false);
        Map<ProjectPlan, Allocation> blocks = new LinkedHashMap<>();
        quotas.forEach((line, quota) -> blocks.put(line, minus(quota, grants.get(line))));
        Map<LocalDate, Map<ProjectPlan, Allocation>> later = new java.util.TreeMap<>();
        QuotaTimeline.boundaries(lab, plan).stream()
                .filter(date -> date.isAfter(asOf))
                .forEach(date -> later.put(date, quotasOn(lab, plan, date, cluster, spentBudgets, true)));
        // each day's block GPUs, computed once: which pending change is a block starting or ending
        Map<LocalDate, Map<ProjectPlan, Allocation>> blockGpus = new java.util.TreeMap<>();
        if (!plan.blocks().isEmpty()) {
            blockGpus.put(asOf, QuotaTimeline.blockGpusOn(lab, plan, asOf));
            later.keySet().forEach(date -> blockGpus.put(date, QuotaTimeline.blockGpusOn(lab, plan, date)));
        }
        quotas.forEach((line, quota) -> later.entrySet().stream()
                .filter(next -> !next.getValue().get(line).equals(quota)
                        || !blockChange(blockGpus, line, asOf, next.getKey()).isEmpty())
                .findFirst()
                .ifPresent(next -> pending.add(new KueueManifest.PendingYield(
                        line.project(),
                        next.getKey(),
                        quota,
                        next.getValue().get(line),
                        blockChange(blockGpus, line, asOf, next.getKey())))));
        QueueObjects queues = new QueueObjects(config, names, flavors, lab, plan.cycle(), spentBudgets)
                .withSpentCategories(SpentBudgets.categoriesByProject(lab, spentByOwner))
                .withBlocks(QuotaTimeline.blocks(lab, plan));
        quotas.entrySet().removeIf(entry -> !queues.runsHere(entry.getKey(), entry.getValue()));
        grants.keySet().retainAll(quotas.keySet());
        if (config.createNamespaces()) {
            quotas.keySet().forEach(line -> objects.add(queues.namespace(line)));
        }
        lab.gpuTypes().stream()
                .filter(type -> flavors.containsKey(type.id()))
                .forEach(type -> objects.add(flavor(type, flavors, config, pools)));
        objects.addAll(new CohortObjects(config, names, flavors, lab.policy()).cohorts(categories, grants));
        quotas.forEach((line, quota) -> objects.add(queues.clusterQueue(line, quota, blocks.get(line))));
        quotas.keySet().forEach(line -> objects.add(queues.localQueue(line)));
        List<String> blockLines = QuotaTimeline.blocks(lab, plan).stream()
                .filter(block -> block.placed().end().isAfter(asOf)
                        && quotas.keySet().stream()
                                .anyMatch(line ->
                                        line.project().equals(block.placed().project())))
                .map(block -> block.placed().project() + ": " + QueueObjects.describe(block)
                        + (block.holdsOn(asOf) ? ", in force" : ""))
                .toList();
        return new KueueManifest(asOf, config.apiVersion(), objects, pending, blockLines);
    }

    /** Each line's quota in the cluster on {@code date}, with or without its reserved blocks, spent budgets at 0. */
    private static Map<ProjectPlan, Allocation> quotasOn(
            Lab lab,
            Plan plan,
            LocalDate date,
            String cluster,
            Map<dev.allot.core.model.ProjectId, Set<GpuTypeId>> spentBudgets,
            boolean withBlocks) {
        Map<ProjectPlan, Allocation> quotas = QuotaTimeline.quotasOn(lab, plan, date);
        if (withBlocks && !plan.blocks().isEmpty()) {
            Map<ProjectPlan, Allocation> blocks = QuotaTimeline.blockGpusOn(lab, plan, date);
            quotas.replaceAll((line, quota) -> plus(quota, blocks.get(line)));
        }
        return withoutSpent(ClusterShares.inCluster(lab, cluster, quotas), spentBudgets);
    }

    /** Why a pending change comes: a reserved block of the project starts or ends then (empty otherwise). */
    private static String blockChange(
            Map<LocalDate, Map<ProjectPlan, Allocation>> blockGpus, ProjectPlan line, LocalDate now, LocalDate next) {
        if (blockGpus.isEmpty()) {
            return "";
        }
        int before = blockGpus.get(now).get(line).totalGpus();
        int after = blockGpus.get(next).get(line).totalGpus();
        return after > before ? "reserved block starts" : after < before ? "reserved block ends" : "";
    }

    private static Allocation plus(Allocation a, Allocation b) {
        Map<GpuTypeId, Integer> gpus = new java.util.TreeMap<>(a.gpus());
        b.gpus().forEach((type, count) -> gpus.merge(type, count, Integer::sum));
        return new Allocation(gpus);
    }

    /** Per type, what {@code a} holds beyond {@code b} (never below 0). */
    private static Allocation minus(Allocation a, Allocation b) {
        Map<GpuTypeId, Integer> gpus = new java.util.TreeMap<>();
        a.gpus().forEach((type, count) -> {
            int more = count - b.gpus(type);
            if (more > 0) {
                gpus.put(type, more);
            }
        });
        return new Allocation(gpus);
    }

    /** The quotas with every type a project has spent its budget of set to 0. */
    private static Map<ProjectPlan, Allocation> withoutSpent(
            Map<ProjectPlan, Allocation> quotas, Map<dev.allot.core.model.ProjectId, Set<GpuTypeId>> spent) {
        quotas.replaceAll((line, quota) -> {
            Set<GpuTypeId> types = spent.getOrDefault(line.project(), Set.of());
            if (types.isEmpty()) {
                return quota;
            }
            Map<GpuTypeId, Integer> gpus = new LinkedHashMap<>(quota.gpus());
            types.forEach(type -> gpus.remove(type));
            return new Allocation(gpus);
        });
        return quotas;
    }

    /** A setting that names a GPU type or category the lab does not have is a typo, not something to ignore. */
    private static <T> void checkNamed(
            java.util.Collection<T> named, java.util.Collection<T> known, String setting, String what) {
        for (T id : named) {
            if (!known.contains(id)) {
                throw AllotException.invalid(
                        "kueue.config",
                        "The " + setting + " names " + what + " '" + id
                                + "', which the lab does not have. Maybe one of " + known + "?");
            }
        }
    }

    private static Map<GpuTypeId, String> flavorNames(Lab lab, Names names) {
        if (lab.gpuTypes().size() > MAX_FLAVORS) {
            throw AllotException.invalid(
                    "kueue.too-many-flavors",
                    "The lab has " + lab.gpuTypes().size()
                            + " GPU types, but a Kueue resource group holds at most " + MAX_FLAVORS
                            + " flavors. Maybe merge GPU types that are interchangeable?");
        }
        Map<GpuTypeId, String> flavors = new LinkedHashMap<>();
        for (GpuType type : lab.gpuTypes()) {
            String source = "GPU type " + type.id();
            flavors.put(
                    type.id(),
                    names.subdomain("ResourceFlavor", Names.dns(type.id().value()), source));
        }
        return flavors;
    }

    /**
     * The flavor's node labels are those of the type's first pool in the cluster when the lab file names them (as
     * NVIDIA's GPU feature discovery labels nodes), else the configured key with the configured value or the type id.
     */
    private static KueueObject flavor(
            GpuType type, Map<GpuTypeId, String> flavors, KueueConfig config, List<Pool> pools) {
        String name = flavors.get(type.id());
        Map<String, Object> nodeLabels = new LinkedHashMap<>();
        pools.stream()
                .filter(pool ->
                        pool.gpuType().equals(type.id()) && !pool.nodeLabels().isEmpty())
                .findFirst()
                .ifPresent(pool -> pool.nodeLabels()
                        .forEach((key, value) -> nodeLabels.put(
                                key, Names.labelValue(value, "node label " + key + " of pool " + pool.name()))));
        if (nodeLabels.isEmpty()) {
            nodeLabels.put(
                    config.nodeLabelKey(),
                    Names.labelValue(
                            config.nodeLabelValues()
                                    .getOrDefault(type.id(), type.id().value()),
                            "node label of GPU type " + type.id()));
        }
        Map<String, Object> body = map(
                "apiVersion", config.apiVersion().apiVersion(),
                "kind", "ResourceFlavor",
                "metadata",
                        metadata(
                                name,
                                "",
                                map(
                                        MANAGED_BY_LABEL,
                                        MANAGED_BY,
                                        PREFIX + "gpu-type",
                                        Names.labelValue(Names.dns(type.id().value()), "GPU type " + type.id())),
                                null),
                "spec", map("nodeLabels", nodeLabels));
        return new KueueObject(config.apiVersion().apiVersion(), "ResourceFlavor", "", name, body);
    }

    private static List<CategoryId> categories(Lab lab, Plan plan) {
        Set<CategoryId> categories = new LinkedHashSet<>();
        lab.categories().forEach(category -> categories.add(category.id()));
        plan.projects().forEach(line -> categories.add(line.category()));
        return List.copyOf(categories);
    }

    static Map<String, Object> metadata(
            String name, String namespace, Map<String, Object> labels, Map<String, Object> annotations) {
        return map(
                "name",
                name,
                "namespace",
                namespace.isEmpty() ? null : namespace,
                "labels",
                labels,
                "annotations",
                annotations == null || annotations.isEmpty() ? null : annotations);
    }
}
