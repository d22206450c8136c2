package dev.allot.core.rules;

import dev.allot.core.ErrorCode;
import dev.allot.core.Problem;
import dev.allot.core.model.Granularity;
import java.util.List;

/** The rules of pools and pins: GPU types that exist, capacity, whole nodes. */
public final class FleetRules {
    private FleetRules() {}

    /** A pool has nodes of at least one GPU and a whole number of them; problems name {@code gpus}, {@code gpusPerNode}. */
    public static List<Problem> pool(int gpus, int gpusPerNode) {
        if (gpusPerNode < 1) {
            return List.of(new Problem(
                    ErrorCode.POOL_NODE_SIZE.code(),
                    "gpusPerNode",
                    String.valueOf(gpusPerNode),
                    "must be at least 1",
                    "Maybe 8?"));
        }
        if (gpus % gpusPerNode != 0) {
            return List.of(new Problem(
                    ErrorCode.POOL_NOT_WHOLE_NODES.code(),
                    "gpus",
                    String.valueOf(gpus),
                    "is not a whole number of " + gpusPerNode + "-GPU nodes",
                    nearNodes(gpus, gpusPerNode)));
        }
        return List.of();
    }

    /** A GPU type the lab has; the problem names the type, the closest known type or the known types. */
    public static List<Problem> gpuType(String type, Fleet fleet) {
        if (fleet.has(type)) {
            return List.of();
        }
        String hint = Suggest.hint(type, fleet.capacityGpus().keySet());
        return List.of(new Problem(
                ErrorCode.UNKNOWN_GPU_TYPE.code(),
                "",
                type,
                "unknown GPU type",
                hint.isEmpty() ? "Maybe one of " + fleet.capacityGpus().keySet() + "?" : hint));
    }

    /**
     * A pin of {@code gpus} of one type: a type the lab has, within its capacity and, when the policy grants whole
     * nodes, a whole number of nodes. The problems name no field (the entry point places them at the type).
     */
    public static List<Problem> pin(String project, String type, int gpus, Fleet fleet, Granularity granularity) {
        List<Problem> unknown = gpuType(type, fleet);
        if (!unknown.isEmpty()) {
            return unknown;
        }
        List<Problem> count = AskRules.gpuCount("", gpus);
        if (!count.isEmpty()) {
            return count;
        }
        int capacity = fleet.capacity(type);
        if (gpus > capacity) {
            return List.of(new Problem(
                    ErrorCode.PIN_ABOVE_CAPACITY.code(),
                    "",
                    String.valueOf(gpus),
                    "Pin of project " + project + " exceeds the capacity of " + type + " (" + capacity + " GPUs)",
                    "Maybe at most " + capacity + "?"));
        }
        int node = fleet.nodeGpus(type);
        if (granularity == Granularity.NODE && gpus % node != 0) {
            return List.of(new Problem(
                    ErrorCode.PIN_NOT_WHOLE_NODES.code(),
                    "",
                    String.valueOf(gpus),
                    "Pin of project " + project + " is not a whole number of " + node + "-GPU " + type
                            + " nodes, and the policy grants whole nodes",
                    nearNodes(gpus, node)));
        }
        return List.of();
    }

    private static String nearNodes(int gpus, int node) {
        int below = gpus / node * node;
        return "Maybe " + (below == 0 ? "" : below + " or ") + (below + node) + "?";
    }
}
