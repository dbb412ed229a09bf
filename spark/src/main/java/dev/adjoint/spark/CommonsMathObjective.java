package dev.adjoint.spark;

import java.util.Arrays;

import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunctionGradient;

import dev.adjoint.ValueAndGradient;

/**
 * A {@link DistributedObjective} as the two halves Commons Math's gradient optimizers ask for (for example
 * {@code NonLinearConjugateGradientOptimizer}). The optimizer asks for the value and the gradient at the same
 * point separately; both come from one Spark job, kept for the last point asked.
 */
public final class CommonsMathObjective {

    private final DistributedObjective<?> objective;
    private double[] lastPoint;
    private ValueAndGradient last;

    /**
     * @param objective the objective to minimise
     */
    public CommonsMathObjective(DistributedObjective<?> objective) {
        this.objective = objective;
    }

    /** @return the value, for {@code optimize(...)} */
    public ObjectiveFunction function() {
        return new ObjectiveFunction(x -> at(x).value());
    }

    /** @return the gradient, for {@code optimize(...)} */
    public ObjectiveFunctionGradient gradient() {
        return new ObjectiveFunctionGradient(x -> at(x).gradient().clone());
    }

    private ValueAndGradient at(double[] x) {
        if (last == null || !Arrays.equals(lastPoint, x)) {
            last = objective.valueAndGradient(x);
            lastPoint = x.clone();
        }
        return last;
    }
}
