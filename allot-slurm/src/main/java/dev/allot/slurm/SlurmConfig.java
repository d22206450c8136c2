package dev.allot.slurm;

import dev.allot.core.AllotException;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.ProjectId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How a plan maps onto one Slurm cluster's accounting tree.
 *
 * @param cluster the Slurm cluster name ({@code ClusterName} in slurm.conf)
 * @param parentAccount account under which the category accounts hang ({@code root} or one Allot owns)
 * @param categoryAccountPrefix prefix of category account names, e.g. {@code cat-}
 * @param projectAccountPrefix prefix of project account names
 * @param gpuTypeNames GPU type as Slurm knows it ({@code gres/gpu:<name>}) per lab GPU type; unlisted types are
 *     lower-cased
 * @param overallGpuCap whether to also set the untyped {@code gres/gpu} cap (sum over types)
 * @param borrowQos an extra QOS every project account may use for borrowing/preemptible work, if any
 * @param extraUsers users added to every project account besides its members (e.g. a service account)
 * @param nodeFeatures the node feature (slurm.conf {@code Features=}) that marks the nodes of a GPU type, per lab GPU
 *     type; a reserved block of a listed type reserves nodes with that feature, of an unlisted type any nodes of the
 *     default partition
 */
public record SlurmConfig(
        String cluster,
        String parentAccount,
        String categoryAccountPrefix,
        String projectAccountPrefix,
        Map<GpuTypeId, String> gpuTypeNames,
        boolean overallGpuCap,
        Optional<String> borrowQos,
        List<String> extraUsers,
        Map<GpuTypeId, String> nodeFeatures) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern INVALID_CHARS = Pattern.compile("[^a-z0-9._-]+");

    public SlurmConfig {
        cluster = checkName("cluster", cluster, "Maybe use the ClusterName from slurm.conf?");
        parentAccount = checkName("parentAccount", parentAccount, "Maybe use root?");
        categoryAccountPrefix = categoryAccountPrefix == null ? "" : categoryAccountPrefix;
        projectAccountPrefix = projectAccountPrefix == null ? "" : projectAccountPrefix;
        gpuTypeNames = java.util.Collections.unmodifiableMap(new TreeMap<>(gpuTypeNames));
        gpuTypeNames.forEach((type, name) -> checkName("gpuTypeNames." + type, name, "Maybe h100?"));
        borrowQos = borrowQos.map(name -> checkName("borrowQos", name, "Maybe borrow?"));
        extraUsers = List.copyOf(extraUsers);
        extraUsers.forEach(user -> checkUser("extraUsers", user));
        nodeFeatures =
                java.util.Collections.unmodifiableMap(new TreeMap<>(nodeFeatures == null ? Map.of() : nodeFeatures));
        nodeFeatures.forEach((type, name) -> checkName("nodeFeatures." + type, name, "Maybe h100?"));
    }

    /** Without node features for reserved blocks. */
    public SlurmConfig(
            String cluster,
            String parentAccount,
            String categoryAccountPrefix,
            String projectAccountPrefix,
            Map<GpuTypeId, String> gpuTypeNames,
            boolean overallGpuCap,
            Optional<String> borrowQos,
            List<String> extraUsers) {
        this(
                cluster,
                parentAccount,
                categoryAccountPrefix,
                projectAccountPrefix,
                gpuTypeNames,
                overallGpuCap,
                borrowQos,
                extraUsers,
                Map.of());
    }

    /** Cluster {@code ci} (the test cluster), accounts directly under root, GPU types lower-cased. */
    public static SlurmConfig defaults(String cluster) {
        return new SlurmConfig(cluster, "root", "", "", Map.of(), true, Optional.empty(), List.of());
    }

    public SlurmConfig withCluster(String name) {
        return copy(copy -> copy.cluster = name);
    }

    public SlurmConfig withParentAccount(String parent) {
        return copy(copy -> copy.parentAccount = parent);
    }

    public SlurmConfig withPrefixes(String category, String project) {
        return copy(copy -> {
            copy.categoryAccountPrefix = category;
            copy.projectAccountPrefix = project;
        });
    }

    public SlurmConfig withGpuTypeNames(Map<GpuTypeId, String> names) {
        return copy(copy -> copy.gpuTypeNames = names);
    }

    public SlurmConfig withBorrowQos(String qos) {
        return copy(copy -> copy.borrowQos = Optional.ofNullable(qos));
    }

    public SlurmConfig withExtraUsers(List<String> users) {
        return copy(copy -> copy.extraUsers = users);
    }

    public SlurmConfig withOverallGpuCap(boolean cap) {
        return copy(copy -> copy.overallGpuCap = cap);
    }

    public SlurmConfig withNodeFeatures(Map<GpuTypeId, String> features) {
        return copy(copy -> copy.nodeFeatures = features);
    }

    /** This configuration with {@code change} made to a copy of its fields, checked as every configuration is. */
    private SlurmConfig copy(java.util.function.Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return copy.build();
    }

    /** The fields of a configuration while one of its {@code with...} copies is made; a new field is added here. */
    private static final class Copy {
        private String cluster;
        private String parentAccount;
        private String categoryAccountPrefix;
        private String projectAccountPrefix;
        private Map<GpuTypeId, String> gpuTypeNames;
        private boolean overallGpuCap;
        private Optional<String> borrowQos;
        private List<String> extraUsers;
        private Map<GpuTypeId, String> nodeFeatures;

        private Copy(SlurmConfig from) {
            cluster = from.cluster;
            parentAccount = from.parentAccount;
            categoryAccountPrefix = from.categoryAccountPrefix;
            projectAccountPrefix = from.projectAccountPrefix;
            gpuTypeNames = from.gpuTypeNames;
            overallGpuCap = from.overallGpuCap;
            borrowQos = from.borrowQos;
            extraUsers = from.extraUsers;
            nodeFeatures = from.nodeFeatures;
        }

        private SlurmConfig build() {
            return new SlurmConfig(
                    cluster,
                    parentAccount,
                    categoryAccountPrefix,
                    projectAccountPrefix,
                    gpuTypeNames,
                    overallGpuCap,
                    borrowQos,
                    extraUsers,
                    nodeFeatures);
        }
    }

    /** The node feature that marks nodes of a GPU type, if one is configured. */
    public Optional<String> nodeFeature(GpuTypeId type) {
        return Optional.ofNullable(nodeFeatures.get(type));
    }

    /** The GPU type as Slurm names it in {@code gres/gpu:<name>}. */
    public String slurmGpuType(GpuTypeId type) {
        return gpuTypeNames.getOrDefault(type, type.value().toLowerCase(Locale.ROOT));
    }

    /** TRES key of one GPU type, e.g. {@code gres/gpu:h100}. */
    public String tresKey(GpuTypeId type) {
        return "gres/gpu:" + slurmGpuType(type);
    }

    public String accountFor(ProjectId project) {
        return slurmName(projectAccountPrefix + project.value());
    }

    /** The project id an account stands for: the account name without the project prefix. */
    public ProjectId projectOf(String account) {
        boolean prefixed = !projectAccountPrefix.isEmpty() && account.startsWith(slurmName(projectAccountPrefix));
        return ProjectId.of(
                prefixed ? account.substring(slurmName(projectAccountPrefix).length()) : account);
    }

    public String accountFor(CategoryId category) {
        return slurmName(categoryAccountPrefix + category.value());
    }

    /**
     * Slurm stores account names lower-cased and its flat files split on {@code :} and quotes; anything outside
     * {@code [a-z0-9._-]} becomes {@code -}.
     */
    static String slurmName(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        String cleaned = INVALID_CHARS.matcher(lower).replaceAll("-");
        return cleaned.startsWith("-") ? "x" + cleaned : cleaned;
    }

    static String checkUser(String field, String user) {
        if (user == null || !Pattern.matches("[A-Za-z_][A-Za-z0-9._-]*", user)) {
            throw AllotException.invalid(
                    "slurm.user.invalid",
                    field + ": '" + user + "' is not a valid Slurm user"
                            + " name (letters, digits, '.', '_', '-', starting with a letter). Maybe use the login name?");
        }
        return user;
    }

    private static String checkName(String field, String value, String hint) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw AllotException.invalid(
                    "slurm.config.invalid",
                    field + ": '" + value + "' is not a valid Slurm"
                            + " name (lower-case letters, digits, '.', '_', '-'). " + hint);
        }
        return value;
    }
}
