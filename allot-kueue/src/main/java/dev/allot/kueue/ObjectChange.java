package dev.allot.kueue;

import java.util.List;
import java.util.Objects;

/**
 * How one object on the cluster differs from the plan.
 *
 * @param object the desired object, or for an {@link Action#EXTRA} one, the object found on the cluster
 * @param fields for an {@link Action#UPDATE}, every field whose value differs
 */
public record ObjectChange(Action action, KueueObject object, List<FieldChange> fields) {
    /** What apply does about it. */
    public enum Action {
        /** Missing on the cluster: apply creates it. */
        CREATE,
        /** On the cluster with other values: apply sets the planned ones. */
        UPDATE,
        /** On the cluster as planned: apply leaves it alone. */
        UNCHANGED,
        /** On the cluster with another value in a field that cannot be updated: apply deletes and creates it. */
        RECREATE,
        /** Labelled as Allot's but not in the plan: reported; deleted only by apply with pruning. */
        EXTRA
    }

    /** One field: its path in the object, the value on the cluster ({@code null} = absent) and the planned value. */
    public record FieldChange(String path, Object cluster, Object plan) {
        /** {@code spec.stopPolicy: cluster Hold, plan None}. */
        public String describe() {
            return path + ": cluster " + (cluster == null ? "(absent)" : cluster) + ", plan "
                    + (plan == null ? "(absent)" : plan);
        }
    }

    public ObjectChange {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(object, "object");
        fields = List.copyOf(fields);
    }
}
