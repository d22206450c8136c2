package dev.allot.app.slurm;

import dev.allot.core.AllotException;
import dev.allot.core.model.GpuTypeId;
import dev.allot.slurm.SlurmCli;
import dev.allot.slurm.SlurmConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** How the plan maps onto the Slurm cluster, and how the Slurm tools are run. */
public final class ClusterOptions {
    @Option(
            names = "--cluster",
            paramLabel = "NAME",
            defaultValue = "${env:ALLOT_SLURM_CLUSTER:-ci}",
            description = "Slurm cluster name (ClusterName in slurm.conf; default: ${DEFAULT-VALUE}).")
    String cluster;

    @Option(
            names = "--parent-account",
            paramLabel = "NAME",
            defaultValue = "root",
            description = "Account the category accounts hang under (default: ${DEFAULT-VALUE}).")
    String parentAccount;

    @Option(
            names = "--category-prefix",
            paramLabel = "TEXT",
            defaultValue = "",
            description = "Prefix of category account names.")
    String categoryPrefix;

    @Option(
            names = "--project-prefix",
            paramLabel = "TEXT",
            defaultValue = "",
            description = "Prefix of project account names.")
    String projectPrefix;

    @Option(
            names = "--gpu-type",
            paramLabel = "LAB=SLURM",
            description = "GPU type as Slurm names it, e.g. --gpu-type H100=nvidia_h100 (default: lower-cased).")
    Map<String, String> gpuTypes = new LinkedHashMap<>();

    @Option(
            names = "--node-feature",
            paramLabel = "LAB=FEATURE",
            description = "Node feature (slurm.conf Features=) of the nodes of a GPU type, e.g. --node-feature"
                    + " H100=h100: a reserved block of that type reserves nodes with it (default: any nodes of the"
                    + " default partition).")
    Map<String, String> nodeFeatures = new LinkedHashMap<>();

    @Option(names = "--no-overall-cap", description = "Do not set the untyped gres/gpu cap, only per-type caps.")
    boolean noOverallCap;

    @Option(
            names = "--borrow-qos",
            paramLabel = "QOS",
            description = "An existing QOS every project account may use for borrowing/preemptible work.")
    String borrowQos;

    @Option(
            names = "--extra-user",
            paramLabel = "USER",
            description = "A user added to every project account (repeatable), e.g. a service account.")
    List<String> extraUsers = List.of();

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "60",
            description = "Time limit of each Slurm command (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    public SlurmConfig config() {
        Map<GpuTypeId, String> names = new LinkedHashMap<>();
        gpuTypes.forEach((lab, slurm) -> names.put(GpuTypeId.of(lab), slurm));
        Map<GpuTypeId, String> features = new LinkedHashMap<>();
        nodeFeatures.forEach((lab, feature) -> features.put(GpuTypeId.of(lab), feature));
        return new SlurmConfig(
                cluster,
                parentAccount,
                categoryPrefix,
                projectPrefix,
                names,
                !noOverallCap,
                java.util.Optional.ofNullable(borrowQos),
                extraUsers,
                features);
    }

    public SlurmCli cli() {
        if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
            throw AllotException.invalid(
                    "BAD_FLAG", "Flag --timeout must be between 1 and 3600 seconds (value: " + timeoutSeconds + ").");
        }
        return new SlurmCli(Duration.ofSeconds(timeoutSeconds), Map.of());
    }
}
