package dev.allot.core.planner;

import dev.allot.core.planner.LinearModel.Row;
import dev.allot.core.planner.LinearModel.Var;
import java.util.Set;

/**
 * Prices capacity for explanations with the fixed LP (funded decisions held), falling back to the LP in which funded
 * projects may lose their funding when taking capacity away leaves the held decisions infeasible. Close to free both.
 */
final class Pricing implements AutoCloseable {
    private final LinearModel model;
    private final double[] values;
    private final Set<Var> funded;
    private final FixedLp held;
    private FixedLp droppable;

    private Pricing(LinearModel model, double[] values, Set<Var> funded, FixedLp held) {
        this.model = model;
        this.values = values;
        this.funded = funded;
        this.held = held;
    }

    /** Null when the fixed LP cannot be solved (then explanations carry no prices). */
    static Pricing of(LinearModel model, double[] values, Set<Var> funded) {
        FixedLp held = FixedLp.solve(model, values, funded, false);
        return held == null ? null : new Pricing(model, values, funded, held);
    }

    double[] duals() {
        return held.duals();
    }

    /** Value per GPU of {@code delta} more (negative: fewer) GPUs on a capacity row; NaN if it cannot be priced. */
    double valuePerGpu(Row capacity, int delta) {
        double value = held.valuePerUnit(capacity, delta);
        if (!Double.isNaN(value) || delta >= 0) {
            return value;
        }
        if (droppable == null) {
            droppable = FixedLp.solve(model, values, funded, true);
        }
        return droppable == null ? Double.NaN : droppable.valuePerUnit(capacity, delta);
    }

    @Override
    public void close() {
        held.close();
        if (droppable != null) {
            droppable.close();
        }
    }
}
