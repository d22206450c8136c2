package dev.allot.kueue;

import static dev.allot.kueue.Tree.map;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.Ask;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.Decision;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.model.ProjectStatus;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The per-project objects: Namespace, ClusterQueue (the quota) and LocalQueue (where jobs are submitted). */
final class QueueObjects {
    private final KueueConfig config;
    private final Names names;
    private final Map<GpuTypeId, String> flavors;
    private final Map<ProjectId, Ask> asks;
    private final CycleId cycle;
    private final java.util.Set<ProjectId> killedInLab;
    private final Map<ProjectId, java.util.Set<GpuTypeId>> spentBudgets;
    private List<dev.allot.core.model.QuotaTimeline.BlockDays> blocks = List.of();
    private Map<ProjectId, String> spentCategories = Map.of();

    QueueObjects(
            KueueConfig config,
            Names names,
            Map<GpuTypeId, String> flavors,
            Lab lab,
            CycleId cycle,
            Map<ProjectId, java.util.Set<GpuTypeId>> spentBudgets) {
        this.config = config;
        this.spentBudgets = spentBudgets;
        this.names = names;
        this.flavors = flavors;
        this.asks = lab.asksByProject();
        this.cycle = cycle;
        this.killedInLab = lab.projects().stream()
                .filter(project -> project.status() == ProjectStatus.KILLED)
                .map(project -> project.id())
                .collect(java.util.stream.Collectors.toSet());
    }

    /** Per project, the spent category budgets that zero its quotas ("product:H100"), named on its ClusterQueue. */
    QueueObjects withSpentCategories(Map<ProjectId, String> spent) {
        this.spentCategories = spent;
        return this;
    }

    /** The plan's reserved blocks, named on their projects' ClusterQueues. */
    QueueObjects withBlocks(List<dev.allot.core.model.QuotaTimeline.BlockDays> planBlocks) {
        this.blocks = List.copyOf(planBlocks);
        return this;
    }

    String namespaceName(ProjectPlan line) {
        return names.label(
                "Namespace",
                Names.fill(
                        config.namespacePattern(), "{project}", line.project().value()),
                "project " + line.project());
    }

    String clusterQueueName(ProjectPlan line) {
        return names.subdomain(
                "ClusterQueue",
                Names.fill(
                        config.clusterQueuePattern(),
                        "{project}",
                        line.project().value()),
                "project " + line.project());
    }

    KueueObject namespace(ProjectPlan line) {
        String name = namespaceName(line);
        Map<String, Object> body = map(
                "apiVersion",
                "v1",
                "kind",
                "Namespace",
                "metadata",
                KueueCompiler.metadata(name, "", labels(line), null));
        return new KueueObject("v1", "Namespace", "", name, body);
    }

    KueueObject clusterQueue(ProjectPlan line, Allocation quota) {
        return clusterQueue(line, quota, Allocation.NONE);
    }

    /** {@code blockGpus}: the part of {@code quota} the project's reserved blocks hold today, which it never lends. */
    KueueObject clusterQueue(ProjectPlan line, Allocation quota, Allocation blockGpus) {
        String name = clusterQueueName(line);
        boolean killed = line.decision() == Decision.KILL || killedInLab.contains(line.project());
        // A kill stops new work at once; running work may finish until the yield date, then it is drained.
        StopPolicy stop = !killed ? StopPolicy.None : quota.isEmpty() ? config.killedStopPolicy() : StopPolicy.Hold;
        boolean mayBorrow = !killed && line.decision() != Decision.DECLINED;
        Map<String, Object> spec = map(
                config.apiVersion().clusterQueueCohortField(),
                CohortObjects.cohortName(config, line.category()),
                "namespaceSelector",
                map("matchLabels", map("kubernetes.io/metadata.name", namespaceName(line))),
                "queueingStrategy",
                "BestEffortFIFO",
                "preemption",
                map(
                        "reclaimWithinCohort",
                        config.sharing().reclaimWithinCohort(),
                        "withinClusterQueue",
                        "LowerPriority"),
                "stopPolicy",
                stop.name(),
                "resourceGroups",
                List.of(map(
                        "coveredResources", List.of(config.resourceName()),
                        "flavors", flavorQuotas(line, quota, mayBorrow, blockGpus))));
        Map<String, Object> annotations = map(
                KueueCompiler.PREFIX + "cycle", cycle.value(),
                KueueCompiler.PREFIX + "decision", line.decision().label(),
                KueueCompiler.PREFIX + "grant", line.grant().toString(),
                KueueCompiler.PREFIX + "yield-by",
                        line.yieldBy().map(LocalDate::toString).orElse(null),
                KueueCompiler.PREFIX + "budget-spent",
                        spent(line).isEmpty()
                                ? null
                                : String.join(
                                        ",",
                                        spent(line).stream()
                                                .map(GpuTypeId::value)
                                                .sorted()
                                                .toList()),
                KueueCompiler.PREFIX + "blocks", blocksOf(line),
                KueueCompiler.PREFIX + "category-budget-spent", spentCategories.get(line.project()));
        String apiVersion = config.apiVersion().apiVersion();
        Map<String, Object> body = map(
                "apiVersion",
                apiVersion,
                "kind",
                "ClusterQueue",
                "metadata",
                KueueCompiler.metadata(name, "", labels(line), annotations),
                "spec",
                spec);
        return new KueueObject(apiVersion, "ClusterQueue", "", name, body);
    }

