package dev.allot.evidence;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.MaxIter;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.hipparchus.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;

/**
 * Minimises a smooth function with analytic gradient by Hipparchus' non-linear conjugate gradient method
 * (Polak-Ribière, Brent line search). Hipparchus has no L-BFGS; among its optimisers this is the one that uses
 * gradients on a general (not least-squares) objective, which a Huber loss is.
 */
final class GradientMinimizer {
    /** Where a run ended, and whether it met the convergence test before the iteration limit. */
    record Result(double[] point, double value, boolean converged, int iterations) {}

    private final int maxIterations;

    GradientMinimizer(int maxIterations) {
        this.maxIterations = maxIterations;
    }

    Result minimize(ToDoubleFunction<double[]> value, Function<double[], double[]> gradient, double[] start) {
        // Relative change of 1e-10 between iterations: the Huber objective near the optimum changes by less than
        // 1e-9 of itself per step along the flat A/B valley, so a looser test stops before the exponents settle.
        NonLinearConjugateGradientOptimizer optimizer = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE,
                new SimpleValueChecker(1e-10, 1e-14),
                // A line search to 1e-4 relative is enough for conjugate directions and halves the fit time; the
                // Chinchilla optimum agrees with a 1e-8 line search to four digits in every parameter.
                1e-4,
                1e-10,
                1e-3);
        try {
            PointValuePair optimum = optimizer.optimize(
                    new ObjectiveFunction(value::applyAsDouble),
                    new ObjectiveFunctionGradient(gradient::apply),
                    GoalType.MINIMIZE,
                    new InitialGuess(start),
                    new MaxEval(Integer.MAX_VALUE),
                    new MaxIter(maxIterations + 1));
            return new Result(optimum.getPoint(), optimum.getValue(), true, optimizer.getIterations());
        } catch (MathIllegalStateException e) {
            // The iteration limit: report the run as not converged rather than pretend.
            return new Result(start, value.applyAsDouble(start), false, maxIterations);
        }
    }
}
