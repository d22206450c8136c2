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

    QueueObjects(KueueConfig config, Names names, Map<GpuTypeId, String> flavors, Lab lab, CycleId cycle) {
        this.config = config;
        this.names = names;
        this.flavors = flavors;
        this.asks = lab.asksByProject();
        this.cycle = cycle;
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
        String name = clusterQueueName(line);
        boolean held = quota.isEmpty() && line.decision() == Decision.KILL;
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
                (held ? config.killedStopPolicy() : StopPolicy.None).name(),
                "resourceGroups",
                List.of(map(
                        "coveredResources", List.of(config.resourceName()),
                        "flavors", flavorQuotas(line, quota))));
        Map<String, Object> annotations = map(
                KueueCompiler.PREFIX + "cycle", cycle.value(),
                KueueCompiler.PREFIX + "decision", line.decision().label(),
                KueueCompiler.PREFIX + "grant", line.grant().toString(),
                KueueCompiler.PREFIX + "yield-by",
                        line.yieldBy().map(LocalDate::toString).orElse(null));
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

    /**
     * Flavors with quota first (Kueue tries flavors in order, so a project uses its own GPUs before borrowing), then
     * the other types the project can run on, with zero quota so it can still borrow them when idle.
     */
    private List<Map<String, Object>> flavorQuotas(ProjectPlan line, Allocation quota) {
        List<Map<String, Object>> withQuota = new ArrayList<>();
        List<Map<String, Object>> borrowOnly = new ArrayList<>();
        Ask ask = asks.get(line.project());
        flavors.forEach((type, flavor) -> {
            int gpus = quota.gpus(type);
            if (gpus > 0) {
                withQuota.add(flavorQuota(flavor, gpus));
            } else if (ask == null || ask.accepts(type) || line.previous().gpus(type) > 0) {
                borrowOnly.add(flavorQuota(flavor, 0));
            }
        });
        withQuota.addAll(borrowOnly);
        return withQuota;
    }

    private Map<String, Object> flavorQuota(String flavor, int gpus) {
        Sharing sharing = config.sharing();
        Integer lendingLimit =
                sharing.projectLendingFraction() < 1 ? (int) Math.floor(sharing.projectLendingFraction() * gpus) : null;
        Integer borrowingLimit = sharing.projectBorrowingFraction()
                .map(fraction -> (int) Math.floor(fraction * gpus))
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