    KueueObject localQueue(ProjectPlan line) {
        String namespace = namespaceName(line);
        String apiVersion = config.apiVersion().apiVersion();
        Map<String, Object> body = map(
                "apiVersion",
                apiVersion,
                "kind",
                "LocalQueue",
                "metadata",
                KueueCompiler.metadata(config.localQueueName(), namespace, labels(line), null),
                "spec",
                map("clusterQueue", clusterQueueName(line)));
        return new KueueObject(apiVersion, "LocalQueue", namespace, config.localQueueName(), body);
    }

    /** Whether the project can run on any flavor of this cluster; a project that cannot gets no queue here. */
    boolean runsHere(ProjectPlan line, Allocation quota) {
        return !flavorQuotas(line, quota, true, Allocation.NONE).isEmpty();
    }

    /**
     * The project's reserved blocks, {@code H100:32 2026-12-08..2026-12-20 (placed from 2026-12-01)}, joined by
     * {@code ; }; null without any.
     */
    private String blocksOf(ProjectPlan line) {
        List<String> described = blocks.stream()
                .filter(block -> block.placed().project().equals(line.project()))
                .map(QueueObjects::describe)
                .toList();
        return described.isEmpty() ? null : String.join("; ", described);
    }

    /** {@code H100:32 2026-12-01..2026-12-11}, the end excluded, and the placed start when the block waits. */
    static String describe(dev.allot.core.model.QuotaTimeline.BlockDays block) {
        dev.allot.core.model.PlacedBlock placed = block.placed();
        String days = placed.gpuType().value() + ":" + placed.gpus() + " " + block.from() + ".." + placed.end();
        if (!block.from().isBefore(placed.end())) {
            return days + " (placed from " + placed.start() + "; its GPUs are yielded only after its end)";
        }
        return block.delayed() ? days + " (placed from " + placed.start() + ", waits for yielded GPUs)" : days;
    }

    /**
     * Flavors with quota first (Kueue tries flavors in order, so a project uses its own GPUs before borrowing), then
     * the other types the project can run on, with zero quota so it can still borrow them when idle.
     */
    private List<Map<String, Object>> flavorQuotas(
            ProjectPlan line, Allocation quota, boolean mayBorrow, Allocation blockGpus) {
        List<Map<String, Object>> withQuota = new ArrayList<>();
        List<Map<String, Object>> borrowOnly = new ArrayList<>();
        Ask ask = asks.get(line.project());
        flavors.forEach((type, flavor) -> {
            int gpus = quota.gpus(type);
            if (spent(line).contains(type)) {
                // the budget is used up: no quota and no borrowing of the type for the rest of the cycle
                if (gpus > 0
                        || ask == null
                        || ask.accepts(type)
                        || line.previous().gpus(type) > 0) {
                    borrowOnly.add(flavorQuota(flavor, 0, false, 0));
                }
            } else if (gpus > 0) {
                withQuota.add(flavorQuota(flavor, gpus, mayBorrow, Math.min(gpus, blockGpus.gpus(type))));
            } else if (ask == null || ask.accepts(type) || line.previous().gpus(type) > 0) {
                borrowOnly.add(flavorQuota(flavor, 0, mayBorrow, 0));
            }
        });
        withQuota.addAll(borrowOnly);
        return withQuota;
    }

    private java.util.Set<GpuTypeId> spent(ProjectPlan line) {
        return spentBudgets.getOrDefault(line.project(), java.util.Set.of());
    }

    /**
     * {@code mayBorrow} false (killed and declined projects): the queue takes nothing beyond its own quota. The
     * {@code blockGpus} of the quota are never lent, so other projects cannot borrow a block's GPUs on its days.
     */
    private Map<String, Object> flavorQuota(String flavor, int gpus, boolean mayBorrow, int blockGpus) {
        Sharing sharing = config.sharing();
        int lendable = gpus - blockGpus;
        Integer lendingLimit = sharing.projectLendingFraction() < 1 || blockGpus > 0
                ? (int) Math.floor(sharing.projectLendingFraction() * lendable)
                : null;
        Integer borrowingLimit = !mayBorrow
                ? Integer.valueOf(0)
                : sharing.projectBorrowingFraction()
                        .map(fraction -> (int) Math.floor(fraction * lendable))
                        .orElse(null);
        return map(
                "name",
                flavor,
                "resources",
                List.of(map(
                        "name",
                        config.resourceName(),
                        "nominalQuota",
                        gpus,
                        "borrowingLimit",
                        borrowingLimit,
                        "lendingLimit",
                        lendingLimit)));
    }

    private Map<String, Object> labels(ProjectPlan line) {
        return map(
                KueueCompiler.MANAGED_BY_LABEL,
                KueueCompiler.MANAGED_BY,
                KueueCompiler.PREFIX + "project",
                Names.labelValue(Names.dns(line.project().value()), "project " + line.project()),
                KueueCompiler.PREFIX + "category",
                Names.labelValue(Names.dns(line.category().value()), "category " + line.category()));
    }
}
