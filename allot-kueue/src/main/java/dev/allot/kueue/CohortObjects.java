package dev.allot.kueue;

import static dev.allot.kueue.Tree.map;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Policy;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.model.ShareBound;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cohort tree: a root cohort, and under it one cohort per category holding that category's ClusterQueues.
 *
 * <p>Kueue counts a cohort's {@code lendingLimit} against the quota of its whole subtree, so a category cohort with
 * {@code lendingLimit = categoryQuota - protected} never lends its protected part to other categories, however
 * idle it is; {@code borrowingLimit} caps what the category takes from the others.
 */
final class CohortObjects {
    private final KueueConfig config;
    private final Names names;
    private final Map<GpuTypeId, String> flavors;
    private final Policy policy;

    CohortObjects(KueueConfig config, Names names, Map<GpuTypeId, String> flavors, Policy policy) {
        this.config = config;
        this.names = names;
        this.flavors = flavors;
        this.policy = policy;
    }

    static String cohortName(KueueConfig config, CategoryId category) {
        return Names.fill(config.categoryCohortPattern(), "{category}", category.value());
    }

    List<KueueObject> cohorts(List<CategoryId> categories, Map<ProjectPlan, Allocation> quotas) {
        List<KueueObject> cohorts = new ArrayList<>();
        String root = names.subdomain("Cohort", config.rootCohort(), "the root cohort");
        cohorts.add(cohort(root, map(), map("role", "root")));
        Map<GpuTypeId, Integer> total = sum(quotas, null);
        for (CategoryId category : categories) {
            String name = names.subdomain("Cohort", cohortName(config, category), "category " + category);
            Map<GpuTypeId, Integer> own = sum(quotas, category);
            List<Map<String, Object>> limits = new ArrayList<>();
            flavors.forEach((type, flavor) -> {
                Map<String, Object> resource = limits(category, own.getOrDefault(type, 0), total.getOrDefault(type, 0));
                if (resource != null) {
                    limits.add(map("name", flavor, "resources", List.of(resource)));
                }
            });
            Map<String, Object> spec = map(
                    "parentName",
                    root,
                    "resourceGroups",
                    limits.isEmpty()
                            ? null
                            : List.of(map("coveredResources", List.of(config.resourceName()), "flavors", limits)));
            cohorts.add(cohort(
                    name,
                    spec,
                    map(
                            "role",
                            "category",
                            "category",
                            Names.labelValue(Names.dns(category.value()), "category " + category))));
        }
        return cohorts;
    }

    /** The category's lending and borrowing limits for one flavor, or {@code null} when it has neither. */
    private Map<String, Object> limits(CategoryId category, int categoryGpus, int totalGpus) {
        int protectedGpus = protectedGpus(category, categoryGpus, totalGpus);
        Double borrowing = config.sharing().categoryBorrowingFractions().get(category);
        if (protectedGpus == 0 && borrowing == null) {
            return null;
        }
        return map(
                "name",
                config.resourceName(),
                "nominalQuota",
                0,
                "borrowingLimit",
                borrowing == null ? null : (int) Math.floor(borrowing * categoryGpus),
                "lendingLimit",
                protectedGpus == 0 ? null : categoryGpus - protectedGpus);
    }

    /** GPUs of one type the category never lends: an explicit fraction of its quota, or its policy floor share. */
    int protectedGpus(CategoryId category, int categoryGpus, int totalGpus) {
        Double fraction = config.sharing().protectedFractions().get(category);
        if (fraction != null) {
            return (int) Math.ceil(fraction * categoryGpus);
        }
        if (!config.sharing().protectCategoryFloors()) {
            return 0;
        }
        double minShare = policy.shareBounds().stream()
                .filter(bound -> bound.category().equals(category))
                .mapToDouble(ShareBound::minShare)
                .max()
                .orElse(0);
        return Math.min(categoryGpus, (int) Math.ceil(minShare * totalGpus - 1e-9));
    }

    private KueueObject cohort(String name, Map<String, Object> spec, Map<String, Object> extraLabels) {
        Map<String, Object> labels = map(KueueCompiler.MANAGED_BY_LABEL, KueueCompiler.MANAGED_BY);
        extraLabels.forEach((key, value) -> labels.put(KueueCompiler.PREFIX + key, value));
        String apiVersion = config.apiVersion().apiVersion();
        Map<String, Object> body = map(
                "apiVersion",
                apiVersion,
                "kind",
                "Cohort",
                "metadata",
                KueueCompiler.metadata(name, "", labels, null),
                "spec",
                spec);
        return new KueueObject(apiVersion, "Cohort", "", name, body);
    }

    private static Map<GpuTypeId, Integer> sum(Map<ProjectPlan, Allocation> quotas, CategoryId category) {
        Map<GpuTypeId, Integer> sum = new LinkedHashMap<>();
        quotas.forEach((line, quota) -> {
            if (category == null || line.category().equals(category)) {
                quota.gpus().forEach((type, gpus) -> sum.merge(type, gpus, Integer::sum));
            }
        });
        return sum;
    }
}
