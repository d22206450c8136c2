package dev.allot.kueue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The {@code x-kubernetes-validations} (CEL) rules of Kueue's CRDs, written out in Java. Rules are matched by their
 * exact text, so a CRD that changes a rule shows up as {@linkplain #isKnown unknown} instead of being checked wrongly.
 * Transition rules (those reading {@code oldSelf}) are only evaluated by the API server on update, never on create.
 */
final class CelRules {
    private static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    private static final Map<String, Predicate<Object>> RULES = Map.ofEntries(
            Map.entry(
                    "!has(self.cohort) && has(self.resourceGroups) ? self.resourceGroups.all(rg, rg.flavors.all(f, "
                            + "f.resources.all(r, !has(r.borrowingLimit)))) : true",
                    self -> noBorrowingWithout(self, "cohort")),
            Map.entry(
                    "!has(self.cohortName) && has(self.resourceGroups) ? self.resourceGroups.all(rg, rg.flavors.all(f,"
                            + " f.resources.all(r, !has(r.borrowingLimit)))) : true",
                    self -> noBorrowingWithout(self, "cohortName")),
            Map.entry(
                    "self.flavors.all(x, size(x.resources) == size(self.coveredResources))",
                    CelRules::flavorsCoverAllResources),
            Map.entry(
                    "!has(self.preference) || (self.whenCanBorrow == 'TryNextFlavor' && self.whenCanPreempt == "
                            + "'TryNextFlavor')",
                    self -> !has(self, "preference")
                            || ("TryNextFlavor".equals(get(self, "whenCanBorrow"))
                                    && "TryNextFlavor".equals(get(self, "whenCanPreempt")))),
            Map.entry(
                    "!(self.reclaimWithinCohort == 'Never' && has(self.borrowWithinCohort) &&  "
                            + "self.borrowWithinCohort.policy != 'Never')",
                    self -> !("Never".equals(get(self, "reclaimWithinCohort"))
                            && has(self, "borrowWithinCohort")
                            && !"Never".equals(get(get(self, "borrowWithinCohort"), "policy")))),
            Map.entry(
                    "!has(self.topologyName) || self.nodeLabels.size() >= 1",
                    self -> !has(self, "topologyName")
                            || get(self, "nodeLabels") instanceof Map<?, ?> labels && !labels.isEmpty()),
            Map.entry(
                    "self.all(x, x.effect in ['NoSchedule', 'PreferNoSchedule', 'NoExecute'])",
                    self -> all(self, x -> EFFECTS.contains(get(x, "effect")))),
            Map.entry(
                    "self.all(x, !has(x.key) ? x.operator == 'Exists' : true)",
                    self -> all(self, x -> has(x, "key") || "Exists".equals(get(x, "operator")))),
            Map.entry(
                    "self.all(x, has(x.tolerationSeconds) ? x.effect == 'NoExecute' : true)",
                    self -> all(self, x -> !has(x, "tolerationSeconds") || "NoExecute".equals(get(x, "effect")))),
            Map.entry(
                    "self.all(x, !has(x.operator) || x.operator in ['Equal', 'Exists'])",
                    self -> all(
                            self,
                            x -> !has(x, "operator")
                                    || Set.of("Equal", "Exists").contains(get(x, "operator")))),
            Map.entry(
                    "self.all(x, has(x.operator) && x.operator == 'Exists' ? !has(x.value) : true)",
                    self -> all(self, x -> !"Exists".equals(get(x, "operator")) || !has(x, "value"))),
            Map.entry(
                    "self.all(x, !has(x.effect) || x.effect in ['NoSchedule', 'PreferNoSchedule', 'NoExecute'])",
                    self -> all(self, x -> !has(x, "effect") || EFFECTS.contains(get(x, "effect")))));

    private CelRules() {}

    static boolean isTransitionRule(String rule) {
        return rule.contains("oldSelf");
    }

    static boolean isKnown(String rule) {
        return RULES.containsKey(rule) || isTransitionRule(rule);
    }

    /** Whether {@code self} satisfies a known, non-transition rule. */
    static boolean holds(String rule, Object self) {
        return RULES.get(rule).test(self);
    }

    private static boolean noBorrowingWithout(Object spec, String cohortField) {
        if (has(spec, cohortField) || !(get(spec, "resourceGroups") instanceof List<?> groups)) {
            return true;
        }
        return groups.stream()
                .allMatch(group -> all(
                        get(group, "flavors"),
                        flavor -> all(get(flavor, "resources"), resource -> !has(resource, "borrowingLimit"))));
    }

    private static boolean flavorsCoverAllResources(Object group) {
        int covered = get(group, "coveredResources") instanceof List<?> list ? list.size() : 0;
        return all(
                get(group, "flavors"),
                flavor -> (get(flavor, "resources") instanceof List<?> list ? list.size() : 0) == covered);
    }

    private static boolean all(Object list, Predicate<Object> test) {
        return !(list instanceof List<?> items) || items.stream().allMatch(test);
    }

    private static boolean has(Object node, String field) {
        return node instanceof Map<?, ?> map && map.get(field) != null;
    }

    private static Object get(Object node, String field) {
        return node instanceof Map<?, ?> map ? map.get(field) : null;
    }
}
