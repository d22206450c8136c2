package dev.allot.kueue;

import dev.allot.core.AllotException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The Kueue API version objects are written for. {@code v1beta2} is Kueue's storage version; {@code v1beta1} is still
 * served (deprecated) for clusters running an older Kueue.
 */
public enum KueueApiVersion {
    V1BETA2("v1beta2", "cohortName"),
    V1BETA1("v1beta1", "cohort");

    /** The Kueue API group. */
    public static final String GROUP = "kueue.x-k8s.io";

    private final String version;
    private final String cohortField;

    KueueApiVersion(String version, String cohortField) {
        this.version = version;
        this.cohortField = cohortField;
    }

    /** e.g. {@code v1beta2}. */
    public String version() {
        return version;
    }

    /** e.g. {@code kueue.x-k8s.io/v1beta2}. */
    public String apiVersion() {
        return GROUP + "/" + version;
    }

    /** The ClusterQueue field naming its cohort: {@code cohortName} in v1beta2, {@code cohort} in v1beta1. */
    String clusterQueueCohortField() {
        return cohortField;
    }

    /** Parses {@code v1beta2} or {@code v1beta1} (case-insensitive). */
    public static KueueApiVersion parse(String text) {
        for (KueueApiVersion candidate : values()) {
            if (candidate.version.equalsIgnoreCase(text == null ? "" : text.strip())) {
                return candidate;
            }
        }
        String known = Arrays.stream(values()).map(KueueApiVersion::version).collect(Collectors.joining(", "));
        throw AllotException.invalid(
                "kueue.api-version",
                "Kueue API version '" + text + "' is not supported; expected one of " + known + ". Maybe use "
                        + V1BETA2.version.toLowerCase(Locale.ROOT) + " (Kueue's current version)?");
    }
}
