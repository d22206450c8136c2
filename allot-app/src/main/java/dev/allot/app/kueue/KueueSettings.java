package dev.allot.app.kueue;

import dev.allot.core.AllotException;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.kueue.KueueApiVersion;
import dev.allot.kueue.KueueConfig;
import dev.allot.kueue.Sharing;
import dev.allot.kueue.StopPolicy;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How the plan maps onto the cluster: the flags behind {@link KueueConfig}, plus the date to enforce. */
final class KueueSettings {
    private static final KueueConfig DEFAULTS = KueueConfig.defaults();

    @Option(
            names = "--at",
            paramLabel = "DATE",
            description = "Compute quotas as of this day (yyyy-MM-dd, or 'today'; default: the cycle's start; days"
                    + " before it are refused): projects that yield keep their previous quota until their yield"
                    + " date, and grows that need those GPUs start on it.")
    String asOf;

    @Option(
            names = "--cluster",
            paramLabel = "NAME",
            description = "The cluster (as named by the lab's pools) whose Kueue to export or reach; each cluster gets"
                    + " its own objects. Needed when the pools are in several clusters, except for export --out, which"
                    + " then writes one folder per cluster.")
    String cluster;

    @Option(
            names = "--api-version",
            paramLabel = "VERSION",
            defaultValue = "v1beta2",
            description = "Kueue API version: v1beta2 (current) or v1beta1 (default: ${DEFAULT-VALUE}).")
    String apiVersion;

    @Option(
            names = "--resource",
            paramLabel = "NAME",
            defaultValue = "nvidia.com/gpu",
            description = "Resource name GPUs are requested as (default: ${DEFAULT-VALUE}).")
    String resource;

    @Option(
            names = "--node-label",
            paramLabel = "KEY",
            defaultValue = "nvidia.com/gpu.product",
            description = "Node label selecting a GPU type's nodes (default: ${DEFAULT-VALUE}).")
    String nodeLabel;

    @Option(
            names = "--node-label-value",
            paramLabel = "TYPE=VALUE",
            description = "The label value of a GPU type's nodes, e.g. H100=NVIDIA-H100-80GB-HBM3 (default: the type"
                    + " name). Repeatable.")
    Map<String, String> nodeLabelValues = new LinkedHashMap<>();

    @Option(
            names = "--namespace-pattern",
            paramLabel = "PATTERN",
            defaultValue = "proj-{project}",
            description = "Namespace of each project (default: ${DEFAULT-VALUE}).")
    String namespacePattern;

    @Option(
            names = "--cluster-queue-pattern",
            paramLabel = "PATTERN",
            defaultValue = "{project}",
            description = "ClusterQueue name of each project (default: ${DEFAULT-VALUE}).")
    String clusterQueuePattern;

    @Option(
            names = "--local-queue",
            paramLabel = "NAME",
            defaultValue = "default",
            description = "LocalQueue name in every project namespace (default: ${DEFAULT-VALUE}).")
    String localQueue;

    @Option(names = "--no-namespaces", description = "Do not write the project namespaces (they exist already).")
    boolean noNamespaces;

    @Option(
            names = "--killed-stop-policy",
            paramLabel = "POLICY",
            defaultValue = "HoldAndDrain",
            description = "Stop policy of a killed project after its yield date: Hold or HoldAndDrain (default:"
                    + " ${DEFAULT-VALUE}).")
    String killedStopPolicy;

    @Option(
            names = "--lend-fraction",
            paramLabel = "F",
            defaultValue = "1",
            description = "Fraction of its quota a project lends when idle (default: ${DEFAULT-VALUE} = all).")
    double lendFraction;

    @Option(
            names = "--borrow-fraction",
            paramLabel = "F",
            description = "A project borrows at most this fraction of its own quota (default: no limit).")
    Double borrowFraction;

    @Option(
            names = "--category-borrow",
            paramLabel = "CATEGORY=F",
            description = "A category borrows at most this fraction of its quota from the others, e.g. product=0."
                    + " Repeatable.")
    Map<String, Double> categoryBorrow = new LinkedHashMap<>();

    @Option(
            names = "--category-protect",
            paramLabel = "CATEGORY=F",
            description = "Fraction of a category's quota it never lends to other categories (default: its policy"
                    + " floor share). Repeatable.")
    Map<String, Double> categoryProtect = new LinkedHashMap<>();

    @Option(names = "--no-floor-protection", description = "Let categories lend even the quota of their floor share.")
    boolean noFloorProtection;

    KueueConfig config() {
        Map<GpuTypeId, String> labelValues = new LinkedHashMap<>();
        nodeLabelValues.forEach((type, value) -> labelValues.put(GpuTypeId.of(type), value));
        Sharing sharing = new Sharing(
                lendFraction,
                Optional.ofNullable(borrowFraction),
                categories(categoryBorrow),
                categories(categoryProtect),
                !noFloorProtection,
                DEFAULTS.sharing().reclaimWithinCohort());
        return DEFAULTS.toBuilder()
                .apiVersion(KueueApiVersion.parse(apiVersion))
                .resourceName(resource)
                .nodeLabels(nodeLabel, labelValues)
                .names(namespacePattern, clusterQueuePattern, localQueue)
                .createNamespaces(!noNamespaces)
                .killedStopPolicy(StopPolicy.parse(killedStopPolicy, "--killed-stop-policy"))
                .sharing(sharing)
                .build();
    }

    /** The day to enforce: {@code --at}, or the cycle's start, so that nothing of a cycle applies before it. */
    LocalDate asOf(LocalDate cycleStart) {
        if (asOf == null) {
            return cycleStart;
        }
        if (asOf.strip().equalsIgnoreCase("today")) {
            return LocalDate.now();
        }
        try {
            return LocalDate.parse(asOf);
        } catch (DateTimeParseException e) {
            throw AllotException.invalid(
                    "BAD_FLAG", "Flag --at '" + asOf + "' is not a date like 2026-12-15. Maybe --at today?");
        }
    }

    private static Map<CategoryId, Double> categories(Map<String, Double> values) {
        Map<CategoryId, Double> byCategory = new LinkedHashMap<>();
        values.forEach((category, value) -> byCategory.put(CategoryId.of(category), value));
        return byCategory;
    }
}
