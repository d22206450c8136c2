package dev.allot.sim.policy;

import dev.allot.core.AllotException;
import dev.allot.sim.SharingPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The sharing policies by name: {@code strict}, {@code lending}, {@code fairshare}, {@code lending-relations}.
 */
public final class SharingPolicies {
    private static final Map<String, Supplier<SharingPolicy>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put(StrictQuotaPolicy.NAME, StrictQuotaPolicy::new);
        BY_NAME.put(LendingPolicy.NAME, LendingPolicy::new);
        BY_NAME.put(FairSharePolicy.NAME, FairSharePolicy::new);
        BY_NAME.put(LendingPolicy.KEEPING_RELATIONS, LendingPolicy::keepingCategoryRelations);
    }

    private SharingPolicies() {}

    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** A new instance of every policy, in the order of {@link #names()}. */
    public static List<SharingPolicy> all() {
        return BY_NAME.values().stream().map(Supplier::get).toList();
    }

    /** The policy of that name, or an invalid-input error listing the known names. */
    public static SharingPolicy byName(String name) {
        Supplier<SharingPolicy> factory = BY_NAME.get(name == null ? "" : name.strip());
        if (factory == null) {
            throw AllotException.invalid(
                    "sim.unknown-policy", "Sharing policy '" + name + "' is unknown. Maybe one of " + names() + "?");
        }
        return factory.get();
    }
}
