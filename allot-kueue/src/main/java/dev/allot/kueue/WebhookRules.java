package dev.allot.kueue;

import dev.allot.core.Problem;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks Kueue's validating admission webhook adds to the CRD schema for ClusterQueues and Cohorts (rewritten
 * from Kueue's documented rules, not generated): resources and flavors appear once across groups, each flavor names
 * the covered resources in order, quantities are not negative, limits need a cohort (a parent, for a Cohort), a
 * ClusterQueue lends at most its nominal quota, and the totals stay within 256 flavors, 256 covered resources and 512
 * flavor-resource pairs per group. A Cohort's {@code lendingLimit} may exceed its own nominal quota: it bounds what
 * its whole subtree lends.
 */
final class WebhookRules {
    private static final int MAX_TOTAL = 256;
    private static final int MAX_PAIRS_PER_GROUP = 512;

    private WebhookRules() {}

    static void check(KueueObject object, List<Problem> problems) {
        boolean clusterQueue = object.kind().equals("ClusterQueue");
        if (!clusterQueue && !object.kind().equals("Cohort")) {
            return;
        }
        Map<String, Object> spec = object.spec();
        boolean hasParent =
                present(spec.get(clusterQueue ? "cohortName" : "parentName")) || present(spec.get("cohort"));
        if (!(spec.get("resourceGroups") instanceof List<?> groups)) {
            return;
        }
        Set<Object> resources = new HashSet<>();
        Set<Object> flavors = new HashSet<>();
        int totalFlavors = 0;
        int totalResources = 0;
        for (int g = 0; g < groups.size(); g++) {
            String groupPath = "spec.resourceGroups[" + g + "]";
            List<?> covered = list(field(groups.get(g), "coveredResources"));
            List<?> groupFlavors = list(field(groups.get(g), "flavors"));
            totalResources += covered.size();
            totalFlavors += groupFlavors.size();
            covered.stream()
                    .filter(name -> !resources.add(name))
                    .forEach(name -> problems.add(Problem.of(
                            groupPath + ".coveredResources", name, "covers a resource another resource group covers")));
            int pairs = 0;
            for (int f = 0; f < groupFlavors.size(); f++) {
                String flavorPath = groupPath + ".flavors[" + f + "]";
                Object flavor = groupFlavors.get(f);
                if (!flavors.add(field(flavor, "name"))) {
                    problems.add(Problem.of(
                            flavorPath + ".name", field(flavor, "name"), "is listed in more than one place"));
                }
                List<?> quotas = list(field(flavor, "resources"));
                pairs += quotas.size();
                for (int r = 0; r < quotas.size() && r < covered.size(); r++) {
                    checkQuota(
                            quotas.get(r),
                            covered.get(r),
                            flavorPath + ".resources[" + r + "]",
                            hasParent,
                            clusterQueue,
                            problems);
                }
            }
            if (pairs > MAX_PAIRS_PER_GROUP) {
                problems.add(Problem.of(
                        groupPath, pairs, "has more than " + MAX_PAIRS_PER_GROUP + " flavor-resource combinations"));
            }
        }
        if (totalFlavors > MAX_TOTAL || totalResources > MAX_TOTAL) {
            problems.add(Problem.of(
                    "spec.resourceGroups",
                    totalFlavors + " flavors, " + totalResources + " resources",
                    "exceeds " + MAX_TOTAL + " flavors or covered resources in total"));
        }
    }

    private static void checkQuota(
            Object quota,
            Object coveredName,
            String path,
            boolean hasParent,
            boolean clusterQueue,
            List<Problem> problems) {
        if (!coveredName.equals(field(quota, "name"))) {
            problems.add(Problem.of(
                    path + ".name",
                    field(quota, "name"),
                    "must match the name in coveredResources (" + coveredName + ")"));
        }
        for (String limit : List.of("nominalQuota", "borrowingLimit", "lendingLimit")) {
            BigDecimal value = number(field(quota, limit));
            if (value != null && value.signum() < 0) {
                problems.add(Problem.of(path + "." + limit, value, "must be greater than or equal to 0"));
            }
            if (!limit.equals("nominalQuota") && present(field(quota, limit)) && !hasParent) {
                problems.add(Problem.of(
                        path + "." + limit,
                        field(quota, limit),
                        "must be nil when " + (clusterQueue ? "cohort" : "parent") + " is empty"));
            }
        }
        BigDecimal lending = number(field(quota, "lendingLimit"));
        BigDecimal nominal = number(field(quota, "nominalQuota"));
        if (clusterQueue && lending != null && nominal != null && lending.compareTo(nominal) > 0) {
            problems.add(Problem.of(
                    path + ".lendingLimit",
                    lending,
                    "must be less than or equal to the nominalQuota (" + nominal + ")"));
        }
    }

    /** A plain number (Kueue writes GPU counts so); other quantity forms are left to the API server. */
    private static BigDecimal number(Object value) {
        if (value instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        if (value instanceof String text && text.matches("[+-]?[0-9]+(\\.[0-9]+)?")) {
            return new BigDecimal(text);
        }
        return null;
    }

    private static boolean present(Object value) {
        return value != null && !"".equals(value);
    }

    private static Object field(Object node, String name) {
        return node instanceof Map<?, ?> map ? map.get(name) : null;
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }
}
