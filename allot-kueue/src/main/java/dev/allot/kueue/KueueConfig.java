package dev.allot.kueue;

import dev.allot.core.AllotException;
import dev.allot.core.model.GpuTypeId;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How a plan maps onto a Kubernetes cluster running Kueue. Name patterns use the placeholders {@code {project}} and
 * {@code {category}}, replaced by the id turned into a DNS name (lower case, other characters to {@code -}).
 *
 * @param apiVersion Kueue API version to write
 * @param resourceName the extended resource GPUs are requested as, e.g. {@code nvidia.com/gpu}
 * @param nodeLabelKey node label that selects a GPU type's nodes, e.g. {@code nvidia.com/gpu.product}
 * @param nodeLabelValues per GPU type, the label value its nodes carry; a type not named uses its id
 * @param namespacePattern the namespace of a project's LocalQueue, e.g. {@code proj-{project}}
 * @param clusterQueuePattern the name of a project's ClusterQueue
 * @param localQueueName the LocalQueue's name in every project namespace ({@code default} is the queue Kueue uses for
 *     jobs without a queue label)
 * @param rootCohort the cohort every category cohort belongs to
 * @param categoryCohortPattern the name of a category's cohort
 * @param createNamespaces whether the export also writes the project namespaces
 * @param killedStopPolicy stop policy of a killed project's ClusterQueue once its yield date has passed
 * @param sharing borrowing and lending between projects and categories
 * @param fieldManager field manager name used for server-side apply
 */
public record KueueConfig(
        KueueApiVersion apiVersion,
        String resourceName,
        String nodeLabelKey,
        Map<GpuTypeId, String> nodeLabelValues,
        String namespacePattern,
        String clusterQueuePattern,
        String localQueueName,
        String rootCohort,
        String categoryCohortPattern,
        boolean createNamespaces,
        StopPolicy killedStopPolicy,
        Sharing sharing,
        String fieldManager) {
    public KueueConfig {
        Objects.requireNonNull(apiVersion, "apiVersion");
        present(resourceName, "resourceName");
        present(nodeLabelKey, "nodeLabelKey");
        nodeLabelValues = java.util.Collections.unmodifiableMap(
                new TreeMap<>(nodeLabelValues == null ? Map.of() : nodeLabelValues));
        placeholder(namespacePattern, "namespacePattern", "{project}");
        placeholder(clusterQueuePattern, "clusterQueuePattern", "{project}");
        present(localQueueName, "localQueueName");
        present(rootCohort, "rootCohort");
        placeholder(categoryCohortPattern, "categoryCohortPattern", "{category}");
        if (killedStopPolicy == null || killedStopPolicy == StopPolicy.None) {
            throw AllotException.invalid(
                    "kueue.config",
                    "killedStopPolicy '" + killedStopPolicy
                            + "' would let a killed project keep admitting work. Maybe Hold or HoldAndDrain?");
        }
        Objects.requireNonNull(sharing, "sharing");
        present(fieldManager, "fieldManager");
    }

    /** Kueue v1beta2, {@code nvidia.com/gpu} on nodes labelled {@code nvidia.com/gpu.product}, default sharing. */
    public static KueueConfig defaults() {
        return new KueueConfig(
                KueueApiVersion.V1BETA2,
                "nvidia.com/gpu",
                "nvidia.com/gpu.product",
                Map.of(),
                "proj-{project}",
                "{project}",
                "default",
                "allot",
                "allot-{category}",
                true,
                StopPolicy.HoldAndDrain,
                Sharing.defaults(),
                "allot");
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes a few settings of a {@link KueueConfig}; unset ones keep their value. */
    public static final class Builder {
        private KueueApiVersion apiVersion;
        private String resourceName;
        private String nodeLabelKey;
        private Map<GpuTypeId, String> nodeLabelValues;
        private String namespacePattern;
        private String clusterQueuePattern;
        private String localQueueName;
        private String rootCohort;
        private String categoryCohortPattern;
        private boolean createNamespaces;
        private StopPolicy killedStopPolicy;
        private Sharing sharing;
        private String fieldManager;

        private Builder(KueueConfig from) {
            apiVersion = from.apiVersion;
            resourceName = from.resourceName;
            nodeLabelKey = from.nodeLabelKey;
            nodeLabelValues = from.nodeLabelValues;
            namespacePattern = from.namespacePattern;
            clusterQueuePattern = from.clusterQueuePattern;
            localQueueName = from.localQueueName;
            rootCohort = from.rootCohort;
            categoryCohortPattern = from.categoryCohortPattern;
            createNamespaces = from.createNamespaces;
            killedStopPolicy = from.killedStopPolicy;
            sharing = from.sharing;
            fieldManager = from.fieldManager;
        }

        public Builder apiVersion(KueueApiVersion value) {
            apiVersion = value;
            return this;
        }

        public Builder resourceName(String value) {
            resourceName = value;
            return this;
        }

        public Builder nodeLabels(String key, Map<GpuTypeId, String> values) {
            nodeLabelKey = key;
            nodeLabelValues = values;
            return this;
        }

        public Builder names(String namespaces, String clusterQueues, String localQueue) {
            namespacePattern = namespaces;
            clusterQueuePattern = clusterQueues;
            localQueueName = localQueue;
            return this;
        }

        public Builder cohorts(String root, String categoryPattern) {
            rootCohort = root;
            categoryCohortPattern = categoryPattern;
            return this;
        }

        public Builder createNamespaces(boolean value) {
            createNamespaces = value;
            return this;
        }

        public Builder killedStopPolicy(StopPolicy value) {
            killedStopPolicy = value;
            return this;
        }

        public Builder sharing(Sharing value) {
            sharing = value;
            return this;
        }

        public Builder fieldManager(String value) {
            fieldManager = value;
            return this;
        }

        /** The settings, checked. */
        public KueueConfig build() {
            return new KueueConfig(
                    apiVersion,
                    resourceName,
                    nodeLabelKey,
                    nodeLabelValues,
                    namespacePattern,
                    clusterQueuePattern,
                    localQueueName,
                    rootCohort,
                    categoryCohortPattern,
                    createNamespaces,
                    killedStopPolicy,
                    sharing,
                    fieldManager);
        }
    }

    private static void present(String value, String field) {
        if (value == null || value.isBlank()) {
            throw AllotException.invalid("kueue.config", field + " is empty. Maybe keep the default?");
        }
    }

    private static void placeholder(String pattern, String field, String required) {
        present(pattern, field);
        if (!pattern.contains(required)) {
            throw AllotException.invalid(
                    "kueue.config",
                    field + " '" + pattern + "' lacks " + required
                            + ", so every project would get the same name. Maybe '" + pattern + "-" + required + "'?");
        }
    }
}
