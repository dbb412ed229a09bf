package dev.adjoint;

import java.io.Serializable;

/**
 * A function from a {@code double[]} to one {@code double}, the argument of
 * {@link AD#gradient(MultivariateFunction, double[])}.
 *
 * <p>The function may read, copy and modify its argument; Adjoint passes it a copy, so the caller's array is never
 * changed, and the gradient is with respect to the values passed in.
 */
@FunctionalInterface
public interface MultivariateFunction extends Differentiable, Serializable {

    /**
     * Evaluates the function.
     *
     * @param x the argument
     * @return the value at {@code x}
     */
    double apply(double[] x);
}
