package dev.adjoint;

import java.io.Serializable;

/**
 * A function from a {@code double[]} to a {@code double[]}, the argument of {@link AD#jacobian}.
 *
 * <p>The function may read, copy and modify its argument; Adjoint passes it a copy. It may return a new array or
 * one it was given; the Jacobian is of the values it returns with respect to the values passed in.
 */
@FunctionalInterface
public interface VectorFunction extends Differentiable, Serializable {

    /**
     * Evaluates the function.
     *
     * @param x the argument
     * @return the value at {@code x}
     */
    double[] apply(double[] x);
}
