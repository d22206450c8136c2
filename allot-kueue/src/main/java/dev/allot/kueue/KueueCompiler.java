package dev.allot.kueue;

import static dev.allot.kueue.Tree.map;

import dev.allot.core.AllotException;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.GpuType;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
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
 */
public final class KueueCompiler {
    /** Label on every object Allot writes, so drift can find objects it no longer wants. */
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

    public static final String MANAGED_BY = "allot";
    static final String PREFIX = "allot.dev/";

    /** Kueue accepts at most this many flavors in one resource group. */
    static final int MAX_FLAVORS = 64;

    private KueueCompiler() {}

    /** The objects that enforce {@code plan} (drafted for {@code lab}) on {@code asOf}. */
    public static KueueManifest compile(Lab lab, Plan plan, KueueConfig config, LocalDate asOf) {
        Names names = new Names();
        Map<GpuTypeId, String> flavors = flavorNames(lab, names);
        List<CategoryId> categories = categories(lab, plan);
        checkNamed(config.nodeLabelValues().keySet(), flavors.keySet(), "node label value", "GPU type");
        checkNamed(
                config.sharing().categoryBorrowingFractions().keySet(),
                categories,
                "category borrowing limit",
                "category");
        checkNamed(config.sharing().protectedFractions().keySet(), categories, "protected fraction", "category");
        List<KueueObject> objects = new ArrayList<>();
        List<KueueManifest.PendingYield> pending = new ArrayList<>();
        Map<ProjectPlan, Allocation> quotas = QuotaTimeline.quotasOn(lab, plan, asOf);
        Map<LocalDate, Map<ProjectPlan, Allocation>> later = new java.util.TreeMap<>();
        QuotaTimeline.boundaries(lab, plan).stream()
                .filter(date -> date.isAfter(asOf))
                .forEach(date -> later.put(date, QuotaTimeline.quotasOn(lab, plan, date)));
        quotas.forEach((line, quota) -> later.entrySet().stream()
                .filter(next -> !next.getValue().get(line).equals(quota))
                .findFirst()
                .ifPresent(next -> pending.add(new KueueManifest.PendingYield(
                        line.project(), next.getKey(), quota, next.getValue().get(line)))));
        QueueObjects queues = new QueueObjects(config, names, flavors, lab, plan.cycle());
        if (config.createNamespaces()) {
            quotas.keySet().forEach(line -> objects.add(queues.namespace(line)));
        }
        lab.gpuTypes().forEach(type -> objects.add(flavor(type, flavors, config)));
        objects.addAll(new CohortObjects(config, names, flavors, lab.policy()).cohorts(categories, quotas));
        quotas.forEach((line, quota) -> objects.add(queues.clusterQueue(line, quota)));
        quotas.keySet().forEach(line -> objects.add(queues.localQueue(line)));
        return new KueueManifest(asOf, config.apiVersion(), objects, pending);
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

    private static KueueObject flavor(GpuType type, Map<GpuTypeId, String> flavors, KueueConfig config) {
        String name = flavors.get(type.id());
        String labelValue = Names.labelValue(
                config.nodeLabelValues().getOrDefault(type.id(), type.id().value()),
                "node label of GPU type " + type.id());
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
                "spec", map("nodeLabels", map(config.nodeLabelKey(), labelValue)));
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
