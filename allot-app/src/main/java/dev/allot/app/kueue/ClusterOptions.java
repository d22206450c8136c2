package dev.allot.app.kueue;

import dev.allot.core.AllotException;
import dev.allot.kueue.ApplyMode;
import dev.allot.kueue.KueueCluster;
import dev.allot.kueue.KueueConfig;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import picocli.CommandLine.Option;

/** How to reach the cluster: the usual kubeconfig ({@code KUBECONFIG}, {@code ~/.kube/config}) or in-cluster config. */
final class ClusterOptions {
    @Option(
            names = "--context",
            paramLabel = "NAME",
            description = "The kubeconfig context to use (default: the current one).")
    String context;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            defaultValue = "server-side",
            description = "How changed objects are written: server-side (server-side apply; default) or replace (for"
                    + " API servers without server-side apply).")
    String mode;

    /** The context (or API server URL) the last {@link #connect} reached, as runs are recorded. */
    String target = "kubernetes";

    KueueCluster connect(KueueConfig config) {
        ApplyMode applyMode = switch (mode) {
            case "server-side" -> ApplyMode.SERVER_SIDE;
            case "replace" -> ApplyMode.REPLACE;
            default ->
                throw AllotException.invalid(
                        "BAD_FLAG", "Flag --mode '" + mode + "' is not server-side or replace. Maybe server-side?");
        };
        // Kueue's API is beta by design; fabric8 would warn about it on every run.
        System.getProperties()
                .putIfAbsent(
                        "org.slf4j.simpleLogger.log.io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils",
                        "error");
        Config kubeConfig = context == null ? Config.autoConfigure(null) : Config.autoConfigure(context);
        target = kubeConfig.getCurrentContext() != null
                ? kubeConfig.getCurrentContext().getName()
                : String.valueOf(kubeConfig.getMasterUrl());
        return new KueueCluster(
                new KubernetesClientBuilder().withConfig(kubeConfig).build(), config.fieldManager(), applyMode);
    }
}
